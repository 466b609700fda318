import {
  AccessLevel,
  ActivityKind,
  CommitmentStatus,
  DealStage,
  OrganizationKind,
  OrgRole,
  PartnershipRelationship,
  PartnershipStatus,
  PartnershipTermsStatus,
  RoomRole,
  SplitStatus,
  SplitType,
  SwotKind,
  cleanDomain,
  normalizeDomain,
} from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { hashPassword } from "../auth/passwords.js";
import type { Services } from "../context.js";
import type { Outbox } from "../db/transaction.js";
import { unitOfWork } from "../db/transaction.js";
import { newId } from "../ids.js";
import { Account } from "../modules/account/account.entity.js";
import { appendActivity } from "../modules/activity/activity.service.js";
import { Assessment, AssessmentItem } from "../modules/assessment/assessment.entity.js";
import { Commitment } from "../modules/commitment/commitment.entity.js";
import { toMinor } from "../modules/opportunity/money.js";
import { Opportunity } from "../modules/opportunity/opportunity.entity.js";
import { recordStageChange } from "../modules/opportunity/stage-change.entity.js";
import { Organization } from "../modules/organization/organization.entity.js";
import { Partnership } from "../modules/partnership/partnership.entity.js";
import { PartnershipTerms } from "../modules/partnership/terms.entity.js";
import { DealRegistration } from "../modules/registration/registration.entity.js";
import { pendingRegistration } from "../modules/registration/registration.service.js";
import { RoomMember } from "../modules/room/room-member.entity.js";
import { CreditSplit, SplitApproval, SplitLine, SplitRevision } from "../modules/split/split.entity.js";
import { User } from "../modules/user/user.entity.js";

export const DEMO_PASSWORD = "cosell-demo";

/** The demo world of DESIGN.md section 6. */
export const DEMO_ORGANIZATIONS = [
  {
    name: "Acme Print",
    kind: OrganizationKind.VENDOR,
    users: [
      { name: "Ana Alvarez", email: "ana@acme.test", role: OrgRole.REP },
      { name: "Max Meyer", email: "max@acme.test", role: OrgRole.MANAGER },
      { name: "Ada Achebe", email: "ada@acme.test", role: OrgRole.ADMIN },
    ],
  },
  {
    name: "Pixel Studio",
    kind: OrganizationKind.PARTNER,
    users: [
      { name: "Lee Lindqvist", email: "lee@pixel.test", role: OrgRole.REP },
      { name: "Pat Park", email: "pat@pixel.test", role: OrgRole.MANAGER },
    ],
  },
  {
    name: "Paperworks",
    kind: OrganizationKind.PARTNER,
    users: [
      { name: "Sam Sato", email: "sam@paperworks.test", role: OrgRole.REP },
      { name: "Pia Petrova", email: "pia@paperworks.test", role: OrgRole.MANAGER },
    ],
  },
  {
    name: "Globex",
    kind: OrganizationKind.VENDOR,
    users: [{ name: "Gus Gruber", email: "gus@globex.test", role: OrgRole.REP }],
  },
] as const;

/** The points of a demo agreement (its term and signatures are the same for both). */
type DemoTerms = Pick<
  PartnershipTerms,
  | "scopeAccounts"
  | "scopeRegions"
  | "scopeProducts"
  | "relationship"
  | "meetingsLedBy"
  | "leadSharing"
  | "knownProblems"
  | "disputeResolution"
  | "defaultCreditSplitBp"
>;

