import DataLoader from "dataloader";
import type { DataSource, EntityManager } from "typeorm";
import { AccessLevel, OrganizationKind, SwotKind, mayDecideOutcome } from "@cosell/schema";
import { forbidden, notFound } from "../errors.js";
import { rowIdOf } from "../ids.js";
import { isManager } from "./viewer.js";
import type { Viewer } from "./viewer.js";

/**
 * The visibility rules of DESIGN.md section 2, in one place. Every resolver, nested field, `node(id)`,
 * mutation and subscription asks this module; whatever a caller may not see is NOT_FOUND, exactly
 * as a missing id.
 */

export type Access = "NONE" | "READ" | "WRITE";

const ACCESS_RANK: Readonly<Record<Access, number>> = { NONE: 0, READ: 1, WRITE: 2 };

/** What the rules need to know about one opportunity and the viewer. */
export interface OpportunityFacts {
  readonly organizationId: string;
  /** The viewer's own room membership (users only). */
  readonly viewerAccess: AccessLevel | null;
  /** Whether some user of the viewer's organization is a member, and whether one has WRITE. */
  readonly orgHasMember: boolean;
  readonly orgHasWriteMember: boolean;
  /**
   * Whether the viewer's organization has a line in the split's revision in force (agreed or
   * locked): a firm keeps reading the deal it earned credit on, and its payout, even after its
   * people leave or are removed from the room. READ only, never WRITE.
   */
  readonly orgHasAgreedLine: boolean;
}

export function decideOpportunityAccess(viewer: Viewer, facts: OpportunityFacts): Access {
  const ownOrg = facts.organizationId === viewer.organizationId;
  if (viewer.kind === "token") {
    if (!ownOrg && !facts.orgHasMember && !facts.orgHasAgreedLine) return "NONE";
    const canWrite = viewer.scopes.includes("WRITE") && (ownOrg || facts.orgHasWriteMember);
    return canWrite ? "WRITE" : "READ";
  }
  if (ownOrg) {
    return facts.viewerAccess === AccessLevel.WRITE || isManager(viewer) ? "WRITE" : "READ";
  }
  if (facts.viewerAccess === AccessLevel.WRITE) return "WRITE";
  if (facts.viewerAccess === AccessLevel.READ) return "READ";
  if (isManager(viewer) && facts.orgHasMember) return "READ";
  return facts.orgHasAgreedLine ? "READ" : "NONE";
}

/**
 * Who may add, change or remove a room member, beyond write access to the room:
 * - the owner rep's role and access change only by a manager or admin of the opportunity's own
 *   organization (so nobody, not even a partner with WRITE, can lock the owner out);
 * - a partner (a writer of another organization than the opportunity's) adds, changes or removes
 *   only people of their own firm; other firms' people take a writer of the opportunity's own
 *   organization;
 * - nobody grants more access than they hold.
 */
export function memberChangeRefusal(
  viewer: Viewer,
  facts: {
    readonly opportunityOrganizationId: string;
    readonly memberOrganizationId: string;
    readonly memberIsOwner: boolean;
    readonly viewerAccess: Access;
    readonly grant: AccessLevel | null;
  },
): string | null {
  if (facts.grant !== null && ACCESS_RANK[facts.grant] > ACCESS_RANK[facts.viewerAccess]) {
    return `You hold ${facts.viewerAccess} access and cannot grant ${facts.grant}`;
  }
  if (facts.viewerAccess !== "WRITE") return "You have read-only access to this opportunity";
  if (facts.memberIsOwner && !(isManager(viewer) && viewer.organizationId === facts.opportunityOrganizationId)) {
    return "Only a manager or admin of the opportunity's organization changes the owner rep's role or access";
  }
  const partner = viewer.organizationId !== facts.opportunityOrganizationId;
  if (partner && facts.memberOrganizationId !== viewer.organizationId) {
    return "As a partner on this opportunity you may add, change or remove only people of your own organization";
  }
  return null;
}

/**
 * The same rule as `decideOpportunityAccess` (READ or better) as a SQL condition on an opportunity
 * aliased `o`, for lists and connections. Its placeholders start at `$firstParam`.
 */
