import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiTokenSecret } from "../src/auth/api-tokens.js";
import { fromGlobalId, newId } from "../src/ids.js";
import { startTestServer } from "./fixtures.js";
import type { GraphQLResponse, TestServer } from "./fixtures.js";
import { AGREEMENT_TERMS, randomGlobalId } from "./helpers.js";
import { ROOM_ACTIVITY, ROOM_PRESENCE, firstAnswer, socketClient } from "./ws.js";
import type { Answer } from "./ws.js";

/**
 * Cross-tenant id fuzz: every id Acme can see, asked for by Globex (partner of nobody), as a user and
 * as a WRITE API token, through `node`, `opportunity`, every mutation that takes an id and the room
 * subscriptions on the socket. Each answer must equal the answer for a random id of the same type:
 * nothing about Acme's objects shows, not even that they exist. And nothing is written.
 */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** What a socket answer says about the id: its data and errors (`extensions.cost` is about the caller's budget). */
const socketAnswer = (a: Answer) => ({ data: a.data, errors: a.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })) });

const answer = (r: GraphQLResponse) => ({
  status: r.status,
  data: r.data,
  errors: r.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, field: e.extensions?.field })),
});

/** Every global id in a JSON value (fields named `id`). */
function idsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => idsIn(v, into));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "id" && typeof v === "string") into.add(v);
      else idsIn(v, into);
    }
  }
  return into;
}

async function idsAcmeCanSee(): Promise<string[]> {
  const max = await t.login("max@acme.test");
  const ids = new Set<string>();
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await t.gql(query, variables, max);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  // Give Acme one of everything first.
  await gql(`mutation { createApiToken(input: { name: "fuzz", scopes: [READ] }) { apiToken { id } } }`);
  await gql(
    `mutation { createWebhook(input: { url: "http://127.0.0.1:9/none", secret: "fuzz-secret-0123456789", events: [DEAL_WON] }) { id } }`,
  );
  const list =
    await gql(`{ viewer { id organization { id members { id } } } accounts { id } partnerships { id } apiTokens { id } webhooks { id }
    opportunities(first: 100) { edges { node { id } } } }`);
  idsIn(list, ids);
  for (const edge of list.opportunities.edges) {
    idsIn(
      await gql(
        `query ($id: ID!) { opportunity(id: $id) { id account { id } owner { id } organization { id } members { user { id } } activities(first: 100) { edges { node { id actor { id } } } } } }`,
        { id: edge.node.id },
      ),
      ids,
    );
  }
  return [...ids];
}

