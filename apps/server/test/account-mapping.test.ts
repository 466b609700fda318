import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { GraphQLResponse, TestServer } from "./fixtures.js";
import { AGREEMENT_TERMS, MOVE, NODE, countRows, createApiToken, roomKinds, signInDemoPeople } from "./helpers.js";
import { startReceiver } from "./receiver.js";
import { follow, socketClient } from "./ws.js";
import type { SocketClient } from "./ws.js";

/**
 * Private account mapping (issue 16, point 1) between Acme Print and Pixel Studio. The demo world
 * has Pixel opted in (revealing names by default) with three accounts: Contoso and Northwind, which
 * Acme has too under other names, and Stark Industries, which Acme has not. Pixel's account and deal
 * on Stark, and its deals' titles (never revealed), must never reach Acme by any path.
 */

const MAPPING = `mutation ($input: SetAccountMappingInput!) { setAccountMapping(input: $input) { id accountMapping { enabled partnerEnabled active defaultRevealLevel } } }`;
const OVERLAP = `query ($id: ID!) { accountOverlap(partnershipId: $id) { active common withMyOpenDeals withTheirOpenDeals withBothOpenDeals byStage { myStage theirStage count } } }`;
const REVEALED = `query ($id: ID!, $first: Int, $after: String) { overlappingAccounts(partnershipId: $id, first: $first, after: $after) {
  edges { cursor node { accountDomain theirRevealLevel theirAccountName myRevealLevel account { name } theirOpenDeal { stage owner { name } } } }
  pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
const REVEAL = `mutation ($input: RevealAccountsInput!) { revealAccounts(input: $input) { accountDomain level } }`;
const REQUEST = `mutation ($input: RequestCoSellInput!) { requestCoSell(input: $input) { id status accountDomain accountName message requester { name } recipientOrganization { name } } }`;
const ANSWER = `mutation ($input: AnswerCoSellRequestInput!) { answerCoSellRequest(input: $input) { id status reason accountName answeredBy { name }
  opportunity { id title organization { name } owner { name } members { role access user { name } } } } }`;
const REQUESTS = `{ coSellRequests { id status accountDomain accountName requester { name } } }`;
const INBOX = `{ notifications(first: 20) { edges { node { kind text url subjectId } } } }`;
const CREATE_DEAL = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`;
const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`;
const NOTIFICATIONS = `subscription { notificationAdded { kind text url } }`;
const BOARD = `subscription { boardChanged { kind opportunity { title account { name domain } } } }`;

/** What Acme must never learn: Pixel's account outside the overlap and its deal there. */
const SECRETS = ["Stark Industries", "stark.example", "Stark secret rebrand", "Northwind hidden pitch"];

let t: TestServer;
let tokens: Record<string, string>;
let ids: Record<string, string>;
/** The Acme–Pixel and Acme–Paperworks partnerships' global ids. */
let withPixel: string;
let withPaperworks: string;
/** Every response and live message Acme's people and tokens received, to search for secrets at the end. */
const seenByAcme: string[] = [];
const sockets: SocketClient[] = [];
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const as = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> => {
  const result = await t.gql(query, variables, tokens[who] ?? who);
  // What Acme's people send (a domain they type) is not something they learn back.
  const sent = JSON.stringify(variables);
  if ((["ana", "max"].includes(who) || !tokens[who]) && !SECRETS.some((secret) => sent.includes(secret))) {
    seenByAcme.push(JSON.stringify(result));
  }
  return result;
};
const ok = (result: GraphQLResponse): Record<string, any> => {
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
};
const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

/** Fails the test if an error message shows SQL, a stack or a file. */
function expectCleanError(result: GraphQLResponse, code: string): void {
  expect(codeOf(result)).toBe(code);
  expect(result.errors![0]!.message).not.toMatch(/SELECT|INSERT|UPDATE|relation|\bat \S+\.(ts|js)|Error:/);
}

beforeAll(async () => {
  t = await startTestServer({ webhookPollIntervalMs: 50 });
  ({ tokens, ids } = await signInDemoPeople(t));
  const partnerships = ok(await t.gql(`{ partnerships { id partner { name } } }`, {}, tokens.max)).partnerships;
  withPixel = partnerships.find((p: { partner: { name: string } }) => p.partner.name === "Pixel Studio").id;
  withPaperworks = partnerships.find((p: { partner: { name: string } }) => p.partner.name === "Paperworks").id;
  // Pixel's open deals: Lee's on Contoso, Pat's on Northwind (both in the overlap), and Lee's secret one
  // on Stark (not).
  const pixelAccounts = ok(await t.gql(`{ accounts { id name } }`, {}, tokens.lee)).accounts as { id: string; name: string }[];
  const accountId = (name: string) => pixelAccounts.find((a) => a.name === name)!.id;
  for (const [who, account, title] of [
    ["lee", "Contoso Retail Group", "Contoso brand refresh"],
    ["pat", "Northwind", "Northwind hidden pitch"],
    ["lee", "Stark Industries", "Stark secret rebrand"],
  ] as const) {
    const input = { accountId: accountId(account), title, amount: { amount: "5000.00", currency: "EUR" } };
    ok(await t.gql(CREATE_DEAL, { input }, tokens[who]));
  }
  // Acme listens everywhere it could hear of Pixel's accounts: inboxes, boards and its webhook.
  receiver = await startReceiver();
  ok(
    await t.gql(
      `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`,
      { input: { url: receiver.url, secret: "acme-webhook-secret-0123456789", events: ["ACTIVITY_LOGGED", "STAGE_CHANGED", "DEAL_WON"] } },
      tokens.max,
    ),
  );
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose()));
  await receiver?.close();
  await t?.close();
});

describe("account mapping", () => {
  it("matches nothing while only one side has opted in", async () => {
    const mapping = ok(
      await as("max", `query { partnerships { id accountMapping { enabled partnerEnabled active defaultRevealLevel } } }`),
    );
    expect(mapping.partnerships.find((p: { id: string }) => p.id === withPixel).accountMapping).toEqual({
      enabled: false,
      partnerEnabled: true,
      active: false,
      defaultRevealLevel: "NONE",
    });
    const overlap = ok(await as("ana", OVERLAP, { id: withPixel })).accountOverlap;
    expect(overlap).toEqual({ active: false, common: 0, withMyOpenDeals: 0, withTheirOpenDeals: 0, withBothOpenDeals: 0, byStage: [] });
    expect(ok(await as("ana", REVEALED, { id: withPixel })).overlappingAccounts.edges).toEqual([]);
    const refused = await as("ana", REQUEST, {
      input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Shall we?" },
    });
    expectCleanError(refused, "CONFLICT");
    expect(refused.errors![0]!.extensions!.reason).toBe("MAPPING_OFF");
  });

  it("is switched on by a manager (or a token) only, and only on a signed partnership", async () => {
    expectCleanError(await as("ana", MAPPING, { input: { partnershipId: withPixel, enabled: true } }), "FORBIDDEN");
    const readToken = await createApiToken(t, "max@acme.test", ["READ"]);
    expectCleanError(await as(readToken.token, MAPPING, { input: { partnershipId: withPixel, enabled: true } }), "FORBIDDEN");
    // A proposed (unsigned) partnership between Pixel and Paperworks cannot map accounts.
    const proposed = ok(
      await t.gql(
        `mutation ($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id } }`,
        { input: { partnerOrganizationId: await orgId("pia"), terms: AGREEMENT_TERMS } },
        tokens.pat,
      ),
    ).proposePartnership.id;
    const unsigned = await t.gql(MAPPING, { input: { partnershipId: proposed, enabled: true } }, tokens.pat);
    expectCleanError(unsigned, "CONFLICT");
    expect(unsigned.errors![0]!.extensions!.reason).toBe("PARTNERSHIP_NOT_SIGNED");
    // Opting out is always possible.
    expect(
      ok(await t.gql(MAPPING, { input: { partnershipId: proposed, enabled: false } }, tokens.pat)).setAccountMapping.accountMapping,
    ).toEqual({ enabled: false, partnerEnabled: false, active: false, defaultRevealLevel: "NONE" });

    const on = ok(await as("max", MAPPING, { input: { partnershipId: withPixel, enabled: true } })).setAccountMapping;
    expect(on.accountMapping).toEqual({ enabled: true, partnerEnabled: true, active: true, defaultRevealLevel: "NONE" });
  });

  it("counts the accounts both firms have, by normalized domain, and where their open deals stand", async () => {
    // Acme: Contoso (NEGOTIATION), Northwind (PROPOSAL), Initech, Umbrella (PROSPECTING).
    // Pixel: Contoso and Northwind (PROSPECTING), Stark. Initech and Umbrella have no partner account.
    const acme = ok(await as("ana", OVERLAP, { id: withPixel })).accountOverlap;
    expect(acme).toEqual({
      active: true,
      common: 2,
      withMyOpenDeals: 2,
      withTheirOpenDeals: 2,
      withBothOpenDeals: 2,
      byStage: [
        { myStage: "PROPOSAL", theirStage: "PROSPECTING", count: 1 },
        { myStage: "NEGOTIATION", theirStage: "PROSPECTING", count: 1 },
      ],
    });
    const pixel = ok(await t.gql(OVERLAP, { id: withPixel }, tokens.lee)).accountOverlap;
    expect(pixel).toMatchObject({ common: 2, withMyOpenDeals: 2, withTheirOpenDeals: 2, withBothOpenDeals: 2 });
    expect(pixel.byStage).toEqual([
      { myStage: "PROSPECTING", theirStage: "PROPOSAL", count: 1 },
      { myStage: "PROSPECTING", theirStage: "NEGOTIATION", count: 1 },
    ]);
  });

  it("lists only what the other side revealed, page by page", async () => {
    // Pixel reveals names by default; Acme (default NONE) reveals nothing yet.
    expect(ok(await t.gql(REVEALED, { id: withPixel }, tokens.lee)).overlappingAccounts.edges).toEqual([]);
    const first = ok(await as("ana", REVEALED, { id: withPixel, first: 1 })).overlappingAccounts;
    expect(first.edges.map((e: { node: unknown }) => e.node)).toEqual([
      {
        accountDomain: "contoso.example",
        theirRevealLevel: "NAME",
        theirAccountName: "Contoso Retail Group",
        myRevealLevel: "NONE",
        account: { name: "Contoso Retail" },
        theirOpenDeal: null,
      },
    ]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = ok(await as("ana", REVEALED, { id: withPixel, first: 1, after: first.pageInfo.endCursor })).overlappingAccounts;
    expect(second.edges.map((e: { node: { theirAccountName: string } }) => e.node.theirAccountName)).toEqual(["Northwind"]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expectCleanError(await as("ana", REVEALED, { id: withPixel, after: "bm90IGEgY3Vyc29y" }), "BAD_USER_INPUT");

    // Pixel shows its Contoso deal, hides Northwind; Acme reveals names by default.
    const revealed = ok(
      await t.gql(
        REVEAL,
        { input: { partnershipId: withPixel, accountDomains: ["https://www.Contoso.example/"], level: "DEAL" } },
        tokens.pat,
      ),
    );
    expect(revealed.revealAccounts).toEqual([{ accountDomain: "contoso.example", level: "DEAL" }]);
    ok(await t.gql(REVEAL, { input: { partnershipId: withPixel, accountDomains: ["northwind.example"], level: "NONE" } }, tokens.pat));
    ok(await as("max", MAPPING, { input: { partnershipId: withPixel, enabled: true, defaultRevealLevel: "NAME" } }));

    const acmeView = ok(await as("ana", REVEALED, { id: withPixel })).overlappingAccounts.edges.map((e: { node: unknown }) => e.node);
    expect(acmeView).toEqual([
      {
        accountDomain: "contoso.example",
        theirRevealLevel: "DEAL",
        theirAccountName: "Contoso Retail Group",
        myRevealLevel: "NAME",
        account: { name: "Contoso Retail" },
        theirOpenDeal: { stage: "PROSPECTING", owner: { name: "Lee Lindqvist" } },
      },
    ]);
    const pixelView = ok(await t.gql(REVEALED, { id: withPixel }, tokens.lee)).overlappingAccounts.edges;
    expect(
      pixelView.map((e: { node: { theirAccountName: string; theirOpenDeal: unknown } }) => [e.node.theirAccountName, e.node.theirOpenDeal]),
    ).toEqual([
      ["Contoso Retail", null],
      ["Northwind Traders", null],
    ]);
  });

  it("reveals only the caller's own accounts, and says nothing of the other side's when refusing", async () => {
    // Stark is Pixel's own account: revealing it is accepted, and still shows Acme nothing (no overlap).
    ok(await t.gql(REVEAL, { input: { partnershipId: withPixel, accountDomains: ["stark.example"], level: "DEAL" } }, tokens.pat));
    // A domain Acme has and Pixel has not, and one nobody has: refused alike, naming only the domain.
    for (const domain of ["initech.example", "nobody.example"]) {
      const refused = await t.gql(REVEAL, { input: { partnershipId: withPixel, accountDomains: [domain], level: "NAME" } }, tokens.pat);
      expectCleanError(refused, "BAD_USER_INPUT");
      expect(refused.errors![0]!.message).toBe(`accountDomains: ${domain} is not the domain of one of your organization's accounts`);
    }
    expectCleanError(
      await t.gql(REVEAL, { input: { partnershipId: withPixel, accountDomains: ["not a domain"], level: "NAME" } }, tokens.pat),
      "BAD_USER_INPUT",
    );
    expectCleanError(
      await t.gql(REVEAL, { input: { partnershipId: withPixel, accountDomains: ["stark.example"], level: "NAME" } }, tokens.lee),
      "FORBIDDEN",
    );
    expect(ok(await as("ana", REVEALED, { id: withPixel })).overlappingAccounts.edges).toHaveLength(1);
  });
});