export function visibleOpportunitySql(viewer: Viewer, firstParam: number): { sql: string; params: string[] } {
  const org = `$${firstParam}`;
  if (viewer.kind === "user" && !isManager(viewer)) {
    const user = `$${firstParam + 1}`;
    return { sql: repSeesOpportunitySql(org, user), params: [viewer.organizationId, viewer.userId] };
  }
  return { sql: organizationSeesOpportunitySql(org), params: [viewer.organizationId] };
}

/** A rep (`user` of `org`, placeholders or columns) sees: the own organization's deals, rooms it is in, deals its firm has an agreed line in. */
function repSeesOpportunitySql(org: string, user: string): string {
  return `(o.organization_id = ${org} OR EXISTS (SELECT 1 FROM room_member vis WHERE vis.opportunity_id = o.id AND vis.user_id = ${user}) OR ${agreedLineSql(org)})`;
}

/**
 * Who among the people and API tokens of `organizationIds` may read the opportunity now (the rule of
 * `visibleOpportunitySql`, for many viewers at once), read inside the caller's transaction: the
 * user ids, and the organizations whose tokens may (a token sees what its organization sees).
 * The owner organization is left out: its people and tokens always see its deals. Compared before
 * and after a change of the room, it says who gained or lost sight of the deal.
 */
export async function whoSeesOpportunity(
  em: EntityManager,
  opportunityId: string,
  organizationIds: readonly string[],
): Promise<{ readonly userIds: ReadonlySet<string>; readonly tokenOrganizationIds: ReadonlySet<string> }> {
  const rows: { user_id: string | null; organization_id: string }[] = await em.query(
    `SELECT u.id AS user_id, u.organization_id FROM app_user u JOIN opportunity o ON o.id = $1
      WHERE u.organization_id = ANY($2::uuid[]) AND u.organization_id <> o.organization_id
        AND CASE WHEN u.role = 'REP' THEN ${repSeesOpportunitySql("u.organization_id", "u.id")}
                 ELSE ${organizationSeesOpportunitySql("u.organization_id")} END
     UNION ALL
     SELECT NULL, g.id FROM organization g JOIN opportunity o ON o.id = $1
      WHERE g.id = ANY($2::uuid[]) AND g.id <> o.organization_id AND ${organizationSeesOpportunitySql("g.id")}`,
    [opportunityId, [...new Set(organizationIds)]],
  );
  return {
    userIds: new Set(rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id]))),
    tokenOrganizationIds: new Set(rows.flatMap((r) => (r.user_id === null ? [r.organization_id] : []))),
  };
}

/**
 * Managers, admins and tokens see every room their organization has a member in, and every deal it
 * has a line in the agreed split of: that rule as a SQL condition on an opportunity aliased `o`, for
 * the organization `org` (a placeholder or a column).
 */
export function organizationSeesOpportunitySql(org: string): string {
  return `(o.organization_id = ${org} OR EXISTS (SELECT 1 FROM room_member vis JOIN app_user vu ON vu.id = vis.user_id WHERE vis.opportunity_id = o.id AND vu.organization_id = ${org}) OR ${agreedLineSql(org)})`;
}

/**
 * The same rule as `visibleOpportunitySql`, for any user: a SQL condition on a user aliased `u`
 * (with `organization_id`, `role`) and an opportunity aliased `o`. Used to tell only the people who
 * may read the opportunity (notifications).
 */
export function userSeesOpportunitySql(): string {
  return `(CASE WHEN u.role IN ('MANAGER', 'ADMIN') THEN ${organizationSeesOpportunitySql("u.organization_id")}
           ELSE (o.organization_id = u.organization_id OR EXISTS (SELECT 1 FROM room_member vis WHERE vis.opportunity_id = o.id AND vis.user_id = u.id) OR ${agreedLineSql("u.organization_id")}) END)`;
}

