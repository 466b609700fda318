import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_MEMBER, createApiToken, openRoom, signInDemoPeople } from "./helpers.js";
import { follow, socketClient, until } from "./ws.js";
import type { SocketClient } from "./ws.js";

/**
 * A team moving from another CRM brings its accounts and deals as CSV (`POST /import/opportunities`)
 * and takes its board out the same way (`GET /export/opportunities.csv`): every row checked with the
 * API's rules, a dry run that says row by row what is wrong, nothing half-written, and an export
 * that holds exactly what the caller's board shows.
 */
let t: TestServer;
let tokens: Record<"ana" | "max" | "lee" | "gus", string>;
let ids: Record<string, string>;
const sockets: SocketClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
  const people = await signInDemoPeople(t, ["ana", "max", "lee", "gus"]);
  tokens = people.tokens as typeof tokens;
  ids = people.ids;
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.close();
});

interface ImportAnswer {
  status: number;
  body: {
    created: number;
    errors: { row: number; message: string }[];
    accounts?: { created: number; reused: number };
    notices?: { row: number; message: string }[];
    dryRun?: boolean;
  } & { errors: { row?: number; message: string; extensions?: { code: string; field?: string } }[] };
}

async function importCsv(csv: string | Buffer, token: string | undefined, query = "", contentType = "text/csv"): Promise<ImportAnswer> {
  const response = await fetch(`${t.url}/import/opportunities${query}`, {
    method: "POST",
    headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof csv === "string" ? csv : new Uint8Array(csv),
  });
  return { status: response.status, body: (await response.json()) as ImportAnswer["body"] };
}

async function exportCsv(token: string, query = ""): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${t.url}/export/opportunities.csv${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const records = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true });