describe("co-sell requests", () => {
  let contosoRequest: string;

  it("are sent by a rep about an overlapping account the partner revealed, and reach the partner's managers", async () => {
    const inboxBefore = await t.gql(INBOX, {}, tokens.pat);
    const sent = ok(
      await as("ana", REQUEST, {
        input: { partnershipId: withPixel, accountDomain: "WWW.contoso.example", message: "Your designers on our packaging deal?" },
      }),
    ).requestCoSell;
    contosoRequest = sent.id;
    expect(sent).toMatchObject({
      status: "PENDING",
      accountDomain: "contoso.example",
      accountName: "Contoso Retail",
      requester: { name: "Ana Alvarez" },
      recipientOrganization: { name: "Pixel Studio" },
    });
    const inbox = ok(await t.gql(INBOX, {}, tokens.pat)).notifications.edges.map((e: { node: unknown }) => e.node);
    expect(inbox.length).toBe(inboxBefore.data!.notifications.edges.length + 1);
    expect(inbox[0]).toEqual({
      kind: "COSELL_REQUEST_RECEIVED",
      text: "Ana Alvarez of Acme Print asks to co-sell on Contoso Retail Group: Your designers on our packaging deal?",
      url: "/partners",
      subjectId: contosoRequest,
    });
    // Both firms list it, each under its own name for the account.
    expect(ok(await t.gql(REQUESTS, {}, tokens.lee)).coSellRequests).toEqual([
      {
        id: contosoRequest,
        status: "PENDING",
        accountDomain: "contoso.example",
        accountName: "Contoso Retail Group",
        requester: { name: "Ana Alvarez" },
      },
    ]);
    const again = await as("ana", REQUEST, { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Again" } });
    expectCleanError(again, "CONFLICT");
    expect(again.errors![0]!.extensions!.reason).toBe("ALREADY_PENDING");
  });

  it("refuse a domain outside the overlap and one the partner did not reveal with the same answer", async () => {
    const messages: string[] = [];
    // Stark: Pixel's, not Acme's. Northwind: both have it, Pixel hides it. Initech: Acme's only. Nobody's.
    for (const domain of ["stark.example", "northwind.example", "initech.example", "nobody.example"]) {
      const refused = await as("ana", REQUEST, { input: { partnershipId: withPixel, accountDomain: domain, message: "Hello" } });
      expectCleanError(refused, "BAD_USER_INPUT");
      expect(refused.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", field: "accountDomain", reason: "NOT_IN_OVERLAP" });
      messages.push(refused.errors![0]!.message.replace(domain, "<domain>"));
    }
    expect(new Set(messages)).toEqual(
      new Set(["accountDomain: <domain> is not among the overlapping accounts Pixel Studio revealed to your organization"]),
    );
    expectCleanError(
      await as("ana", REQUEST, { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: " " } }),
      "BAD_USER_INPUT",
    );
    const token = await createApiToken(t, "max@acme.test", ["READ", "WRITE"]);
    expectCleanError(
      await as(token.token, REQUEST, { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Hi" } }),
      "FORBIDDEN",
    );
  });

  it("are answered by a manager of the asked firm only", async () => {
    const input = { id: contosoRequest, accept: true };
    expectCleanError(await t.gql(ANSWER, { input }, tokens.lee), "FORBIDDEN");
    expectCleanError(await as("max", ANSWER, { input }), "FORBIDDEN");
    for (const outsider of ["gus", "pia"]) expectCleanError(await t.gql(ANSWER, { input }, tokens[outsider]), "NOT_FOUND");
    expectCleanError(await t.gql(ANSWER, { input: { ...input, ownerId: ids.ana } }, tokens.pat), "BAD_USER_INPUT");
  });

  it("accepted once when two managers accept at the same time; the requester joins the asked firm's open deal on the account", async () => {
    const [one, two] = await Promise.all([
      t.gql(ANSWER, { input: { id: contosoRequest, accept: true } }, tokens.pat),
      t.gql(ANSWER, { input: { id: contosoRequest, accept: true } }, tokens.pat),
    ]);
    const results = [one, two];
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect([won.length, lost.length]).toEqual([1, 1]);
    expectCleanError(lost[0]!, "CONFLICT");
    expect(lost[0]!.errors![0]!.extensions!.reason).toBe("ALREADY_ANSWERED");
    const answered = won[0]!.data!.answerCoSellRequest;
    // Pixel already works Contoso (Lee's open deal): Ana joins that room rather than a second one.
    expect(answered).toMatchObject({
      status: "ACCEPTED",
      accountName: "Contoso Retail Group",
      answeredBy: { name: "Pat Park" },
      opportunity: { title: "Contoso brand refresh", organization: { name: "Pixel Studio" }, owner: { name: "Lee Lindqvist" } },
    });
    expect(answered.opportunity.members).toContainEqual({ role: "PARTNER_REP", access: "WRITE", user: { name: "Ana Alvarez" } });
    const kinds = await roomKinds(t, answered.opportunity.id);
    expect(kinds.slice(-2)).toEqual(["MEMBER_JOINED", "CO_SELL_ACCEPTED"]);
    expect(kinds.filter((k) => k === "CO_SELL_ACCEPTED")).toHaveLength(1);
    const inbox = ok(await as("ana", INBOX)).notifications.edges.map((e: { node: { kind: string; url: string } }) => e.node);
    expect(inbox[0]).toMatchObject({ kind: "COSELL_REQUEST_ANSWERED", url: `/room/${answered.opportunity.id}` });
    expectCleanError(await t.gql(ANSWER, { input: { id: contosoRequest, accept: false } }, tokens.pat), "CONFLICT");
    // Joining a deal already open sources nothing (attribution counts only rooms opened for a request).
    expect(await t.sql(`SELECT opened_opportunity FROM co_sell_request WHERE id = $1`, [rowId(contosoRequest)])).toEqual([
      { opened_opportunity: false },
    ]);
  });

  it("open a new room on the accepting firm's account when neither works it yet; the requester's firm sourced it", async () => {
    const performance = async () =>
      ok(
        await as("max", `{ partnerPerformance(from: "2000-01-01", to: "2999-12-31") { organization { name } sourcedDeals } }`),
      ).partnerPerformance.find((row: { organization: { name: string } }) => row.organization.name === "Pixel Studio")?.sourcedDeals ?? 0;
    const sourcedBefore = await performance();
    // Both firms add Wayne Enterprises; neither has a deal there. Lee asks Acme, which reveals names.
    ok(await t.gql(CREATE_ACCOUNT, { input: { name: "Wayne Enterprises", domain: "wayne.example" } }, tokens.max));
    ok(await t.gql(CREATE_ACCOUNT, { input: { name: "Wayne Ent.", domain: "https://www.wayne.example" } }, tokens.lee));
    const sent = ok(
      await t.gql(
        REQUEST,
        { input: { partnershipId: withPixel, accountDomain: "wayne.example", message: "Wayne's new letterheads?" } },
        tokens.lee,
      ),
    ).requestCoSell;
    expect(sent.accountName).toBe("Wayne Ent.");
    const answered = ok(await as("max", ANSWER, { input: { id: sent.id, accept: true, ownerId: ids.ana } })).answerCoSellRequest;
    expect(answered.opportunity).toMatchObject({
      title: "Wayne Enterprises: co-sell with Pixel Studio",
      organization: { name: "Acme Print" },
      owner: { name: "Ana Alvarez" },
    });
    expect(answered.opportunity.members).toEqual([
      { role: "OWNER", access: "WRITE", user: { name: "Ana Alvarez" } },
      { role: "PARTNER_REP", access: "WRITE", user: { name: "Lee Lindqvist" } },
    ]);
    // Lee reads the room; it counts as sourced by Pixel once won.
    expect(codeOf(await t.gql(NODE, { id: answered.opportunity.id }, tokens.lee))).toBeUndefined();
    ok(await as("ana", MOVE, { input: { id: answered.opportunity.id, stage: "CLOSED_WON", expectedVersion: 1 } }));
    expect(await performance()).toBe(sourcedBefore + 1);
  });

  it("bring the asked firm's rep into the requester's own open deal when only the requester's firm works the account", async () => {
    // Pixel adds Umbrella Foods, where only Acme has an open deal (Ana's).
    ok(await t.gql(CREATE_ACCOUNT, { input: { name: "Umbrella", domain: "umbrella.example" } }, tokens.lee));
    const sent = ok(
      await as("ana", REQUEST, { input: { partnershipId: withPixel, accountDomain: "umbrella.example", message: "Menu card design?" } }),
    ).requestCoSell;
    const answered = ok(await t.gql(ANSWER, { input: { id: sent.id, accept: true } }, tokens.pat)).answerCoSellRequest;
    expect(answered.opportunity).toMatchObject({ title: "Umbrella menu cards", organization: { name: "Acme Print" } });
    expect(answered.opportunity.members).toContainEqual({ role: "PARTNER_REP", access: "WRITE", user: { name: "Pat Park" } });
  });

  it("can be declined, with a reason the requester reads", async () => {
    const sent = ok(
      await t.gql(
        REQUEST,
        { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Contoso again?" } },
        tokens.lee,
      ),
    ).requestCoSell;
    const declined = ok(await as("max", ANSWER, { input: { id: sent.id, accept: false, reason: "Already covered" } })).answerCoSellRequest;
    expect(declined).toMatchObject({ status: "DECLINED", reason: "Already covered", opportunity: null });
    const inbox = ok(await t.gql(INBOX, {}, tokens.lee)).notifications.edges.map((e: { node: { kind: string; text: string } }) => e.node);
    expect(inbox[0]).toMatchObject({ kind: "COSELL_REQUEST_ANSWERED", url: "/partners" });
    expect(inbox[0].text).toContain("declined your co-sell request on contoso.example: Already covered");
  });
});

describe("opting out", () => {
  it("stops matching at once, even for reads racing it, and deletes nothing of the other side", async () => {
    const pixelOrg = rowId(await orgId("pat"));
    const pixelRows = async () => ({
      mapping: await countRows(t, "account_mapping", "organization_id = $1 AND enabled", [pixelOrg]),
      reveals: await countRows(t, "account_reveal", "organization_id = $1", [pixelOrg]),
    });
    const before = await pixelRows();
    const full = ok(await as("ana", REVEALED, { id: withPixel })).overlappingAccounts.edges.length;
    const common = ok(await as("ana", OVERLAP, { id: withPixel })).accountOverlap.common;
    expect([full, common]).toEqual([3, 4]);
    // Reads started together with the opt-out see all of it or nothing, never a part.
    const reads = Array.from({ length: 8 }, () => as("ana", REVEALED, { id: withPixel }));
    const optOut = as("max", MAPPING, { input: { partnershipId: withPixel, enabled: false } });
    const more = Array.from({ length: 8 }, () => as("ana", OVERLAP, { id: withPixel }));
    const [off, ...raced] = await Promise.all([optOut, ...reads, ...more]);
    expect(ok(off!).setAccountMapping.accountMapping).toMatchObject({ enabled: false, partnerEnabled: true, active: false });
    for (const read of raced) {
      const data = ok(read!);
      if (data.overlappingAccounts) expect([0, full]).toContain(data.overlappingAccounts.edges.length);
      else expect([0, common]).toContain(data.accountOverlap.common);
    }
    // Every read after the opt-out answered: nothing.
    expect(ok(await as("ana", REVEALED, { id: withPixel })).overlappingAccounts.edges).toEqual([]);
    expect(ok(await as("ana", OVERLAP, { id: withPixel })).accountOverlap).toMatchObject({ active: false, common: 0, byStage: [] });
    expect(ok(await t.gql(REVEALED, { id: withPixel }, tokens.lee)).overlappingAccounts.edges).toEqual([]);
    const request = await t.gql(
      REQUEST,
      { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Hi" } },
      tokens.lee,
    );
    expect(request.errors![0]!.extensions!.reason).toBe("MAPPING_OFF");
    expect(await pixelRows()).toEqual(before);
  });

  it("racing a co-sell request: either the request was filed before the opt-out, or it is refused", async () => {
    ok(await as("max", MAPPING, { input: { partnershipId: withPixel, enabled: true } }));
    const [request, off] = await Promise.all([
      t.gql(REQUEST, { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Race" } }, tokens.lee),
      as("max", MAPPING, { input: { partnershipId: withPixel, enabled: false } }),
    ]);
    ok(off);
    if (request.errors) expect(request.errors[0]!.extensions!.reason).toBe("MAPPING_OFF");
    else expect(request.data!.requestCoSell.status).toBe("PENDING");
  });
});

describe("another company's view", () => {
  it("is NOT_FOUND for every part of a partnership it is not party to", async () => {
    const [request] = ok(await t.gql(REQUESTS, {}, tokens.lee)).coSellRequests;
    for (const outsider of ["gus", "sam", "pia"]) {
      const token = tokens[outsider];
      for (const [query, variables] of [
        [OVERLAP, { id: withPixel }],
        [REVEALED, { id: withPixel }],
        [MAPPING, { input: { partnershipId: withPixel, enabled: true } }],
        [REVEAL, { input: { partnershipId: withPixel, accountDomains: ["contoso.example"], level: "DEAL" } }],
        [REQUEST, { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Hi" } }],
        [ANSWER, { input: { id: request.id, accept: true } }],
        [NODE, { id: request.id }],
      ] as const) {
        const result = await t.gql(query, variables, token);
        if (query === MAPPING || query === REVEAL) {
          // Reps are refused before the lookup; managers learn only that it does not exist.
          expect(["NOT_FOUND", "FORBIDDEN"]).toContain(codeOf(result));
        } else expectCleanError(result, "NOT_FOUND");
        expect(JSON.stringify(result)).not.toMatch(/contoso|Contoso|northwind/i);
      }
      expect(ok(await t.gql(REQUESTS, {}, token)).coSellRequests).toEqual([]);
    }
    expectCleanError(await t.gql(OVERLAP, { id: withPaperworks }, tokens.lee), "NOT_FOUND");
    expectCleanError(await t.gql(OVERLAP, { id: "UGFydG5lcnNoaXA6bm9wZQ" }, tokens.ana), "NOT_FOUND");
  });

  it("never shows Acme a non-overlapping or unrevealed account of Pixel's: API, subscriptions, webhooks", async () => {
    // Acme follows its inbox and its board while mapping runs again and Pixel works its accounts.
    const maxSocket = socketClient(t.url, tokens.max);
    const anaSocket = socketClient(t.url, tokens.ana);
    sockets.push(maxSocket, anaSocket);
    const feeds = await t.live(
      () => [
        follow(maxSocket, NOTIFICATIONS, {}, "notificationAdded"),
        follow(anaSocket, NOTIFICATIONS, {}, "notificationAdded"),
        follow(maxSocket, BOARD, {}, "boardChanged"),
        follow(anaSocket, BOARD, {}, "boardChanged"),
      ],
      4,
    );
    ok(await as("max", MAPPING, { input: { partnershipId: withPixel, enabled: true } }));
    ok(
      await t.gql(
        REVEAL,
        { input: { partnershipId: withPixel, accountDomains: ["stark.example", "contoso.example"], level: "DEAL" } },
        tokens.pat,
      ),
    );
    const stark = ok(await t.gql(`{ opportunities(first: 50) { edges { node { id title version } } } }`, {}, tokens.lee))
      .opportunities.edges.map((e: { node: { id: string; title: string; version: number } }) => e.node)
      .find((o: { title: string }) => o.title === "Stark secret rebrand");
    ok(await t.gql(MOVE, { input: { id: stark.id, stage: "QUALIFICATION", expectedVersion: stark.version } }, tokens.lee));
    ok(await t.gql(MAPPING, { input: { partnershipId: withPixel, enabled: false } }, tokens.pat));
    ok(await t.gql(MAPPING, { input: { partnershipId: withPixel, enabled: true } }, tokens.pat));
    // A request Acme sends is answered by Pixel: Acme's feeds carry that, and only that.
    const sent = ok(
      await as("ana", REQUEST, { input: { partnershipId: withPixel, accountDomain: "contoso.example", message: "Once more, together?" } }),
    ).requestCoSell;
    ok(await t.gql(ANSWER, { input: { id: sent.id, accept: true, ownerId: ids.lee } }, tokens.pat));
    await feeds[1]!.waitFor(1);
    for (const feed of feeds) seenByAcme.push(JSON.stringify(feed.items), JSON.stringify(feed.errors));
    for (const query of [OVERLAP, REVEALED]) seenByAcme.push(JSON.stringify(await as("ana", query, { id: withPixel })));
    seenByAcme.push(
      JSON.stringify(
        await as("ana", `{ accounts { name domain } opportunities(first: 100) { edges { node { title account { name domain } } } } }`),
      ),
    );
    seenByAcme.push(JSON.stringify(await as("max", REQUESTS)), JSON.stringify(await as("max", INBOX)));
    const acmeOrg = rowId(await orgId("max"));
    const deliveries = await t.sql(
      `SELECT d.body FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE w.organization_id = $1`,
      [acmeOrg],
    );
    expect(deliveries.length).toBeGreaterThan(0);
    seenByAcme.push(...deliveries.map((d) => String(d.body)));

    const everything = seenByAcme.join("\n");
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});

describe("the partnership ending", () => {
  it("stops matching, and a request made before can only be declined", async () => {
    const sent = ok(
      await t.gql(
        REQUEST,
        { input: { partnershipId: withPixel, accountDomain: "northwind.example", message: "Before the end" } },
        tokens.lee,
      ),
    ).requestCoSell;
    ok(
      await t.gql(
        `mutation ($input: TerminatePartnershipInput!) { terminatePartnership(input: $input) { status } }`,
        { input: { id: withPixel } },
        tokens.pat,
      ),
    );
    expect(ok(await as("ana", OVERLAP, { id: withPixel })).accountOverlap).toMatchObject({ active: false, common: 0 });
    expect(ok(await as("ana", REVEALED, { id: withPixel })).overlappingAccounts.edges).toEqual([]);
    const accepted = await as("max", ANSWER, { input: { id: sent.id, accept: true } });
    expectCleanError(accepted, "CONFLICT");
    expect(accepted.errors![0]!.extensions!.reason).toBe("PARTNERSHIP_NOT_SIGNED");
    expect(ok(await as("max", ANSWER, { input: { id: sent.id, accept: false } })).answerCoSellRequest.status).toBe("DECLINED");
    const on = await as("max", MAPPING, { input: { partnershipId: withPixel, enabled: true } });
    expect(on.errors![0]!.extensions!.reason).toBe("PARTNERSHIP_NOT_SIGNED");
  });
});

/** The global id of a demo person's organization. */
async function orgId(who: string): Promise<string> {
  return ok(await t.gql(`{ viewer { organization { id } } }`, {}, tokens[who])).viewer.organization.id;
}
