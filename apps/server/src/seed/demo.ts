import { AccessLevel, ActivityKind, DealStage, OrganizationKind, OrgRole, PartnershipStatus, RoomRole } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { hashPassword } from "../auth/passwords.js";
import type { Services } from "../context.js";
import type { Outbox } from "../db/transaction.js";
import { unitOfWork } from "../db/transaction.js";
import { newId } from "../ids.js";
import { Account, normalizeDomain } from "../modules/account/account.entity.js";
import { appendActivity } from "../modules/activity/activity.service.js";
import { toMinor } from "../modules/opportunity/money.js";
import { Opportunity } from "../modules/opportunity/opportunity.entity.js";
import { StageChangeRecord } from "../modules/opportunity/stage-change.entity.js";
import { Organization } from "../modules/organization/organization.entity.js";
import { Partnership } from "../modules/partnership/partnership.entity.js";
import { RoomMember } from "../modules/room/room-member.entity.js";
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
      const user = em.create(User, { id: newId(), organizationId: org.id, name: u.name, email: u.email, role: u.role, passwordHash, createdAt: new Date() });
      await em.insert(User, user);
      users.set(u.email.split("@")[0]!, user);
    }
  }
  const org = (name: string) => orgs.get(name)!;
  const user = (handle: string) => users.get(handle)!;

  const partner = async (name: string, signer: string, bp: number, scope: string) => {
    const now = new Date();
    await em.insert(Partnership, {
      id: newId(),
      proposerOrganizationId: org("Acme Print").id,
      partnerOrganizationId: org(name).id,
      status: PartnershipStatus.SIGNED,
      scope,
      terms: "Shared pipeline visibility on joint deals; each side delivers what it commits to in the room's plan.",
      defaultRevenueSplitBp: bp,
      codeOfConductAccepted: true,
      proposerSignedById: user("max").id,
      proposerSignedAt: now,
      partnerSignedById: user(signer).id,
      partnerSignedAt: now,
      createdAt: now,
    });
  };
  await partner("Pixel Studio", "pat", 2000, "Design services for print campaigns");
  await partner("Paperworks", "pia", 1500, "Specialty paper supply for premium print runs");

  const account = async (name: string, domain: string) => {
    const row = em.create(Account, { id: newId(), organizationId: org("Acme Print").id, name, domain, normalizedDomain: normalizeDomain(domain), createdAt: new Date() });
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
    await em.insert(StageChangeRecord, { id: newId(), opportunityId: opp.id, fromStage: null, toStage: DealStage.PROSPECTING, changedById: owner.id, at: new Date() });
    const join = async (handle: string, role: RoomRole, access: AccessLevel) => {
      const member = user(handle);
      await em.insert(RoomMember, { opportunityId: opp.id, userId: member.id, role, access, addedAt: new Date() });
      await appendActivity(em, outbox, {
        opportunityId: opp.id,
        kind: ActivityKind.MEMBER_JOINED,
        body: role === RoomRole.OWNER ? `${member.name} opened the opportunity as owner` : `${member.name} joined as ${role.toLowerCase().replace(/_/g, " ")} with ${access} access`,
        actorId: owner.id,
        data: { userId: member.id, role, access },
      });
    };
    await join("ana", RoomRole.OWNER, AccessLevel.WRITE);
    for (const [handle, role, access] of spec.members) await join(handle, role, access);
    for (const [handle, kind, body] of spec.activities) {
      await appendActivity(em, outbox, { opportunityId: opp.id, kind, body, actorId: user(handle).id });
    }
    let from = DealStage.PROSPECTING;
    for (const to of spec.stages) {
      await em.query(`UPDATE opportunity SET stage = $2, version = version + 1 WHERE id = $1`, [opp.id, to]);
      await em.insert(StageChangeRecord, { id: newId(), opportunityId: opp.id, fromStage: from, toStage: to, changedById: owner.id, at: new Date() });
      await appendActivity(em, outbox, { opportunityId: opp.id, kind: ActivityKind.STAGE_CHANGED, body: `Stage ${from} → ${to}`, actorId: owner.id, data: { fromStage: from, toStage: to } });
      from = to;
    }
  };

  const northwind = await account("Northwind Traders", "northwind.example");
  const contoso = await account("Contoso Retail", "www.contoso.example");
  const initech = await account("Initech", "initech.example");
  const umbrella = await account("Umbrella Foods", "umbrella.example");
  const { WRITE, READ } = AccessLevel;

  await opportunity({
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
  await opportunity({
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
  await opportunity({
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
}