describe("cross-tenant id fuzz", () => {
  it("answers Globex about every Acme id exactly as about a random id, and writes nothing", async () => {
    const acmeIds = await idsAcmeCanSee();
    const gus = await t.login("gus@globex.test");
    const globex = (await t.gql(`{ viewer { id organization { id } } }`, {}, gus)).data!.viewer;
    // Globex has no manager to create a token; one is issued directly, with WRITE, so mutations get past the scope check.
    const secret = `csl_${"fuzz".repeat(10)}xyz`;
    await t.sql(
      `INSERT INTO api_token (id, organization_id, name, scopes, token_hash, token_hint) VALUES ($1, $2, 'fuzz', ARRAY['READ','WRITE'], $3, 'csl_…')`,
      [newId(), fromGlobalId(globex.organization.id)!.id, hashApiTokenSecret(secret)],
    );
    // Globex's own opportunity, so two-id mutations can be aimed at one foreign id at a time.
    const account = await t.gql(`mutation { createAccount(input: { name: "Globex customer" }) { id } }`, {}, gus);
    const own = await t.gql(
      `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { accountId: account.data!.createAccount.id, title: "Globex deal", amount: { amount: "1.00", currency: "USD" } } },
      gus,
    );
    const ownOpportunity = own.data!.createOpportunity.id as string;
    const ownUser = globex.id as string;

    // Organizations are a public directory by design; everything else of Acme's must be invisible.
    const targets = acmeIds.filter((id) => fromGlobalId(id)!.type !== "Organization");
    const types = new Set(targets.map((id) => fromGlobalId(id)!.type));
    expect([...types].sort()).toEqual(["Account", "Activity", "ApiToken", "Opportunity", "Partnership", "User", "Webhook"]);

    const probes: { query: string; variables: (id: string) => Record<string, unknown> }[] = [
      { query: `query ($id: ID!) { node(id: $id) { id } }`, variables: (id) => ({ id }) },
      { query: `query ($id: ID!) { opportunity(id: $id) { id title } }`, variables: (id) => ({ id }) },
      { query: `query ($id: ID!) { organization(id: $id) { id members { id } } }`, variables: (id) => ({ id }) },
      ...[
        ["UpdateOpportunityInput", "updateOpportunity", "{ id }", (id: string) => ({ id, expectedVersion: 1, title: "x" })],
        ["MoveOpportunityStageInput", "moveOpportunityStage", "{ id }", (id: string) => ({ id, stage: "PROPOSAL", expectedVersion: 1 })],
        [
          "AddRoomMemberInput",
          "addRoomMember",
          "{ role }",
          (id: string) => ({ opportunityId: id, userId: ownUser, role: "OBSERVER", access: "READ" }),
        ],
        [
          "AddRoomMemberInput",
          "addRoomMember",
          "{ role }",
          (id: string) => ({ opportunityId: ownOpportunity, userId: id, role: "OBSERVER", access: "READ" }),
        ],
        ["RemoveRoomMemberInput", "removeRoomMember", "{ id }", (id: string) => ({ opportunityId: id, userId: ownUser })],
        ["RemoveRoomMemberInput", "removeRoomMember", "{ id }", (id: string) => ({ opportunityId: ownOpportunity, userId: id })],
        ["LogActivityInput", "logActivity", "{ id }", (id: string) => ({ opportunityId: id, kind: "NOTE", body: "peek" })],
        [
          "CreateOpportunityInput",
          "createOpportunity",
          "{ id }",
          (id: string) => ({ accountId: id, title: "steal", amount: { amount: "1.00", currency: "USD" } }),
        ],
        [
          "ProposePartnershipInput",
          "proposePartnership",
          "{ id }",
          (id: string) => ({ partnerOrganizationId: id, terms: AGREEMENT_TERMS }),
        ],
        ["SignPartnershipInput", "signPartnership", "{ id }", (id: string) => ({ id, codeOfConductVersion: 1 })],
        ["AmendPartnershipInput", "amendPartnership", "{ id }", (id: string) => ({ id, terms: AGREEMENT_TERMS })],
        ["TerminatePartnershipInput", "terminatePartnership", "{ id }", (id: string) => ({ id })],
        ["RevokeApiTokenInput", "revokeApiToken", "{ id }", (id: string) => ({ id })],
        ["DeleteWebhookInput", "deleteWebhook", "{ id }", (id: string) => ({ id })],
      ].map(([input, name, selection, build]) => ({
        query: `mutation ($input: ${input as string}!) { ${name as string}(input: $input) ${selection as string} }`,
        variables: (id: string) => ({ input: (build as (id: string) => unknown)(id) }),
      })),
    ];

    const tables = ["opportunity", "account", "activity", "room_member", "partnership", "api_token", "webhook"];
    const counts = () => Promise.all(tables.map(async (table) => (await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n));
    const before = await counts();

    let compared = 0;
    const codes = new Map<string, number>();
    for (const caller of [gus, secret]) {
      for (const id of targets) {
        const random = randomGlobalId(fromGlobalId(id)!.type);
        await Promise.all(
          probes.map(async (probe) => {
            const [seen, missing] = await Promise.all([
              t.gql(probe.query, probe.variables(id), caller),
              t.gql(probe.query, probe.variables(random), caller),
            ]);
            expect(answer(seen), `${probe.query} with ${fromGlobalId(id)!.type} ${id}`).toEqual(answer(missing));
            const code = String(seen.errors?.[0]?.extensions?.code ?? "OK");
            codes.set(code, (codes.get(code) ?? 0) + 1);
            compared++;
          }),
        );
      }
    }
    // The room subscriptions on the socket, as the user and as the token.
    const subscriptions = [ROOM_ACTIVITY, ROOM_PRESENCE];
    const socketCodes = new Set<unknown>();
    for (const caller of [gus, secret]) {
      const socket = socketClient(t.url, caller);
      try {
        for (const id of targets) {
          const random = randomGlobalId(fromGlobalId(id)!.type);
          for (const query of subscriptions) {
            const [seen, missing] = await Promise.all([firstAnswer(socket, query, { id }), firstAnswer(socket, query, { id: random })]);
            expect(socketAnswer(seen), `${query} with ${fromGlobalId(id)!.type} ${id}`).toEqual(socketAnswer(missing));
            socketCodes.add(seen.errors?.[0]?.extensions?.code ?? "OK");
            compared++;
          }
        }
      } finally {
        await socket.dispose();
      }
    }
    expect([...socketCodes]).toEqual(["NOT_FOUND"]);

    expect(compared).toBe(2 * targets.length * (probes.length + subscriptions.length));
    // Every probe reached the resolvers (none was a malformed request that any id would fail alike).
    expect([...codes.keys()].sort()).toEqual(["FORBIDDEN", "NOT_FOUND"]);
    expect(codes.get("NOT_FOUND")).toBeGreaterThan(codes.get("FORBIDDEN")!);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