async function count(table: string, organization: string): Promise<number> {
  const [row] = await t.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} x JOIN organization org ON org.id = x.organization_id WHERE org.name = $1`,
    [organization],
  );
  return row!.n;
}

const HEADER = "title,accountName,accountDomain,amount,currency,stage,closeDate\r\n";

/** `rows` deals on 100 accounts as a CRM exports them, with the cells `bad` names (row index → [column, value]) spoiled. */
function bulkFile(rows: number, bad: ReadonlyMap<number, [string, string]> = new Map()): string {
  let csv = HEADER;
  for (let i = 0; i < rows; i++) {
    const cells: Record<string, string> = {
      title: `Bulk deal ${i}`,
      accountName: `Client ${i % 100}`,
      accountDomain: `client-${i % 100}.example`,
      amount: `${1000 + i}.50`,
      currency: i % 2 ? "USD" : "EUR",
      stage: i % 3 ? "PROSPECTING" : "Qualification",
      closeDate: "2027-03-31",
    };
    const wrong = bad.get(i);
    if (wrong) cells[wrong[0]] = wrong[1];
    csv += `${[cells.title, cells.accountName, cells.accountDomain, `"${cells.amount}"`, cells.currency, cells.stage, cells.closeDate].join(",")}\r\n`;
  }
  return csv;
}

describe("importing 10,000 deals", () => {
  const ROWS = 10_000;
  const BAD = new Map<number, [string, string]>([
    [1234, ["amount", "12,5"]],
    [5000, ["closeDate", "2026-02-30"]],
    [9999, ["title", "   "]],
  ]);
  const lineOf = (index: number): number => index + 2; // the header is line 1

  it("reports exactly the bad rows in the dry run, writes nothing while they are there, then imports all 10,000 at once", async () => {
    const before = { opportunities: await count("opportunity", "Acme Print"), accounts: await count("account", "Acme Print") };
    const [counters] = await t.sql(
      `SELECT (SELECT last_seq FROM board_change_counter)::int AS board, (SELECT last_seq FROM stage_change_counter)::int AS stage`,
    );
    const cursor = (await t.gql(`{ boardChangesCursor }`, {}, tokens.max)).data!.boardChangesCursor as string;
    const socket = socketClient(t.url, tokens.max);
    sockets.push(socket);
    const live = follow<{ kind: string; opportunity: { title: string } | null }>(
      socket,
      `subscription ($after: String) { boardChanged(after: $after) { kind opportunity { title } } }`,
      { after: cursor },
      "boardChanged",
    );

    const dry = await importCsv(bulkFile(ROWS, BAD), tokens.ana, "?dryRun=1");
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.created).toBe(ROWS - BAD.size);
    expect(dry.body.accounts).toEqual({ created: 100, reused: 0 });
    expect(dry.body.errors).toEqual([
      { row: lineOf(1234), message: 'amount: must be a non-negative decimal such as "12500.00"' },
      { row: lineOf(5000), message: "closeDate: is not a real date" },
      { row: lineOf(9999), message: "title: must not be empty" },
    ]);

    const refused = await importCsv(bulkFile(ROWS, BAD), tokens.ana);
    expect(refused.status).toBe(422);
    expect(refused.body.created).toBe(0);
    expect(refused.body.accounts).toEqual({ created: 0, reused: 0 }); // nothing was written, accounts neither
    expect(refused.body.errors).toEqual(dry.body.errors);
    expect(await count("opportunity", "Acme Print")).toBe(before.opportunities);
    expect(await count("account", "Acme Print")).toBe(before.accounts);

    const started = performance.now();
    const done = await importCsv(bulkFile(ROWS), tokens.ana);
    const ms = Math.round(performance.now() - started);
    console.info(`imported ${ROWS} deals over HTTP in ${ms} ms (PostgreSQL)`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, created: ROWS, errors: [], accounts: { created: 100, reused: 0 } });
    expect(await count("opportunity", "Acme Print")).toBe(before.opportunities + ROWS);
    expect(await count("account", "Acme Print")).toBe(before.accounts + 100);

    // Each deal is whole: its owner seated, its room's first entry chained, its first stage recorded.
    const [whole] = await t.sql(
      `SELECT count(*)::int AS deals,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM room_member m WHERE m.opportunity_id = o.id AND m.role = 'OWNER'))::int AS seated,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM activity a WHERE a.opportunity_id = o.id AND a.seq = 1 AND a.hash = o.last_activity_hash))::int AS chained,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM stage_change s WHERE s.opportunity_id = o.id AND s.to_stage = o.stage))::int AS staged
         FROM opportunity o WHERE o.title LIKE 'Bulk deal %'`,
    );
    expect(whole).toEqual({ deals: ROWS, seated: ROWS, chained: ROWS, staged: ROWS });
    const [after] = await t.sql(
      `SELECT (SELECT last_seq FROM board_change_counter)::int AS board, (SELECT last_seq FROM stage_change_counter)::int AS stage,
              (SELECT count(*) FROM board_change)::int AS board_rows, (SELECT count(*) FROM stage_change)::int AS stage_rows`,
    );
    // Every deal's first stage in the stage history; one board change for the whole import.
    expect(after).toMatchObject({ board: counters!.board + 1, stage: counters!.stage + ROWS });
    // Gapless: as many rows as the counters say.
    expect(after!.board_rows).toBe(after!.board);
    expect(after!.stage_rows).toBe(after!.stage);

    const someDeal = (
      await t.gql(
        `{ opportunities(first: 1, filter: { search: "Bulk deal 4242" }) { edges { node { id stage amount { amount currency } } } } }`,
        {},
        tokens.ana,
      )
    ).data!.opportunities.edges[0].node;
    expect(someDeal).toMatchObject({ stage: "QUALIFICATION", amount: { amount: "5242.50", currency: "EUR" } });
    const audit = await t.gql(`query ($id: ID!) { verifyAuditTrail(opportunityId: $id) { ok checked } }`, { id: someDeal.id }, tokens.ana);
    expect(audit.data!.verifyAuditTrail).toEqual({ ok: true, checked: 1 });

    // A manager's live board hears of the import as one change (the last deal), not ten thousand.
    await until(
      () => live.items.length >= 1,
      10_000,
      () => "waiting for the board change",
    );
    expect(live.items).toEqual([{ kind: "IMPORTED", opportunity: { title: "Bulk deal 9999" } }]);
  }, 120_000);
});

describe("columns, accounts and rows", () => {
  it("reads another CRM's column names, or the ones the request maps, in UTF-8 with a byte-order mark, quotes and CRLF", async () => {
    const csv = `\uFEFFDeal Name,Company,Website,Value,Currency Code,Expected Close Date,Notes\r\n"Mapped, with comma",Mapco,mapco.example,"1,000.00",usd,2027-01-15,"multi\r\nline"\r\n`;
    const guessed = await importCsv(csv.replace('"1,000.00"', "1000.00"), tokens.ana, "?dryRun=1");
    expect(guessed.body).toMatchObject({ created: 1, errors: [] });

    const other = `Opp,Customer,Site,Worth,Cur\r\nSpelled out,Spellco,spellco.example,12.5,EUR\r\n`;
    const unmapped = await importCsv(other, tokens.ana, "?dryRun=1");
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.errors[0]!.extensions).toEqual({ code: "BAD_USER_INPUT", field: "map.title" });
    const map = "?map.title=Opp&map.accountName=Customer&map.accountDomain=Site&map.amount=Worth&map.currency=Cur";
    const mapped = await importCsv(other, tokens.ana, map);
    expect(mapped.body).toMatchObject({ created: 1, errors: [] });
    const [deal] = await t.sql(
      `SELECT o.title, o.amount_minor::text AS minor, o.currency, a.name, a.domain FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.title = 'Spelled out'`,
    );
    expect(deal).toEqual({ title: "Spelled out", minor: "1250", currency: "EUR", name: "Spellco", domain: "spellco.example" });

    expect((await importCsv(other, tokens.ana, `${map}&map.probability=Worth`)).status).toBe(400);
    expect((await importCsv(other, tokens.ana, "?map.title=Missing")).body.errors[0]!.message).toBe(
      'map.title: the file has no column named "Missing"',
    );
    expect((await importCsv(Buffer.from([0x74, 0x69, 0xff, 0x0a]), tokens.ana)).status).toBe(400);
    expect((await importCsv(`${HEADER}"unclosed,a,b.example,1,USD,,\r\n`, tokens.ana)).status).toBe(400);
    expect((await importCsv(HEADER, tokens.ana, "", "application/json")).status).toBe(415);
  });

  it("finds accounts by domain: an existing one is reused, a new one created once, a different name noticed", async () => {
    // The demo world has Acme's account Initech (initech.example).
    const initech = await t.sql(
      `SELECT a.id FROM account a JOIN organization o ON o.id = a.organization_id WHERE o.name = 'Acme Print' AND a.normalized_domain = 'initech.example'`,
    );
    expect(initech).toHaveLength(1);
    const csv =
      HEADER +
      "Initech renewal,Initech Corporation,https://www.Initech.example/,10.00,USD,,\r\n" +
      "Initech upsell,Initech,initech.example,20.00,USD,,\r\n" +
      "Newco first,Newco,newco.example,30.00,USD,,\r\n" +
      "Newco second,Newco,NEWCO.example,40.00,USD,,\r\n";
    const dry = await importCsv(csv, tokens.ana, "?dryRun=1");
    expect(dry.body).toMatchObject({ created: 4, errors: [], accounts: { created: 1, reused: 1 } });
    expect(dry.body.notices).toEqual([
      { row: 2, message: 'initech.example is the account "Initech"; the deal goes there, not to a new "Initech Corporation"' },
    ]);
    expect((await importCsv(csv, tokens.ana)).body).toMatchObject({ created: 4, accounts: { created: 1, reused: 1 } });
    const accounts = await t.sql(
      `SELECT normalized_domain, count(DISTINCT a.id)::int AS n, count(o.id)::int AS deals FROM account a JOIN opportunity o ON o.account_id = a.id
        WHERE normalized_domain IN ('initech.example', 'newco.example') AND o.title IN ('Initech renewal', 'Initech upsell', 'Newco first', 'Newco second') GROUP BY 1 ORDER BY 1`,
    );
    expect(accounts).toEqual([
      { normalized_domain: "initech.example", n: 1, deals: 2 },
      { normalized_domain: "newco.example", n: 1, deals: 2 },
    ]);
  });

  it("checks each row with the API's rules: stages, money in the currency's digits, owners of the importer's own firm", async () => {
    const csv =
      "title,accountName,amount,currency,stage,ownerEmail\r\n" +
      "Yen deal,Yenco,100.50,JPY,,\r\n" +
      "Won already,Wonco,1.00,USD,CLOSED_WON,\r\n" +
      "Odd stage,Oddco,1.00,USD,Maybe,\r\n" +
      "Max owns it,Maxco,1.00,USD,proposal,MAX@acme.test\r\n" +
      "Lee cannot own it,Leeco,1.00,USD,,lee@pixel.test\r\n" +
      "Nobody,Nobodyco,1.00,US,,nobody@acme.test\r\n";
    const dry = await importCsv(csv, tokens.ana, "?dryRun=1");
    expect(dry.body.errors).toEqual([
      { row: 2, message: "amount: JPY has 0 decimal places" },
      { row: 3, message: "stage: must be an open stage: a deal is closed by moving it, never created closed" },
      { row: 4, message: "stage: must be one of PROSPECTING, QUALIFICATION, PROPOSAL, NEGOTIATION" },
      { row: 6, message: "owner lee@pixel.test is not an active person of your organization" },
      // Owners are checked on the rows with other problems too.
      {
        row: 7,
        message: "currency: must be an ISO 4217 code such as USD; owner nobody@acme.test is not an active person of your organization",
      },
    ]);
    expect(dry.body.created).toBe(1);
    const good = await importCsv(
      "title,accountName,amount,currency,stage,ownerEmail\r\nMax owns it,Maxco,1.00,USD,proposal,MAX@acme.test\r\n",
      tokens.ana,
    );
    expect(good.body.created).toBe(1);
    const [deal] = await t.sql(
      `SELECT o.stage, u.email FROM opportunity o JOIN app_user u ON u.id = o.owner_id WHERE o.title = 'Max owns it'`,
    );
    expect(deal).toEqual({ stage: "PROPOSAL", email: "max@acme.test" });
  });

  it("lets two imports naming the same new domain at once create it once", async () => {
    const file = (title: string) => `${HEADER}${title},Raceco,race.example,1.00,USD,,\r\n`;
    const [a, b] = await Promise.all([importCsv(file("Race A"), tokens.ana), importCsv(file("Race B"), tokens.max)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.accounts!.created + b.body.accounts!.created, a.body.accounts!.reused + b.body.accounts!.reused]).toEqual([1, 1]);
    const rows = await t.sql(
      `SELECT count(DISTINCT a.id)::int AS accounts, count(o.id)::int AS deals FROM account a JOIN opportunity o ON o.account_id = a.id WHERE a.normalized_domain = 'race.example'`,
    );
    expect(rows).toEqual([{ accounts: 1, deals: 2 }]);
  });
});

