import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { DEALS_MEMBERS_FIRMS, NODE, OPPORTUNITY, demoOpportunities, randomGlobalId } from "./helpers.js";

/**
 * An operation Apollo Server has validated once runs the next time on the known-operation path
 * (src/http/known-operations.ts): these stories send each request twice, the first answered by
 * Apollo and the second by the known path when it succeeds, and require the same status, headers
 * and body (but the budget left, which the first request spent), a single charge and a single run
 * per request, and Apollo answering every error and refusal.
 */
let t: TestServer;
let ana: string;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;

beforeAll(async () => {
  t = await startTestServer();
  ana = await t.login("ana@acme.test");
  opps = await demoOpportunities(t);
});
afterAll(async () => {
  await t?.close();
});

const BOARD = `query Board($first: Int, $after: String) { opportunities(first: $first, after: $after) { edges { cursor node { id title stage version amount { amount currency } owner { name } members { user { name organization { name } } access } commitments { title status } } } pageInfo { hasNextPage endCursor } } }`;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly remaining: number;
}

async function send(body: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const all = Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));
  const remaining = Number((JSON.parse(text) as { extensions?: { cost?: { remaining?: number } } }).extensions?.cost?.remaining ?? NaN);
  return { status: response.status, headers: all, body: text, remaining };
}

/** The answer with the budget left taken out: the one thing two identical requests differ in. */
const comparable = (answer: Answer) => ({
  status: answer.status,
  headers: { ...answer.headers, "x-ratelimit-remaining": "*", "content-length": "*" },
  body: answer.body.replace(/"remaining":\d+/, '"remaining":*'),
});

let sent = 0;

/**
 * Sends `body` twice, its query made new to the server (a comment of its own); returns both
 * answers, how many of the two the known path answered, and how many it ran and handed to Apollo.
 */
async function twice(
  request: { query: string; variables?: unknown; operationName?: string },
  headers: Record<string, string> = { authorization: `Bearer ${ana}` },
) {
  const body = { ...request, query: `${request.query}\n# request ${++sent}` };
  const before = t.server.knownOperations();
  const first = await send(body, headers);
  const second = await send(body, headers);
  const after = t.server.knownOperations();
  return { first, second, known: after.answered - before.answered, handedOver: after.handedOver - before.handedOver };
}