/** Seeds the demo world into an empty database, in one transaction. Returns whether it did. */
export async function seedIfEmpty(services: Services): Promise<boolean> {
  const { dataSource, bus, logger } = services;
  if ((await dataSource.manager.count(Organization)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await unitOfWork(dataSource, bus, logger).run((em, outbox) => seedDemoWorld(em, outbox, passwordHash));
  logger.info("seeded the demo world (password for every demo user: cosell-demo)");
  return true;
}

async function seedDemoWorld(em: EntityManager, outbox: Outbox, passwordHash: string): Promise<void> {
  const orgs = new Map<string, Organization>();
  const users = new Map<string, User>();
  for (const spec of DEMO_ORGANIZATIONS) {
    const org = em.create(Organization, { id: newId(), name: spec.name, kind: spec.kind, createdAt: new Date() });
    await em.insert(Organization, org);
    orgs.set(spec.name, org);
    for (const u of spec.users) {
      const user = em.create(User, {
        id: newId(),
        organizationId: org.id,
        name: u.name,
        email: u.email,
        role: u.role,
        passwordHash,
        createdAt: new Date(),
      });
      await em.insert(User, user);
      users.set(u.email.split("@")[0]!, user);
    }
  }
  const org = (name: string) => orgs.get(name)!;
  const user = (handle: string) => users.get(handle)!;

  // Signed agreements with every point stated, accepted with the code of conduct's first version.
  const partner = async (name: string, signer: string, terms: DemoTerms) => {
    const now = new Date();
    const id = newId();
    await em.insert(Partnership, {
      id,
      proposerOrganizationId: org("Acme Print").id,
      partnerOrganizationId: org(name).id,
      status: PartnershipStatus.SIGNED,
      revision: 1,
      inForceRevision: 1,
      createdAt: now,
    });
    await em.insert(PartnershipTerms, {
      partnershipId: id,
      revision: 1,
      status: PartnershipTermsStatus.IN_FORCE,
      ...terms,
      startsOn: "2026-01-01",
      endsOn: "2027-12-31",
      earlierTerms: null,
      proposedById: user("max").id,
      proposedByOrganizationId: org("Acme Print").id,
      proposedAtDate: now,
      proposerSignedById: user("max").id,
      proposerSignedAt: now,
      proposerCodeOfConductVersion: 1,
      partnerSignedById: user(signer).id,
      partnerSignedAt: now,
      partnerCodeOfConductVersion: 1,
      inForceFromDate: now,
    });
    return id;
  };
  const withPixel = await partner("Pixel Studio", "pat", {
    scopeAccounts: "Retail and consumer-goods accounts of either firm",
    scopeRegions: "Germany, Austria and Switzerland",
    scopeProducts: "Print campaigns with design: catalogs, packaging, point-of-sale",
    relationship: PartnershipRelationship.CO_SELL,
    meetingsLedBy: "The firm that owns the opportunity; the other joins design or print reviews",
    leadSharing: "Leads are registered in cosell before either firm contacts the customer",
    knownProblems: "Pixel Studio also designs for two other print shops in Munich",
    disputeResolution: "Raised in the deal room first, then settled by Max Meyer and Pat Park within ten working days",
    defaultCreditSplitBp: 2000,
  });
  await partner("Paperworks", "pia", {
    scopeAccounts: "All accounts buying premium print runs",
    scopeRegions: "European Union",
    scopeProducts: "Specialty and recycled paper for premium print runs",
    relationship: PartnershipRelationship.REFERRAL,
    meetingsLedBy: "Acme Print; Paperworks joins for paper samples",
    leadSharing: "Paperworks passes on buyers asking for printing; Acme Print reports back within a week",
    knownProblems: "Paper lead times vary by mill; prices are fixed per quarter",
    disputeResolution: "Settled between the two firms' managers; unresolved credit goes to the default split",
    defaultCreditSplitBp: 1500,
  });

  const account = async (name: string, domain: string, owner = "Acme Print") => {
    const row = em.create(Account, {
      id: newId(),
      organizationId: org(owner).id,
      name,
      domain: cleanDomain(domain),
      normalizedDomain: normalizeDomain(domain),
      createdAt: new Date(),
    });
    await em.insert(Account, row);
    return row;
  };

  const opportunity = async (spec: {
    account: Account;
    title: string;
    amount: string;
    stages: DealStage[];
    closeDate: string;
    members: [handle: string, role: RoomRole, access: AccessLevel][];
    activities: [handle: string, kind: ActivityKind, body: string][];
  }) => {
    const owner = user("ana");
    const money = toMinor({ amount: spec.amount, currency: "USD" });
    const opp = em.create(Opportunity, {
      id: newId(),
      accountId: spec.account.id,
      organizationId: org("Acme Print").id,
      ownerId: owner.id,
      title: spec.title,
      amountMinor: money.minor.toString(),
      currency: money.currency,
      stage: DealStage.PROSPECTING,
      closeDate: spec.closeDate,
      version: 1,
      lastActivitySeq: 0,
    });
    await em.insert(Opportunity, opp);
    const amount = { amountMinor: opp.amountMinor, currency: opp.currency };
    await recordStageChange(em, {
      opportunityId: opp.id,
      fromStage: null,
      toStage: DealStage.PROSPECTING,
      changedById: owner.id,
      ...amount,
      at: new Date(),
    });
    const join = async (handle: string, role: RoomRole, access: AccessLevel) => {
      const member = user(handle);
      await em.insert(RoomMember, { opportunityId: opp.id, userId: member.id, role, access, addedAt: new Date() });
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.MEMBER_JOINED,
        body:
          role === RoomRole.OWNER
            ? `${member.name} opened the opportunity as owner`
            : `${member.name} joined as ${role.toLowerCase().replace(/_/g, " ")} with ${access} access`,
        actorId: owner.id,
        data: { userId: member.id, role, access },
      });
    };
    await join("ana", RoomRole.OWNER, AccessLevel.WRITE);
    for (const [handle, role, access] of spec.members) await join(handle, role, access);
    for (const [handle, kind, body] of spec.activities) {
      await appendActivity(em, outbox, { opportunityId: opp.id, kind, body, actorId: user(handle).id });
    }
    let from: DealStage = DealStage.PROSPECTING;
    for (const to of spec.stages) {
      await em.query(`UPDATE opportunity SET stage = $2, version = version + 1 WHERE id = $1`, [opp.id, to]);
      await recordStageChange(em, {
        opportunityId: opp.id,
        fromStage: from,
        toStage: to,
        changedById: owner.id,
        ...amount,
        at: new Date(),
      });
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.STAGE_CHANGED,
        body: `Stage ${from} → ${to}`,
        actorId: owner.id,
        data: { fromStage: from, toStage: to },
      });
      from = to;
    }
    return opp;
  };

  const northwind = await account("Northwind Traders", "northwind.example");
  const contoso = await account("Contoso Retail", "www.contoso.example");
  const initech = await account("Initech", "initech.example");
  const umbrella = await account("Umbrella Foods", "umbrella.example");
  // Pixel Studio's own customer list: two accounts Acme has too (under other names), one it has not.
  // Pixel opted in to account mapping with Acme, revealing account names; once Acme's manager opts
  // in as well, both see the overlap (docs/PARTNERING.md#account-mapping).
  await account("Contoso Retail Group", "https://contoso.example/", "Pixel Studio");
  await account("Northwind", "WWW.Northwind.example", "Pixel Studio");
  await account("Stark Industries", "stark.example", "Pixel Studio");
  await em.query(
    `INSERT INTO account_mapping (partnership_id, organization_id, enabled, default_level, updated_by_id) VALUES ($1, $2, true, 'NAME', $3)`,
    [withPixel, org("Pixel Studio").id, user("pat").id],
  );
  const { WRITE, READ } = AccessLevel;

  const northwindDeal = await opportunity({
    account: northwind,
    title: "Northwind catalog relaunch",
    amount: "48000.00",
    stages: [DealStage.QUALIFICATION, DealStage.PROPOSAL],
    closeDate: "2027-01-29",
    members: [
      ["lee", RoomRole.PARTNER_REP, WRITE],
      ["sam", RoomRole.PARTNER_REP, WRITE],
    ],
    activities: [
      ["ana", ActivityKind.MEETING, "Kick-off with Northwind's marketing lead: 120-page catalog, spring launch."],
      ["lee", ActivityKind.NOTE, "Pixel will draft three cover concepts before the proposal review."],
      ["sam", ActivityKind.HELP_REQUEST, "Does anyone know Northwind's sustainability requirements for paper stock?"],
      ["ana", ActivityKind.CALL, "Procurement confirmed FSC-certified stock is required."],
    ],
  });
  const contosoDeal = await opportunity({
    account: contoso,
    title: "Contoso holiday packaging",
    amount: "125000.00",
    stages: [DealStage.QUALIFICATION, DealStage.PROPOSAL, DealStage.NEGOTIATION],
    closeDate: "2026-12-18",
    members: [
      ["max", RoomRole.PRODUCT_SPECIALIST, WRITE],
      ["lee", RoomRole.PARTNER_REP, WRITE],
    ],
    activities: [
      ["ana", ActivityKind.EMAIL, "Sent the revised quote with the embossing option."],
      ["lee", ActivityKind.RESULT, "Contoso approved the packaging mock-ups."],
    ],
  });
  const initechDeal = await opportunity({
    account: initech,
    title: "Initech annual report print run",
    amount: "18500.00",
    stages: [DealStage.QUALIFICATION],
    closeDate: "2027-03-15",
    members: [
      ["sam", RoomRole.PARTNER_REP, WRITE],
      ["ada", RoomRole.OBSERVER, READ],
    ],
    activities: [["ana", ActivityKind.NOTE, "Initech wants 2,000 copies on recycled paper."]],
  });
  await opportunity({
    account: umbrella,
    title: "Umbrella menu cards",
    amount: "9200.00",
    stages: [],
    closeDate: "2027-02-01",
    members: [],
    activities: [["ana", ActivityKind.CALL, "First call: new menu cards for 40 restaurants."]],
  });

  await seedPartnering(em, outbox, { user, org, northwindDeal, contosoDeal, initechDeal });
}