describe("who may import", () => {
  const file = `${HEADER}Sneaky,Sneakco,sneak.example,1.00,USD,,\r\n`;

  it("refuses partners, API tokens and anonymous callers, and writes nothing", async () => {
    const partner = await importCsv(file, tokens.lee);
    expect(partner.status).toBe(403);
    expect(partner.body.errors[0]!.extensions!.code).toBe("FORBIDDEN");
    const token = await createApiToken(t, "ada@acme.test", ["READ", "WRITE"], "Acme CRM sync");
    expect((await importCsv(file, token.token)).status).toBe(403);
    expect((await importCsv(file, undefined)).status).toBe(401);
    expect(await t.sql(`SELECT 1 FROM account WHERE normalized_domain = 'sneak.example'`)).toEqual([]);
  });

  it("answers 413 for a file over the limit without reading it all", async () => {
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x61);
    const answer = await importCsv(huge, tokens.ana);
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0]!.extensions!.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("keeps each organization to its own accounts and people", async () => {
    const acmeInitech = await t.sql(`SELECT id FROM account WHERE normalized_domain = 'initech.example'`);
    const before = { opportunities: await count("opportunity", "Acme Print"), accounts: await count("account", "Acme Print") };
    const csv = `${HEADER}Globex on Initech,Initech,initech.example,5.00,USD,,\r\n`;
    const answer = await importCsv(csv, tokens.gus);
    expect(answer.body).toMatchObject({ created: 1, accounts: { created: 1, reused: 0 } });
    expect(await t.sql(`SELECT id FROM account WHERE normalized_domain = 'initech.example'`)).toHaveLength(acmeInitech.length + 1);
    expect({ opportunities: await count("opportunity", "Acme Print"), accounts: await count("account", "Acme Print") }).toEqual(before);
    // Another firm's people are not owners here, and say no more than an unknown address.
    const owner = await importCsv(
      `title,accountName,amount,currency,ownerEmail\r\nX,Y,1.00,USD,ana@acme.test\r\n`,
      tokens.gus,
      "?dryRun=1",
    );
    expect(owner.body.errors).toEqual([{ row: 2, message: "owner ana@acme.test is not an active person of your organization" }]);
    const gusBoard = await exportCsv(tokens.gus);
    expect(records(gusBoard.text).map((r) => r.title)).toEqual(["Globex on Initech"]);
  });
});

