import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource, EntityManager } from "typeorm";
import { OrgRole, WebhookEvent } from "@cosell/schema";
import { Policy, organizationSeesOpportunitySql, visibleOpportunitySql, writableOpportunitySql, writerFacts } from "../src/auth/policy.js";
import type { Access } from "../src/auth/policy.js";
import { isManager } from "../src/auth/viewer.js";
import type { Viewer } from "../src/auth/viewer.js";
import { newId } from "../src/ids.js";
import { enqueueWebhookEvent, webhookWantsSql } from "../src/modules/webhook/webhook.events.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";

/**
 * The access rule of DESIGN.md section 2 is written five times: `decideOpportunityAccess` (behind
 * `Policy`), `visibleOpportunitySql` for lists, `organizationSeesOpportunitySql` for what an
 * organization as a whole sees, the webhook targeting condition, and `writableOpportunitySql`
 * (WRITE, decided inside the activity log's group commit). On one small world, every
 * kind of viewer gets the same answer (READ or better, or nothing) from each of them.
 */

let t: TestServer;
let dataSource: DataSource;

const org = { owner: newId(), partner: newId(), reader: newId(), credited: newId(), pending: newId(), stranger: newId() };
const user = {
  ownerRep: newId(), // the owner rep, a WRITE member
  ownerColleague: newId(), // same organization, not in the room
  ownerManager: newId(),
  partnerWriter: newId(), // a WRITE member from a partner firm
  partnerColleague: newId(), // same firm, not in the room
  partnerManager: newId(), // manager of a firm with a member
  readerMember: newId(), // a READ member from another partner firm
  creditedRep: newId(), // has a line in the agreed split, not in the room
  creditedManager: newId(),
  pendingRep: newId(), // has a line only in a split revision not yet agreed
  pendingManager: newId(),
  strangerRep: newId(),
  strangerManager: newId(), // manager of a firm with no member and no line
};
const deal = newId(); // shared with partners, with a split
const internal = newId(); // the owner organization's alone

const person = (userId: string, organizationId: string, role: "REP" | "MANAGER"): Viewer => ({
  kind: "user",
  userId,
  organizationId,
  role: OrgRole[role],
  sessionId: newId(),
  sessionExpiresAtMs: Date.now() + 60_000,
});
const token = (organizationId: string, scopes: ("READ" | "WRITE")[]): Viewer => ({
  kind: "token",
  tokenId: newId(),
  tokenName: "partner system",
  organizationId,
  scopes,
});

/** Each kind of viewer, with what the rule grants it on the shared deal and on the internal one. */
const cases: { name: string; viewer: Viewer; deal: Access; internal: Access }[] = [
  { name: "the owner rep (a WRITE member)", viewer: person(user.ownerRep, org.owner, "REP"), deal: "WRITE", internal: "WRITE" },
  {
    name: "a rep of the owner organization, not a member",
    viewer: person(user.ownerColleague, org.owner, "REP"),
    deal: "READ",
    internal: "READ",
  },
  {
    name: "a manager of the owner organization",
    viewer: person(user.ownerManager, org.owner, "MANAGER"),
    deal: "WRITE",
    internal: "WRITE",
  },
  { name: "a partner rep with WRITE membership", viewer: person(user.partnerWriter, org.partner, "REP"), deal: "WRITE", internal: "NONE" },
  { name: "a partner rep with READ membership", viewer: person(user.readerMember, org.reader, "REP"), deal: "READ", internal: "NONE" },
  {
    name: "a partner rep whose colleague is a member, not they",
    viewer: person(user.partnerColleague, org.partner, "REP"),
    deal: "NONE",
    internal: "NONE",
  },
  {
    name: "a partner manager whose firm has a member",
    viewer: person(user.partnerManager, org.partner, "MANAGER"),
    deal: "READ",
    internal: "NONE",
  },
  {
    name: "a manager of a firm with no member and no line",
    viewer: person(user.strangerManager, org.stranger, "MANAGER"),
    deal: "NONE",
    internal: "NONE",
  },
  {
    name: "a rep of a firm with a line in the agreed split, no member",
    viewer: person(user.creditedRep, org.credited, "REP"),
    deal: "READ",
    internal: "NONE",
  },
  {
    name: "a manager of a firm with a line in the agreed split, no member",
    viewer: person(user.creditedManager, org.credited, "MANAGER"),
    deal: "READ",
    internal: "NONE",
  },
  {
    name: "a rep whose firm's line is only in a revision not agreed",
    viewer: person(user.pendingRep, org.pending, "REP"),
    deal: "NONE",
    internal: "NONE",
  },
  {
    name: "a manager whose firm's line is only in a revision not agreed",
    viewer: person(user.pendingManager, org.pending, "MANAGER"),
    deal: "NONE",
    internal: "NONE",
  },
  { name: "an unrelated user", viewer: person(user.strangerRep, org.stranger, "REP"), deal: "NONE", internal: "NONE" },
  { name: "a READ token of the owner organization", viewer: token(org.owner, ["READ"]), deal: "READ", internal: "READ" },
  { name: "a WRITE token of the owner organization", viewer: token(org.owner, ["READ", "WRITE"]), deal: "WRITE", internal: "WRITE" },
  { name: "a READ token of a partner with a WRITE member", viewer: token(org.partner, ["READ"]), deal: "READ", internal: "NONE" },
  {
    name: "a WRITE token of a partner with a WRITE member",
    viewer: token(org.partner, ["READ", "WRITE"]),
    deal: "WRITE",
    internal: "NONE",
  },
  {
    name: "a WRITE token of a partner with a READ member only",
    viewer: token(org.reader, ["READ", "WRITE"]),
    deal: "READ",
    internal: "NONE",
  },
  {
    name: "a WRITE token of a firm with a line in the agreed split",
    viewer: token(org.credited, ["READ", "WRITE"]),
    deal: "READ",
    internal: "NONE",
  },
  { name: "a token of a firm whose line is not agreed", viewer: token(org.pending, ["READ", "WRITE"]), deal: "NONE", internal: "NONE" },
  { name: "a token of an unrelated organization", viewer: token(org.stranger, ["READ", "WRITE"]), deal: "NONE", internal: "NONE" },
];