/** What the write rule reads of a viewer, one SQL expression each (columns or placeholders). */
export interface WriterSql {
  /** The user's id; NULL for an API token. */
  readonly userId: string;
  readonly organizationId: string;
  /** Whether the viewer is a person with the MANAGER or ADMIN role. */
  readonly manager: string;
  /** Whether the viewer is an API token, and whether that token has the WRITE scope. */
  readonly token: string;
  readonly tokenWrites: string;
}

/** The values of `WriterSql` for one viewer. */
export function writerFacts(viewer: Viewer): {
  userId: string | null;
  organizationId: string;
  manager: boolean;
  token: boolean;
  tokenWrites: boolean;
} {
  return {
    userId: viewer.kind === "user" ? viewer.userId : null,
    organizationId: viewer.organizationId,
    manager: isManager(viewer),
    token: viewer.kind === "token",
    tokenWrites: viewer.kind === "token" && viewer.scopes.includes("WRITE"),
  };
}

/**
 * The same rule as `decideOpportunityAccess(…) === "WRITE"` as a SQL condition on an opportunity
 * aliased `o`, for a statement that writes for many viewers at once and decides each inside itself
 * (the group commit of the activity log).
 */
export function writableOpportunitySql(v: WriterSql): string {
  const writeMember = `EXISTS (SELECT 1 FROM room_member wm WHERE wm.opportunity_id = o.id AND wm.user_id = ${v.userId} AND wm.access = 'WRITE')`;
  const orgWriteMember = `EXISTS (SELECT 1 FROM room_member wm JOIN app_user wu ON wu.id = wm.user_id WHERE wm.opportunity_id = o.id AND wu.organization_id = ${v.organizationId} AND wm.access = 'WRITE')`;
  return `(CASE WHEN ${v.token} THEN ${v.tokenWrites} AND (o.organization_id = ${v.organizationId} OR ${orgWriteMember})
           ELSE ${writeMember} OR (${v.manager} AND o.organization_id = ${v.organizationId}) END)`;
}

/** `orgHasAgreedLine` as SQL: `org` has a line in the revision in force of the split of `o`. */
function agreedLineSql(org: string): string {
  return `EXISTS (SELECT 1 FROM credit_split vcs JOIN split_line vsl ON vsl.split_id = vcs.id AND vsl.revision = vcs.agreed_revision WHERE vcs.opportunity_id = o.id AND vsl.organization_id = ${org})`;
}

/**
 * Everything the rules read from a viewer (all of it but an API token's id, which only names whose
 * rate limit is spent): two viewers with the same class get the same decision everywhere, so their
 * subscriptions may share one execution per event.
 */
export function permissionClassOf(viewer: Viewer): string {
  return viewer.kind === "user"
    ? `user:${viewer.userId}:${viewer.organizationId}:${viewer.role}`
    : `token:${viewer.organizationId}:${[...viewer.scopes].sort().join(",")}`;
}

/**
 * Whether two organizations have a SIGNED partnership, read inside the caller's transaction with the
 * partnership row share-locked: a termination cannot commit between this check and the write it
 * guards.
 */