describe("the web app's session cookie", () => {
  it("imports and exports with the cookie from the app's own origin, never from another", async () => {
    const signIn = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: t.url },
      body: JSON.stringify({
        query: `mutation ($input: LoginInput!) { signIn(input: $input) { user { id } } }`,
        variables: { input: { email: "ana@acme.test", password: "cosell-demo" } },
      }),
    });
    const cookie = /^(cosell_session=[^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")?.[1];
    expect(cookie).toBeDefined();
    const file = `${HEADER}Cookie deal,Cookieco,cookie.example,1.00,USD,,\r\n`;
    const post = (origin: string) =>
      fetch(`${t.url}/import/opportunities?dryRun=1`, {
        method: "POST",
        headers: { "content-type": "text/csv", cookie: cookie!, origin },
        body: file,
      });
    expect((await post(t.url)).status).toBe(200);
    const crossSite = await post("https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({
      errors: [{ message: "The session cookie is not accepted from another origin", extensions: { code: "FORBIDDEN" } }],
    });
    // A download link: a same-origin navigation sends no Origin at all.
    expect((await fetch(`${t.url}/export/opportunities.csv`, { headers: { cookie: cookie! } })).status).toBe(200);
    expect(
      (await fetch(`${t.url}/export/opportunities.csv`, { headers: { cookie: cookie!, origin: "https://evil.example" } })).status,
    ).toBe(403);
  });
});