const sees = (access: Access): boolean => access !== "NONE";

async function build(sql: TestServer["sql"]): Promise<void> {
  for (const [name, id] of Object.entries(org))
    await sql(`INSERT INTO organization (id, name, kind) VALUES ($1, $2, $3)`, [
      id,
      `Org ${name}`,
      id === org.owner ? "VENDOR" : "PARTNER",
    ]);
  const orgOf: Record<string, string> = {
    ownerRep: org.owner,
    ownerColleague: org.owner,
    ownerManager: org.owner,
    partnerWriter: org.partner,
    partnerColleague: org.partner,
    partnerManager: org.partner,
    readerMember: org.reader,
    creditedRep: org.credited,
    creditedManager: org.credited,
    pendingRep: org.pending,
    pendingManager: org.pending,
    strangerRep: org.stranger,
    strangerManager: org.stranger,
  };
  for (const [name, id] of Object.entries(user)) {
    const role = name.endsWith("Manager") ? "MANAGER" : "REP";
    await sql(`INSERT INTO app_user (id, organization_id, name, email, role, password_hash) VALUES ($1, $2, $3, $4, $5, 'x')`, [
      id,
      orgOf[name],
      name,
      `${name}-${id}@rule.test`,
      role,
    ]);
  }
  const account = newId();
  await sql(`INSERT INTO account (id, organization_id, name) VALUES ($1, $2, 'Customer')`, [account, org.owner]);
  for (const id of [deal, internal]) {
    await sql(
      `INSERT INTO opportunity (id, account_id, organization_id, owner_id, title, amount_minor, currency, stage) VALUES ($1, $2, $3, $4, 'Deal', 100000, 'EUR', 'PROPOSAL')`,
      [id, account, org.owner, user.ownerRep],
    );
    await sql(`INSERT INTO room_member (opportunity_id, user_id, role, access) VALUES ($1, $2, 'OWNER', 'WRITE')`, [id, user.ownerRep]);
  }
  await sql(
    `INSERT INTO room_member (opportunity_id, user_id, role, access) VALUES ($1, $2, 'PARTNER_REP', 'WRITE'), ($1, $3, 'OBSERVER', 'READ')`,
    [deal, user.partnerWriter, user.readerMember],
  );
  // Revision 1 (agreed, in force) credits the owner rep and the credited firm; revision 2 (pending) the pending firm.
  const split = newId();
  await sql(`INSERT INTO credit_split (id, opportunity_id, status, revision, agreed_revision) VALUES ($1, $2, 'PROPOSED', 2, 1)`, [
    split,
    deal,
  ]);
  await sql(`INSERT INTO split_revision (split_id, revision, agreed_at) VALUES ($1, 1, now()), ($1, 2, NULL)`, [split]);
  await sql(
    `INSERT INTO split_line (split_id, revision, position, user_id, organization_id, basis_points, type) VALUES
       ($1, 1, 0, $2, $3, 7000, 'REVENUE'), ($1, 1, 1, $4, $5, 3000, 'REVENUE'),
       ($1, 2, 0, $2, $3, 6000, 'REVENUE'), ($1, 2, 1, $6, $7, 4000, 'REVENUE')`,
    [split, user.ownerRep, org.owner, user.creditedRep, org.credited, user.pendingRep, org.pending],
  );
  for (const id of Object.values(org)) {
    await sql(`INSERT INTO webhook (id, organization_id, url, secret, events) VALUES ($1, $2, 'https://hooks.rule.test/', 'secret', $3)`, [
      newId(),
      id,
      [WebhookEvent.ACTIVITY_LOGGED],
    ]);
  }
}

