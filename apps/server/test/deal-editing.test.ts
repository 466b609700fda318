import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { OPPORTUNITY, countRows, createApiToken, openRoom, userId } from "./helpers.js";

let t: TestServer;
let ana: string;
let accountId: string;
beforeAll(async () => {
  t = await startTestServer();
  ana = await t.login("ana@acme.test");
  const accounts = await t.gql(`{ accounts { id name } }`, {}, ana);
  accountId = accounts.data!.accounts.find((a: { name: string }) => a.name === "Initech").id;
});
afterAll(() => t?.close());

const CREATE = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id stage version } }`;
const UPDATE = `mutation ($input: UpdateOpportunityInput!) {
  updateOpportunity(input: $input) { version owner { name } members { role access user { name } } }
}`;
const LAST_CHANGES = `query ($id: ID!) { opportunity(id: $id) { lastActivity { kind changes { field from to } actor { name } } } }`;
const currentVersion = async (id: string, token: string) => (await t.gql(OPPORTUNITY, { id }, token)).data!.opportunity.version as number;

describe("a deal added from a board column", () => {
  it("starts in that column's open stage, and its first stage change says so", async () => {
    const created = await t.gql(
      CREATE,
      { input: { accountId, title: "Initech signage", amount: { amount: "800.00", currency: "EUR" }, stage: "PROPOSAL" } },
      ana,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createOpportunity).toMatchObject({ stage: "PROPOSAL", version: 1 });
    const rowId = Buffer.from(created.data!.createOpportunity.id, "base64url").toString("utf8").split(":")[1];
    expect(await countRows(t, "stage_change", "opportunity_id = $1 AND from_stage IS NULL AND to_stage = 'PROPOSAL'", [rowId])).toBe(1);
  });

  it("is never created closed: BAD_USER_INPUT naming the stage, and nothing written", async () => {
    const before = await countRows(t, "opportunity");
    for (const stage of ["CLOSED_WON", "CLOSED_LOST"]) {
      const refused = await t.gql(
        CREATE,
        { input: { accountId, title: "Initech won already", amount: { amount: "1.00", currency: "USD" }, stage } },
        ana,
      );
      expect(codeOf(refused)).toBe("BAD_USER_INPUT");
      expect(refused.errors![0]!.extensions!.field).toBe("stage");
    }
    expect(await countRows(t, "opportunity")).toBe(before);
  });
});

describe("handing a deal to another owner rep", () => {
  it("lets the owner rep hand it over: the new owner is OWNER with WRITE, the former one stays as an OBSERVER with WRITE", async () => {
    const id = await openRoom(t, { title: "Hand-over brochures" });
    const maxId = await userId(t, "max@acme.test");
    const handed = await t.gql(UPDATE, { input: { id, expectedVersion: 1, ownerId: maxId } }, ana);
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.updateOpportunity.owner).toEqual({ name: "Max Meyer" });
    expect(handed.data!.updateOpportunity.version).toBe(2);
    const members = handed.data!.updateOpportunity.members as { role: string; access: string; user: { name: string } }[];
    expect(members.find((m) => m.user.name === "Max Meyer")).toMatchObject({ role: "OWNER", access: "WRITE" });
    expect(members.find((m) => m.user.name === "Ana Alvarez")).toMatchObject({ role: "OBSERVER", access: "WRITE" });
    const log = await t.gql(LAST_CHANGES, { id }, ana);
    expect(log.data!.opportunity.lastActivity).toEqual({
      kind: "OPPORTUNITY_UPDATED",
      changes: [{ field: "owner", from: "Ana Alvarez", to: "Max Meyer" }],
      actor: { name: "Ana Alvarez" },
    });
  });

  it("refuses a rep who is no longer the owner, a partner rep with WRITE access and a partner's token, changing nothing", async () => {
    const id = await openRoom(t, { title: "Hand-over posters", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const maxId = await userId(t, "max@acme.test");
    const anaId = await userId(t, "ana@acme.test");
    await t.gql(UPDATE, { input: { id, expectedVersion: await currentVersion(id, ana), ownerId: maxId } }, ana);
    const lee = await t.login("lee@pixel.test");
    const { token: pixelToken } = await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"]);
    for (const caller of [ana, lee, pixelToken]) {
      const version = await currentVersion(id, ana);
      const refused = await t.gql(UPDATE, { input: { id, expectedVersion: version, ownerId: anaId } }, caller);
      expect(codeOf(refused)).toBe("FORBIDDEN");
      expect(await currentVersion(id, ana)).toBe(version);
    }
  });

  it("answers NOT_FOUND to Gus of Globex, who cannot see the deal, exactly as for a missing one", async () => {
    const id = await openRoom(t, { title: "Hand-over envelopes" });
    const gus = await t.login("gus@globex.test");
    const gusId = await userId(t, "gus@globex.test");
    const refused = await t.gql(UPDATE, { input: { id, expectedVersion: 1, ownerId: gusId } }, gus);
    expect(codeOf(refused)).toBe("NOT_FOUND");
    expect(await currentVersion(id, ana)).toBe(1);
  });

  it("lets a manager of the owner organization hand it over, but only to an active user of that organization", async () => {
    const id = await openRoom(t, { title: "Hand-over flyers" });
    const max = await t.login("max@acme.test");
    const leeId = await userId(t, "lee@pixel.test");
    const refused = await t.gql(UPDATE, { input: { id, expectedVersion: 1, ownerId: leeId } }, max);
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
    expect(refused.errors![0]!.extensions!.field).toBe("ownerId");
    const adaId = await userId(t, "ada@acme.test");
    const handed = await t.gql(UPDATE, { input: { id, expectedVersion: 1, ownerId: adaId } }, max);
    expect(handed.errors).toBeUndefined();
    expect(handed.data!.updateOpportunity.owner.name).toBe("Ada Achebe");
  });

  it("answers CONFLICT on a stale version, keeping the owner", async () => {
    const id = await openRoom(t, { title: "Hand-over labels" });
    await t.gql(UPDATE, { input: { id, expectedVersion: 1, title: "Hand-over labels, v2" } }, ana);
    const maxId = await userId(t, "max@acme.test");
    const stale = await t.gql(UPDATE, { input: { id, expectedVersion: 1, ownerId: maxId } }, ana);
    expect(codeOf(stale)).toBe("CONFLICT");
    const owner = await t.gql(`query ($id: ID!) { opportunity(id: $id) { owner { name } } }`, { id }, ana);
    expect(owner.data!.opportunity.owner.name).toBe("Ana Alvarez");
  });
});
