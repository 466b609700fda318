/**
 * How many items each list field of the schema can hold, for the query cost model (rules.ts). A
 * list without pagination arguments costs its bound times what is selected in each item, so a
 * query cannot multiply lists it does not page (100 deals × their members × each member's whole
 * firm) past the cost limit unseen.
 *
 * Declared on the field with `@Extensions(maxItems(N))` and read from the schema (HTTP and socket
 * alike). "Enforced" means the data or the resolver can never hold more; "estimate" means the data
 * is not capped and the number is a generous real-world size, so such queries are priced at the
 * size they realistically reach. A list that declares nothing counts as `LIST_BOUNDS.default`.
 */
export const LIST_BOUNDS = {
  /** Opportunity.members, and the firms of an outline (one per firm with people in the room). Enforced: addRoomMember refuses the 26th person of a room. */
  roomMembers: 25,
  /** PresenceEvent.users. Enforced: a presence snapshot lists at most this many people. */
  presence: 50,
  /** Organization.members. Estimate: a firm's people are not capped. */
  organizationMembers: 500,
  /** CreditSplit/SplitRevision.lines, OutlineSplit.lines, Activity.payouts. Enforced: proposeSplit takes at most 100 lines. */
  splitLines: 100,
  /** Approvals and organizations awaiting approval: one per organization with a line, so no more than the lines. */
  splitOrganizations: 100,
  /** SuggestedSplit.lines: a line per person the audit trail credits. Estimate (people who left a room keep their credit). */
  suggestedLines: 50,
  /** SuggestedSplit.explanation: a sentence per line and a few more. Estimate. */
  explanation: 60,
  /** Assessment.items, PartnerDirectoryEntry.strengths. Enforced: saveAssessment takes at most 100 items. */
  assessmentItems: 100,
  /** partnerDirectory: enforced, the best-matching firms only. */
  directoryEntries: 50,
  /** PartnerDirectoryEntry.strengths: enforced, a firm's first strengths that cover the needs. */
  directoryStrengths: 10,
  /** AssessmentItem.capabilities/industries: enforced, at most 20 tags an item. PartnerDirectoryEntry.matchedNeeds: estimate. */
  tags: 20,
  /** Activity.changes: one per edited field of an opportunity or membership. Enforced by the number of fields. */
  fieldChanges: 10,
  /** ApiToken.scopes: READ and WRITE. */
  scopes: 2,
  /** Webhook.events: the three event kinds. */
  webhookEvents: 3,
  /** Opportunity.commitments, helpRequests, HelpRequest.answers, meetings and outlines, an outline firm's commitments. Estimate. */
  perRoom: 50,
  /** DealRegistration.attachments. Enforced: a registration carries at most this many files. */
  registrationAttachments: 10,
  /** DealRegistration.conflicts and conflictingRegistrations. Enforced: the first this many of the account's open deals, and of other partners' registrations. */
  registrationConflicts: 10,
  /** The caller's organization's lists: accounts, partnerships, deal registrations, the directory. Estimate. */
  perOrganization: 200,
  /** The caller's organization's API tokens and webhooks. Estimate. */
  perOrganizationSettings: 50,
  /** Partnership.revisions: its agreement's history. Estimate: a partnership is amended a few times a year. */
  partnershipRevisions: 20,
  /** PartnershipTerms.signatures: enforced, one per side. */
  signatures: 2,
  /** codesOfConduct: the published versions. Estimate: a new version is rare. */
  codesOfConduct: 20,
  /** Any list that declares no bound. */
  default: 50,
} as const;

/** Marks a list sized by its parent's page (a connection's `edges`): its `first`/`last` is counted on the connection field. */
export const PAGE_SIZED = "page";

/** The field extension the cost model reads: `@Extensions(maxItems(LIST_BOUNDS.roomMembers))`. */
export const maxItems = (bound: number | typeof PAGE_SIZED): { maxItems: number | typeof PAGE_SIZED } => ({ maxItems: bound });