/** Runs `work` in a transaction that is rolled back, so probing writes nothing. */
async function inRolledBackTransaction<T>(
  work: (query: (text: string, params?: unknown[]) => Promise<any[]>, manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    return await work((text, params) => runner.query(text, params), runner.manager);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

beforeAll(async () => {
  t = await startTestServer({ seed: "none" });
  dataSource = t.server.services.dataSource;
  await build(t.sql);
});
afterAll(() => t?.close());

describe("every encoding of the access rule agrees", () => {
  it.each(cases)("for $name", async ({ viewer, deal: dealAccess, internal: internalAccess }) => {
    // The TypeScript decision, over the facts Policy reads from the database.
    const policy = new Policy(dataSource, viewer);
    const decided = { [deal]: await policy.accessToOpportunity(deal), [internal]: await policy.accessToOpportunity(internal) };
    expect(decided).toEqual({ [deal]: dealAccess, [internal]: internalAccess });
    const visible = (id: string) => sees(decided[id]!);

    // The list condition, as the viewer's own rule.
    const list = visibleOpportunitySql(viewer, 1);
    const listed = new Set(
      (
        await t.sql<{ id: string }>(`SELECT o.id FROM opportunity o WHERE o.id = ANY($${list.params.length + 1}::uuid[]) AND ${list.sql}`, [
          ...list.params,
          [deal, internal],
        ])
      ).map((r) => r.id),
    );
    for (const id of [deal, internal])
      expect(listed.has(id), `visibleOpportunitySql on ${id === deal ? "the deal" : "the internal one"}`).toBe(visible(id));

    // Write access as the activity log's group commit decides it inside its statement.
    const facts = writerFacts(viewer);
    const writable = await t.sql<{ id: string; writes: boolean }>(
      `SELECT o.id, ${writableOpportunitySql({ userId: "$1::uuid", organizationId: "$2::uuid", manager: "$3::boolean", token: "$4::boolean", tokenWrites: "$5::boolean" })} AS writes
         FROM opportunity o WHERE o.id = ANY($6::uuid[])`,
      [facts.userId, facts.organizationId, facts.manager, facts.token, facts.tokenWrites, [deal, internal]],
    );
    for (const row of writable)
      expect(row.writes, `writableOpportunitySql on ${row.id === deal ? "the deal" : "the internal one"}`).toBe(
        decided[row.id] === "WRITE",
      );

    // What the organization as a whole sees is the rule for managers, admins and tokens.
    if (viewer.kind === "token" || isManager(viewer)) {
      const rows = await t.sql<{ id: string; sees: boolean }>(
        `SELECT o.id, ${organizationSeesOpportunitySql("$1")} AS sees FROM opportunity o WHERE o.id = ANY($2::uuid[])`,
        [viewer.organizationId, [deal, internal]],
      );
      for (const row of rows)
        expect(row.sees, `organizationSeesOpportunitySql on ${row.id === deal ? "the deal" : "the internal one"}`).toBe(visible(row.id));
    }

    // A webhook acts for its organization as a token does: it hears of what a token would see.
    if (viewer.kind === "token") {
      for (const id of [deal, internal]) {
        const { wants, targeted } = await inRolledBackTransaction(async (query, manager) => {
          await query(`DELETE FROM webhook WHERE organization_id <> $1`, [viewer.organizationId]);
          const [row] = await query(`SELECT ${webhookWantsSql("$2")} AS wants FROM opportunity o WHERE o.id = $1`, [
            id,
            WebhookEvent.ACTIVITY_LOGGED,
          ]);
          await enqueueWebhookEvent(manager, { type: WebhookEvent.ACTIVITY_LOGGED, opportunityId: id, at: new Date(), data: {} });
          const deliveries = await query(`SELECT 1 FROM webhook_delivery`);
          return { wants: row.wants as boolean, targeted: deliveries.length > 0 };
        });
        expect(wants, "webhookWantsSql").toBe(visible(id));
        expect(targeted, "enqueueWebhookEvent").toBe(visible(id));
      }
    }
  });
});