describe("exporting the board", () => {
  it("exports what the board shows, filtered as it is, and imports elsewhere as it is", async () => {
    const open = "?stages=PROSPECTING,QUALIFICATION&q=Bulk%20deal%2012";
    const exported = await exportCsv(tokens.ana, open);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="opportunities-.*\.csv"$/);
    const rows = records(exported.text);
    // Two of the board's pages: "Bulk deal 12", 120–129 and 1200–1299, newest first.
    const expected = [12, ...Array.from({ length: 10 }, (_, i) => 120 + i), ...Array.from({ length: 100 }, (_, i) => 1200 + i)];
    expect(rows.map((r) => r.title)).toEqual(expected.sort((a, b) => b - a).map((n) => `Bulk deal ${n}`));
    expect(rows.every((r) => ["PROSPECTING", "QUALIFICATION"].includes(r.stage!))).toBe(true);

    // Into a fresh firm (Globex): the owners are Acme's people, so that column is left out.
    const moved = await importCsv(exported.text, tokens.gus, "?map.ownerEmail=");
    expect(moved.body).toMatchObject({ created: 111, errors: [] });
    const back = records((await exportCsv(tokens.gus, "?q=Bulk%20deal")).text);
    const deal = (r: Record<string, string>) =>
      [r.title, r.accountName, r.accountDomain, r.amount, r.currency, r.stage, r.closeDate].join("|");
    expect(back.map(deal).sort()).toEqual(rows.map(deal).sort());
  }, 60_000);

  it("gives a partner only the deals shared with them, and the partner filter only deals that firm works on", async () => {
    const shared = await openRoom(t, { title: "Shared with Pixel", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    expect(shared).toBeTruthy();
    const leeBoard = await t.gql(`{ opportunities(first: 100) { edges { node { title } } } }`, {}, tokens.lee);
    const leeTitles = leeBoard.data!.opportunities.edges.map((e: any) => e.node.title).sort();
    const leeRows = records((await exportCsv(tokens.lee)).text);
    expect(leeRows.map((r) => r.title).sort()).toEqual(leeTitles);
    expect(leeTitles).toContain("Shared with Pixel");
    expect(leeTitles.some((title: string) => title.startsWith("Bulk deal"))).toBe(false);

    const pixel = (await t.sql(`SELECT id FROM organization WHERE name = 'Pixel Studio'`))[0]!.id as string;
    const pixelId = Buffer.from(`Organization:${pixel}`).toString("base64url");
    const worked = records((await exportCsv(tokens.ana, `?partner=${pixelId}`)).text).map((r) => r.title);
    expect(worked).toContain("Shared with Pixel");
    expect(worked.some((title) => title?.startsWith("Bulk deal"))).toBe(false);
    expect((await exportCsv(tokens.ana, "?stages=SOMEDAY")).status).toBe(400);
  });

  it("neutralizes cells a spreadsheet would run as formulas", async () => {
    const csv = `${HEADER}"=HYPERLINK(""http://rival.example"",""win"")",@Evil,,1.00,USD,,\r\n+Plus deal,-Minus,,2.00,USD,,\r\n`;
    expect((await importCsv(csv, tokens.gus)).body.created).toBe(2);
    const text = (await exportCsv(tokens.gus)).text;
    expect(text).toContain(`"'=HYPERLINK(""http://rival.example"",""win"")",'@Evil`);
    expect(text).toContain(`'+Plus deal,'-Minus`);
  });
});

describe("the board hears of imported deals", () => {
  it("seats a partner nowhere: an imported deal is its importer's firm's until someone adds a partner", async () => {
    const deal = (
      await t.gql(`{ opportunities(first: 1, filter: { search: "Bulk deal 7777" }) { edges { node { id } } } }`, {}, tokens.ana)
    ).data!.opportunities.edges[0].node.id as string;
    const added = await t.gql(
      ADD_MEMBER,
      { input: { opportunityId: deal, userId: ids.lee, role: "PARTNER_REP", access: "READ" } },
      tokens.ana,
    );
    expect(added.errors).toBeUndefined();
    const leeRows = records((await exportCsv(tokens.lee)).text).map((r) => r.title);
    expect(leeRows).toContain("Bulk deal 7777");
  });
});

describe("on the embedded database (PGlite, no DATABASE_URL)", () => {
  it("imports 10,000 deals in one go too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cosell-import-"));
    const config = { ...loadConfig({ COSELL_DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test" }), port: 0 };
    const server = await startServer(config, createLogger(config));
    try {
      const login = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `mutation { login(input: { email: "ana@acme.test", password: "cosell-demo" }) { token } }` }),
      });
      const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
      const started = performance.now();
      const response = await fetch(`${server.url}/import/opportunities`, {
        method: "POST",
        headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
        body: bulkFile(10_000),
      });
      const ms = Math.round(performance.now() - started);
      console.info(`imported 10000 deals over HTTP in ${ms} ms (embedded PGlite)`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ created: 10_000, errors: [] });
      const [row] = await server.services.dataSource.query(`SELECT count(*)::int AS n FROM opportunity WHERE title LIKE 'Bulk deal %'`);
      expect(row.n).toBe(10_000);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