export async function signedPartnershipHolds(em: EntityManager, organizationId: string, otherOrganizationId: string): Promise<boolean> {
  if (organizationId === otherOrganizationId) return true;
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM partnership
      WHERE status = 'SIGNED'
        AND ((proposer_organization_id = $1 AND partner_organization_id = $2) OR (proposer_organization_id = $2 AND partner_organization_id = $1))
      LIMIT 1 FOR SHARE`,
    [organizationId, otherOrganizationId],
  );
  return rows.length > 0;
}

/**
 * Who answers a commitment proposed to someone (accepts or declines it): the assignee, or a
 * manager/admin of the assignee's organization, whose people's workload it is. Never an API token:
 * agreeing to deliver is a person's word. The room must also be visible to them (NOT_FOUND first).
 */
export function mayAnswerCommitment(viewer: Viewer, assignee: { readonly id: string; readonly organizationId: string }): boolean {
  if (viewer.kind !== "user") return false;
  return viewer.userId === assignee.id || (isManager(viewer) && viewer.organizationId === assignee.organizationId);
}

/**
 * Who acts for an organization as a whole (its webhooks, its payout export): its managers and
 * admins, and its API tokens.
 */
export function actsForOrganization(viewer: Viewer): boolean {
  return viewer.kind === "token" || isManager(viewer);
}

/**
 * Who imports deals from a CSV file (`POST /import/opportunities`), into their own organization:
 * the people of a vendor, whatever their role (a rep opens deals as the API lets them). Partner
 * firms register deals with the vendor instead (registerDeal); API tokens create them one at a
 * time (createOpportunity), each with its owner rep.
 */
export function mayImportDeals(viewer: Viewer, organizationKind: OrganizationKind): boolean {
  return viewer.kind === "user" && organizationKind === OrganizationKind.VENDOR;
}

/** One viewer's question about one opportunity. */
export interface AccessQuestion {
  readonly viewer: Viewer;
  readonly opportunityId: string;
}

/**
 * `decideOpportunityAccess` for many viewers and opportunities at once: one query reads the facts
 * of every pair. NONE for an opportunity that does not exist.
 */
export async function accessOfMany(em: EntityManager, questions: readonly AccessQuestion[]): Promise<Access[]> {
  const rows: {
    n: string;
    organization_id: string;
    viewer_access: AccessLevel | null;
    org_member: boolean;
    org_write_member: boolean;
    org_agreed_line: boolean;
  }[] = await em.query(
    `SELECT q.n, o.organization_id,
            (SELECT m.access FROM room_member m WHERE m.opportunity_id = o.id AND m.user_id = q.user_id) AS viewer_access,
            EXISTS (SELECT 1 FROM room_member m JOIN app_user u ON u.id = m.user_id
                    WHERE m.opportunity_id = o.id AND u.organization_id = q.org) AS org_member,
            EXISTS (SELECT 1 FROM room_member m JOIN app_user u ON u.id = m.user_id
                    WHERE m.opportunity_id = o.id AND u.organization_id = q.org AND m.access = 'WRITE') AS org_write_member,
            ${agreedLineSql("q.org")} AS org_agreed_line
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS q(opportunity_id, user_id, org, n)
       JOIN opportunity o ON o.id = q.opportunity_id`,
    [
      questions.map((q) => q.opportunityId),
      questions.map((q) => (q.viewer.kind === "user" ? q.viewer.userId : null)),
      questions.map((q) => q.viewer.organizationId),
    ],
  );
  const answers: Access[] = questions.map(() => "NONE");
  for (const row of rows) {
    const i = Number(row.n) - 1;
    answers[i] = decideOpportunityAccess(questions[i]!.viewer, {
      organizationId: row.organization_id,
      viewerAccess: row.viewer_access,
      orgHasMember: row.org_member,
      orgHasWriteMember: row.org_write_member,
      orgHasAgreedLine: row.org_agreed_line,
    });
  }
  return answers;
}

/**
 * Access questions from every subscriber on this instance, asked together: all those asked in one
 * tick (a burst of subscriptions after a restart, every subscriber of a room re-checking on
 * membership news) take one query. Nothing is remembered between ticks.
 */
export function sharedAccessChecks(dataSource: DataSource): DataLoader<AccessQuestion, Access> {
  return new DataLoader((questions) => accessOfMany(dataSource.manager, questions), { cache: false, maxBatchSize: 1000 });
}

/** Per-request policy: batches the facts it needs (one query per batch of ids). */
export class Policy {
  // Made on first use: a live subscription keeps its policy for as long as the socket is open.
  private opportunityAccess?: DataLoader<string, Access>;
  private signedPartners?: DataLoader<string, ReadonlySet<string>>;

  constructor(
    private readonly dataSource: DataSource,
    readonly viewer: Viewer,
  ) {}

  accessToOpportunity(opportunityId: string): Promise<Access> {
    this.opportunityAccess ??= new DataLoader((ids) => this.loadOpportunityAccess(ids));
    return this.opportunityAccess.load(opportunityId);
  }

  /** Forget cached decisions after a change of membership or partnership in this request. */
  forget(): void {
    this.opportunityAccess?.clearAll();
    this.signedPartners?.clearAll();
  }

  /** The row id of the opportunity a global id names, when the viewer may read it; else NOT_FOUND. */
  async readableOpportunityId(globalId: string): Promise<string> {
    const id = rowIdOf("Opportunity", globalId, "Opportunity");
    await this.assertReadOpportunity(id);
    return id;
  }

  /** The row id of the opportunity a global id names, when the viewer may write it; NOT_FOUND or FORBIDDEN otherwise. */
  async writableOpportunityId(globalId: string): Promise<string> {
    const id = rowIdOf("Opportunity", globalId, "Opportunity");
    await this.assertWriteOpportunity(id);
    return id;
  }

  async canReadOpportunity(opportunityId: string): Promise<boolean> {
    return (await this.accessToOpportunity(opportunityId)) !== "NONE";
  }

  async assertReadOpportunity(opportunityId: string): Promise<void> {
    if (!(await this.canReadOpportunity(opportunityId))) throw notFound("Opportunity");
  }

  async assertWriteOpportunity(opportunityId: string): Promise<void> {
    const access = await this.accessToOpportunity(opportunityId);
    if (access === "NONE") throw notFound("Opportunity");
    if (access !== "WRITE") throw forbidden("You have read-only access to this opportunity");
  }

  /**
   * FORBIDDEN unless the viewer may move the opportunity to CLOSED_WON or CLOSED_LOST: deciding the
   * outcome, and with it the payouts, is for the opportunity's own organization (its WRITE members,
   * managers, admins and WRITE tokens); partner reps work the deal with WRITE access but do not
   * close it (`mayDecideOutcome` in @cosell/schema).
   */
  async assertDecideOutcome(opportunity: { readonly id: string; readonly organizationId: string }): Promise<void> {
    await this.assertWriteOpportunity(opportunity.id);
    if (!mayDecideOutcome(this.viewer, opportunity)) {
      throw forbidden(
        "Only the opportunity's own organization closes it (CLOSED_WON or CLOSED_LOST); ask its owner rep or a manager there",
      );
    }
  }

  /**
   * FORBIDDEN unless the viewer may add, change or remove `member` in the room (see
   * `memberChangeRefusal`). Decided inside the caller's transaction, after it locked the
   * opportunity row: the viewer's own access and the owner are read as of that lock, so no
   * concurrent change of either slips between this check and the write.
   */
  async assertChangeMemberWithin(
    em: EntityManager,
    opportunity: { readonly id: string; readonly organizationId: string; readonly ownerId: string },
    member: { readonly id: string; readonly organizationId: string },
    grant: AccessLevel | null,
  ): Promise<void> {
    const [viewerAccess] = await this.loadOpportunityAccess([opportunity.id], em);
    if (!viewerAccess || viewerAccess === "NONE") throw notFound("Opportunity");
    const refusal = memberChangeRefusal(this.viewer, {
      opportunityOrganizationId: opportunity.organizationId,
      memberOrganizationId: member.organizationId,
      memberIsOwner: member.id === opportunity.ownerId,
      viewerAccess,
      grant,
    });
    if (refusal) throw forbidden(refusal);
  }

  /** Whether the viewer is a person with the MANAGER or ADMIN role in `organizationId` (their own by default). */
  isManagerOf(organizationId: string = this.viewer.organizationId): boolean {
    return isManager(this.viewer) && this.viewer.organizationId === organizationId;
  }

  /**
   * FORBIDDEN with `refusal` unless the viewer is a manager or admin of `organizationId` (never an
   * API token); returns their user id, to record as the actor.
   */
  assertManagerOf(organizationId: string, refusal: string): string {
    if (this.viewer.kind !== "user" || !this.isManagerOf(organizationId)) throw forbidden(refusal);
    return this.viewer.userId;
  }

  /** FORBIDDEN with `refusal` unless the viewer is an ADMIN of their organization (never an API token); returns their user id. */
  assertAdmin(refusal: string): string {
    if (this.viewer.kind !== "user" || this.viewer.role !== "ADMIN") throw forbidden(refusal);
    return this.viewer.userId;
  }

  /** `assertManagerOf` the viewer's own organization. */
  assertManager(refusal: string): string {
    return this.assertManagerOf(this.viewer.organizationId, refusal);
  }

  /** FORBIDDEN with `refusal` unless the viewer acts for their organization as a whole (see `actsForOrganization`). */
  assertActsForOrganization(refusal: string): void {
    if (!actsForOrganization(this.viewer)) throw forbidden(refusal);
  }

  /** Organizations the viewer's organization has a SIGNED partnership with. */
  signedPartnersOf(organizationId: string = this.viewer.organizationId): Promise<ReadonlySet<string>> {
    this.signedPartners ??= new DataLoader((orgIds) => this.loadSignedPartners(orgIds));
    return this.signedPartners.load(organizationId);
  }

  /** Own organization and signed partners see an organization's people; others see the company only. */
  async canSeeMembersOf(organizationId: string): Promise<boolean> {
    if (organizationId === this.viewer.organizationId) return true;
    return (await this.signedPartnersOf()).has(organizationId);
  }

  /** A user by id: own organization, a signed partner's, or someone in a room the viewer can see. */
  async canReadUser(userId: string, userOrganizationId: string): Promise<boolean> {
    if (await this.canSeeMembersOf(userOrganizationId)) return true;
    const visible = visibleOpportunitySql(this.viewer, 2);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM room_member m JOIN opportunity o ON o.id = m.opportunity_id WHERE m.user_id = $1 AND ${visible.sql} LIMIT 1`,
      [userId, ...visible.params],
    );
    return rows.length > 0;
  }

  /** An account: its owner organization, or anyone who can see one of its opportunities. */
  async canReadAccount(accountId: string, accountOrganizationId: string): Promise<boolean> {
    if (accountOrganizationId === this.viewer.organizationId) return true;
    const visible = visibleOpportunitySql(this.viewer, 2);
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM opportunity o WHERE o.account_id = $1 AND ${visible.sql} LIMIT 1`, [
      accountId,
      ...visible.params,
    ]);
    return rows.length > 0;
  }

  /** A deal registration: the registrant's organization and the vendor's see it; nobody else. */
  canReadDealRegistration(registration: { readonly vendorOrganizationId: string; readonly registrantOrganizationId: string }): boolean {
    return this.isPartyTo(registration.vendorOrganizationId, registration.registrantOrganizationId);
  }

  /** A co-sell request: the requesting organization and the asked one see it; nobody else. */
  canReadCoSellRequest(request: { readonly requesterOrganizationId: string; readonly recipientOrganizationId: string }): boolean {
    return this.isPartyTo(request.requesterOrganizationId, request.recipientOrganizationId);
  }

  /** Whether the viewer's organization is one of the two sides of something between firms. */
  private isPartyTo(one: string, other: string): boolean {
    return one === this.viewer.organizationId || other === this.viewer.organizationId;
  }

  /** A SWOT item: its own organization sees all four quadrants; everyone else only strengths (the directory's input). */
  canSeeAssessmentItem(organizationId: string, kind: SwotKind): boolean {
    return organizationId === this.viewer.organizationId || kind === SwotKind.STRENGTH;
  }

  private loadOpportunityAccess(ids: readonly string[], em: EntityManager = this.dataSource.manager): Promise<Access[]> {
    return accessOfMany(
      em,
      ids.map((opportunityId) => ({ viewer: this.viewer, opportunityId })),
    );
  }

  private async loadSignedPartners(orgIds: readonly string[]): Promise<ReadonlySet<string>[]> {
    const rows: { a: string; b: string }[] = await this.dataSource.query(
      `SELECT proposer_organization_id AS a, partner_organization_id AS b FROM partnership
        WHERE status = 'SIGNED' AND (proposer_organization_id = ANY($1::uuid[]) OR partner_organization_id = ANY($1::uuid[]))`,
      [orgIds],
    );
    return orgIds.map((org) => new Set(rows.flatMap((r) => (r.a === org ? [r.b] : r.b === org ? [r.a] : []))));
  }
}