describe("the known-operation path", () => {
  it("answers a query it has seen exactly as Apollo did, for every Accept header Apollo answered", async () => {
    const cases: [{ query: string; variables?: unknown; operationName?: string }, Record<string, string>][] = [
      [{ query: BOARD, variables: { first: 20 } }, {}],
      [{ query: BOARD, variables: { first: 2 }, operationName: "Board" }, {}],
      [{ query: OPPORTUNITY, variables: { id: opps["Northwind catalog relaunch"]!.id } }, {}],
      [
        { query: `{ viewer { id name role organization { name } } }` },
        { accept: "application/graphql-response+json,application/json;q=0.9" },
      ],
      [{ query: `{ viewer { id name } }` }, { accept: "application/json" }],
    ];
    for (const [body, headers] of cases) {
      const { first, second, known } = await twice(body, { authorization: `Bearer ${ana}`, ...headers });
      expect(first.status).toBe(200);
      expect(comparable(second)).toEqual(comparable(first));
      expect(known).toBe(1);
    }
  });

  it("charges each request once, the known ones too", async () => {
    const { first, second } = await twice({ query: BOARD, variables: { first: 5 } });
    const cost = (JSON.parse(first.body) as { extensions: { cost: { requested: number } } }).extensions.cost.requested;
    expect(first.remaining - second.remaining).toBe(cost);
  });

  it("serves the web app's cookie session as Apollo does", async () => {
    const signIn = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: t.url },
      body: JSON.stringify({
        query: `mutation ($input: LoginInput!) { signIn(input: $input) { expiresAt } }`,
        variables: { input: { email: "lee@pixel.test", password: DEMO_PASSWORD } },
      }),
    });
    const cookie = /^(cosell_session=[^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")![1]!;
    const { first, second, known } = await twice({ query: BOARD, variables: { first: 20 } }, { cookie, origin: t.url });
    expect(comparable(second)).toEqual(comparable(first));
    expect(JSON.parse(second.body).data.opportunities.edges.length).toBeGreaterThan(0);
    expect(known).toBe(1);
  });

  it("leaves every answer with an error to Apollo, charged once: NOT_FOUND, bad variables, a foreign caller", async () => {
    const missing = await twice({ query: NODE, variables: { id: randomGlobalId("Opportunity") } });
    expect(JSON.parse(missing.second.body).errors[0].extensions.code).toBe("NOT_FOUND");
    expect(comparable(missing.second)).toEqual(comparable(missing.first));
    expect([missing.known, missing.handedOver]).toEqual([0, 1]);
    const cost = (JSON.parse(missing.first.body) as { extensions: { cost: { requested: number } } }).extensions.cost.requested;
    expect(missing.first.remaining - missing.second.remaining).toBe(cost);

    const bad = await twice({ query: BOARD, variables: { first: "twenty" } });
    expect(bad.second.status).toBe(400);
    expect(comparable(bad.second)).toEqual(comparable(bad.first));
    expect([bad.known, bad.handedOver]).toEqual([0, 1]);

    // Seen as Ana's query; Gus of Globex, partner of nobody, gets what Apollo gives him.
    const gus = await t.login("gus@globex.test");
    const foreign = await twice(
      { query: OPPORTUNITY, variables: { id: opps["Northwind catalog relaunch"]!.id } },
      { authorization: `Bearer ${gus}` },
    );
    expect(JSON.parse(foreign.second.body).errors[0].extensions.code).toBe("NOT_FOUND");
    expect(comparable(foreign.second)).toEqual(comparable(foreign.first));
    expect([foreign.known, foreign.handedOver]).toEqual([0, 1]);
  });

  it("leaves refusals to Apollo: over the cost limit, no caller", async () => {
    const greedy = await twice({ query: DEALS_MEMBERS_FIRMS, variables: { n: 100 } });
    expect(greedy.second.status).toBe(400);
    expect(comparable(greedy.second)).toEqual(comparable(greedy.first));
    expect([greedy.known, greedy.handedOver]).toEqual([0, 0]);

    const anonymous = await twice({ query: BOARD, variables: { first: 20 } }, {});
    expect(anonymous.second.status).toBe(401);
    expect(comparable(anonymous.second)).toEqual(comparable(anonymous.first));
    expect([anonymous.known, anonymous.handedOver]).toEqual([0, 0]);
  });

  it("runs a known mutation once: its answer when it succeeds, Apollo's answer from the same result when it fails", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const note = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { seq body } }`;
    const body = `known ${Date.now()}`;
    const ok = await twice({ query: note, variables: { input: { opportunityId: room, kind: "NOTE", body } } });
    expect(ok.known).toBe(1);
    const [first, second] = [JSON.parse(ok.first.body), JSON.parse(ok.second.body)];
    expect(second.data.logActivity.seq).toBe(first.data.logActivity.seq + 1);
    expect(comparable({ ...ok.second, body: ok.second.body.replace(/"seq":\d+/, "") })).toEqual(
      comparable({ ...ok.first, body: ok.first.body.replace(/"seq":\d+/, "") }),
    );

    // The first field writes, the second is refused: the answer carries both, and nothing runs twice.
    const half = `known half ${Date.now()}`;
    const both = `mutation ($a: LogActivityInput!, $b: LogActivityInput!) { a: logActivity(input: $a) { body } b: logActivity(input: $b) { body } }`;
    const partly = await twice({
      query: both,
      variables: { a: { opportunityId: room, kind: "NOTE", body: half }, b: { opportunityId: room, kind: "NOTE", body: " " } },
    });
    expect([partly.known, partly.handedOver]).toEqual([0, 1]);
    expect(JSON.parse(partly.second.body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(comparable(partly.second)).toEqual(comparable(partly.first));
    const [written] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM activity WHERE body = $1`, [half]);
    expect(written!.n).toBe(2);
  });
});