/** The partnering side of the demo: plans, help, splits, SWOTs and registrations waiting for review. */
async function seedPartnering(
  em: EntityManager,
  outbox: Outbox,
  world: {
    user: (handle: string) => User;
    org: (name: string) => Organization;
    northwindDeal: Opportunity;
    contosoDeal: Opportunity;
    initechDeal: Opportunity;
  },
): Promise<void> {
  const { user, org, northwindDeal, contosoDeal, initechDeal } = world;
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();

  // Ana plans every step. What she asks of others starts PROPOSED: the accepted ones show their
  // acceptance in the log, and one still awaits Lee's answer.
  const commitment = async (
    opp: Opportunity,
    handle: string,
    title: string,
    dueInDays: number,
    status: CommitmentStatus,
    doneDaysEarly = 1,
  ) => {
    const assignee = user(handle);
    const author = user("ana");
    const selfAssigned = assignee.id === author.id;
    const dueAt = new Date(now + dueInDays * day);
    const due = dueAt.toISOString().slice(0, 10);
    const accepted = status !== CommitmentStatus.PROPOSED;
    const row = em.create(Commitment, {
      id: newId(),
      opportunityId: opp.id,
      assigneeId: assignee.id,
      createdById: author.id,
      title,
      dueAtDate: dueAt,
      status,
      completedAtDate: status === CommitmentStatus.DONE ? new Date(dueAt.getTime() - doneDaysEarly * day) : null,
      missedAtDate: status === CommitmentStatus.MISSED ? dueAt : null,
      cancelledAtDate: null,
      cancelledById: null,
      acceptedAtDate: accepted ? new Date() : null,
      acceptedById: accepted ? assignee.id : null,
      declinedAtDate: null,
      declinedById: null,
      declineReason: null,
      createdAtDate: new Date(),
    });
    await em.insert(Commitment, row);
    const data = { commitmentId: row.id, assigneeId: assignee.id, dueAt: dueAt.toISOString() };
    if (selfAssigned) {
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.COMMITMENT_ADDED,
        body: `${assignee.name} committed to “${title}” by ${due}`,
        actorId: author.id,
        data,
      });
    } else {
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.COMMITMENT_PROPOSED,
        body: `${assignee.name} was asked to commit to “${title}” by ${due}`,
        actorId: author.id,
        data,
      });
      if (accepted) {
        await appendActivity(em, outbox, {
          opportunityId: opp.id,
          kind: ActivityKind.COMMITMENT_ACCEPTED,
          body: `${assignee.name} accepted “${title}”, due ${due}`,
          actorId: assignee.id,
          data,
          changes: [{ field: "status", from: CommitmentStatus.PROPOSED, to: CommitmentStatus.OPEN }],
        });
      }
    }
    if (status === CommitmentStatus.DONE) {
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.COMMITMENT_DONE,
        body: `${assignee.name} delivered “${title}” on time`,
        actorId: assignee.id,
        data: { commitmentId: row.id, assigneeId: assignee.id, onTime: true },
        changes: [{ field: "status", from: CommitmentStatus.OPEN, to: CommitmentStatus.DONE }],
      });
    }
    if (status === CommitmentStatus.MISSED) {
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.COMMITMENT_MISSED,
        body: `${assignee.name} missed “${title}” (due ${due})`,
        actorId: null,
        data: { commitmentId: row.id, assigneeId: assignee.id },
        changes: [{ field: "status", from: CommitmentStatus.OPEN, to: CommitmentStatus.MISSED }],
      });
    }
  };
  await commitment(northwindDeal, "lee", "Three cover concepts for the proposal review", 5, CommitmentStatus.OPEN);
  await commitment(northwindDeal, "sam", "FSC-certified paper samples to Northwind", -3, CommitmentStatus.DONE);
  await commitment(northwindDeal, "ana", "Send the priced proposal", 10, CommitmentStatus.OPEN);
  await commitment(northwindDeal, "lee", "Mock-up of the catalog's fold-out map", 12, CommitmentStatus.PROPOSED);
  await commitment(contosoDeal, "lee", "Final packaging artwork", -7, CommitmentStatus.DONE, 2);
  await commitment(contosoDeal, "ana", "Confirm the embossing run with the plant", -2, CommitmentStatus.MISSED);
  await commitment(initechDeal, "sam", "Quote for 2,000 copies on recycled stock", 7, CommitmentStatus.OPEN);

  // Sam's help request on Northwind, answered by Ana.
  const [request] = await em.query(`SELECT id FROM activity WHERE opportunity_id = $1 AND kind = 'HELP_REQUEST' ORDER BY seq LIMIT 1`, [
    northwindDeal.id,
  ]);
  if (request) {
    await appendActivity(em, outbox, {
      opportunityId: northwindDeal.id,
      kind: ActivityKind.HELP_ANSWER,
      body: "Their procurement policy asks for FSC-certified stock; I'll forward the PDF.",
      actorId: user("ana").id,
      data: { requestId: request.id as string },
    });
  }

  // Contoso: a split agreed by both companies, waiting for the win. Initech: one awaiting Paperworks.
  const split = async (opp: Opportunity, lines: [handle: string, bp: number, type: SplitType][], approvers: string[]) => {
    const id = newId();
    const agreed = approvers.length === new Set(lines.map(([h]) => user(h).organizationId)).size;
    const now = new Date();
    await em.insert(CreditSplit, {
      id,
      opportunityId: opp.id,
      status: agreed ? SplitStatus.AGREED : SplitStatus.PROPOSED,
      revision: 1,
      agreedRevision: agreed ? 1 : null,
      proposedById: user("ana").id,
      proposedAtDate: now,
      agreedAtDate: agreed ? now : null,
      lockedAtDate: null,
    });
    await em.insert(SplitRevision, {
      splitId: id,
      revision: 1,
      proposedById: user("ana").id,
      proposedAtDate: now,
      agreedAtDate: agreed ? now : null,
      closedAtDate: null,
    });
    await em.insert(
      SplitLine,
      lines.map(([handle, basisPoints, type], position) => ({
        splitId: id,
        revision: 1,
        position,
        userId: user(handle).id,
        organizationId: user(handle).organizationId,
        basisPoints,
        type,
        payoutMinor: null,
        payoutCurrency: null,
      })),
    );
    const summary = lines
      .map(([handle, bp, type]) => `${user(handle).name} ${(bp / 100).toFixed(2)}%${type === SplitType.OVERLAY ? " overlay" : ""}`)
      .join(", ");
    await appendActivity(em, outbox, {
      opportunityId: opp.id,
      kind: ActivityKind.SPLIT_PROPOSED,
      body: `Proposed a credit split: ${summary}`,
      actorId: user("ana").id,
      data: { splitId: id, revision: 1 },
    });
    for (const handle of approvers) {
      const approver = user(handle);
      const organization = [...["Acme Print", "Pixel Studio", "Paperworks"]].map(org).find((o) => o.id === approver.organizationId)!;
      await em.insert(SplitApproval, {
        splitId: id,
        organizationId: approver.organizationId,
        revision: 1,
        approvedById: approver.id,
        approvedAtDate: new Date(),
      });
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.SPLIT_APPROVED,
        body: `${approver.name} approved the credit split for ${organization.name}`,
        actorId: approver.id,
        data: { splitId: id, revision: 1, organizationId: organization.id },
      });
    }
    if (agreed) {
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.SPLIT_AGREED,
        body: "Credit split agreed by all 2 participating organizations",
        actorId: user(approvers.at(-1)!).id,
        data: { splitId: id, revision: 1 },
      });
    }
  };
  await split(
    contosoDeal,
    [
      ["ana", 8000, SplitType.REVENUE],
      ["lee", 2000, SplitType.REVENUE],
      ["max", 1000, SplitType.OVERLAY],
    ],
    ["max", "pat"],
  );
  await split(
    initechDeal,
    [
      ["ana", 8500, SplitType.REVENUE],
      ["sam", 1500, SplitType.REVENUE],
    ],
    ["max"],
  );

  // Self-assessments: the directory matches Acme's weaknesses to its partners' strengths.
  const swot = async (name: string, updatedBy: string, items: [SwotKind, string, string[], string[]][]) => {
    const organizationId = org(name).id;
    await em.insert(Assessment, { organizationId, updatedById: user(updatedBy).id, updatedAtDate: new Date() });
    await em.insert(
      AssessmentItem,
      items.map(([kind, description, capabilities, industries], position) => ({
        id: newId(),
        organizationId,
        position,
        kind,
        description,
        capabilities,
        industries,
      })),
    );
  };
  const { STRENGTH, WEAKNESS, OPPORTUNITY, THREAT } = SwotKind;
  await swot("Acme Print", "max", [
    [STRENGTH, "Offset and large-format printing at scale", ["printing", "large-format"], ["retail", "publishing"]],
    [WEAKNESS, "No in-house designers", ["graphic-design", "packaging-design"], []],
    [WEAKNESS, "Specialty and certified paper is sourced ad hoc", ["specialty-paper"], []],
    [OPPORTUNITY, "Retailers moving to premium seasonal packaging", ["packaging"], ["retail"]],
    [THREAT, "Online print brokers undercut small runs", ["printing"], []],
  ]);
  await swot("Pixel Studio", "pat", [
    [STRENGTH, "Brand, catalog and packaging design", ["graphic-design", "packaging-design"], ["retail", "food"]],
    [WEAKNESS, "No production capacity", ["printing"], []],
  ]);
  await swot("Paperworks", "pia", [
    [STRENGTH, "FSC-certified and specialty paper, fast delivery", ["specialty-paper", "sustainable-paper"], ["publishing", "retail"]],
  ]);
  await swot("Globex", "gus", [[STRENGTH, "Industrial graphic design", ["graphic-design"], ["manufacturing"]]]);

  // Registrations waiting for Acme's review: one collides with the open Contoso deal.
  const registration = async (handle: string, accountName: string, accountDomain: string, title: string, amount: string) => {
    const registrant = user(handle);
    await em.insert(
      DealRegistration,
      pendingRegistration({
        vendorOrganizationId: org("Acme Print").id,
        registrant,
        accountName,
        accountDomain,
        title,
        amount: { amount, currency: "USD" },
        closeDate: null,
      }),
    );
  };
  await registration("lee", "Contoso Retail", "Contoso.example", "Contoso spring catalog", "32000.00");
  await registration("sam", "Wayne Enterprises", "wayne.example", "Wayne stationery refresh", "14500.00");
}
