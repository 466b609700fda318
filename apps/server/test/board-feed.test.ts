import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_MEMBER, MOVE, createApiToken, openRoom, userId } from "./helpers.js";
import { freePort, startInstance, startRedis } from "./processes.js";
import type { Child, Instance } from "./processes.js";
import { follow, sleep, socketClient } from "./ws.js";
import type { Feed, SocketClient } from "./ws.js";

/**
 * `boardChanged`: one live feed of what happens to every deal the subscriber may see, read from the
 * `board_change` log. Every feed here starts from a cursor taken before the story (`startCursor`),
 * so it replays from the log and no test waits for a subscription to be registered.
 */
const BOARD = `subscription ($after: String) { boardChanged(after: $after) { cursor kind opportunityId fields opportunity { id title stage version amount { amount currency } } } }`;
const UPDATE = `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { id version } }`;
const REMOVE_MEMBER = `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`;

interface BoardItem {
  cursor: string;
  kind: string;
  opportunityId: string;
  fields: string[];
  opportunity: { id: string; title: string; stage: string; version: number; amount: { amount: string; currency: string } } | null;
}

let t: TestServer;
const sockets: SocketClient[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.close();
});

/** Where the feed stands now (`boardChangesCursor`): a feed started from it misses nothing written later. */
async function startCursor(server: Pick<TestServer, "gql" | "login"> = t): Promise<string> {
  const result = await server.gql(`{ boardChangesCursor }`, {}, await server.login("ana@acme.test"));
  expect(result.errors).toBeUndefined();
  return result.data!.boardChangesCursor;
}

function board(token: string, after: string, url = t.url): Feed<BoardItem> {
  const socket = socketClient(url, token);
  sockets.push(socket);
  return follow<BoardItem>(socket, BOARD, { after }, "boardChanged");
}

const summary = (feed: Feed<BoardItem>) =>
  feed.items.map((i) => `${i.kind} ${i.opportunity?.title ?? `(${i.opportunityId === i.opportunity?.id})`}`);
const seqOf = (cursor: string): number => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))[1];

async function ok(query: string, input: Record<string, unknown>, token: string): Promise<Record<string, any>> {
  const result = await t.gql(query, { input }, token);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** Gus (Globex, partner of nobody) opens a deal of his own: the last event of a story, which his feed must be the first to show. */
async function globexMarker(title: string): Promise<void> {
  const gus = await t.login("gus@globex.test");
  const account = await ok(`mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { name: `${title} Inc` }, gus);
  await ok(
    `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
    { accountId: account.createAccount.id, title, amount: { amount: "10.00", currency: "USD" } },
    gus,
  );
}

describe("boardChanged", () => {
  it("tells each viewer what happened to the deals they may see: created, edited, moved, shared, unshared, won; never another firm's", async () => {
    const [ana, max, lee, pat, gus] = (await Promise.all(
      ["ana@acme.test", "max@acme.test", "lee@pixel.test", "pat@pixel.test", "gus@globex.test"].map((email) => t.login(email)),
    )) as [string, string, string, string, string];
    const pixelToken = (await createApiToken(t, "pat@pixel.test", ["READ"], "pixel crm")).token;
    const after = await startCursor();
    const feeds = {
      ana: board(ana, after),
      max: board(max, after),
      lee: board(lee, after),
      pat: board(pat, after),
      pixelToken: board(pixelToken, after),
      gus: board(gus, after),
    };

    // Each step waits for its news, so every change is read (with the deal's values) before the next one.
    const acme = [feeds.ana, feeds.max];
    const pixel = [feeds.lee, feeds.pat, feeds.pixelToken];
    const step = async (write: () => Promise<unknown>, counts: [Feed<BoardItem>[], number][]) => {
      await write();
      await Promise.all(counts.flatMap(([group, count]) => group.map((feed) => feed.waitFor(count))));
    };
    let id = "";
    await step(async () => (id = await openRoom(t, { title: "Board story", amount: "1000.00" })), [[acme, 1]]);
    await step(
      () => ok(UPDATE, { id, expectedVersion: 1, title: "Board story, renamed", amount: { amount: "2500.00", currency: "USD" } }, ana),
      [[acme, 2]],
    );
    await step(() => ok(MOVE, { id, stage: "QUALIFICATION", expectedVersion: 2 }, ana), [[acme, 3]]);
    const leeId = await userId(t, "lee@pixel.test");
    await step(() => ok(ADD_MEMBER, { opportunityId: id, userId: leeId, role: "PARTNER_REP", access: "WRITE" }, ana), [[pixel, 1]]);
    await step(
      () => ok(MOVE, { id, stage: "PROPOSAL", expectedVersion: 3 }, ana),
      [
        [acme, 4],
        [pixel, 2],
      ],
    );
    await step(() => ok(REMOVE_MEMBER, { opportunityId: id, userId: leeId }, ana), [[pixel, 3]]);
    await step(() => ok(MOVE, { id, stage: "CLOSED_WON", expectedVersion: 4 }, max), [[acme, 5]]);
    await step(() => globexMarker("Globex marker"), [[[feeds.gus], 1]]);
    // Nothing more may arrive: news reaches every feed of this process within a few ms of commit; 200 ms is ample.
    await sleep(200);

    // Gus's own deal came after every change of the story: had any reached him, it would be before it.
    expect(summary(feeds.gus)).toEqual(["CREATED Globex marker"]);
    for (const feed of acme) {
      expect(summary(feed)).toEqual([
        "CREATED Board story",
        "UPDATED Board story, renamed",
        "STAGE_MOVED Board story, renamed",
        "STAGE_MOVED Board story, renamed",
        "CLOSED Board story, renamed",
      ]);
    }
    for (const feed of pixel) {
      expect(summary(feed)).toEqual(["ACCESS_GAINED Board story, renamed", "STAGE_MOVED Board story, renamed", "ACCESS_LOST (false)"]);
    }

    // The edit carries its new values and names the fields; the shared deal arrives whole; the lost one only by id.
    expect(feeds.ana.items[1]).toMatchObject({
      fields: ["title", "amount"],
      opportunity: { title: "Board story, renamed", amount: { amount: "2500.00", currency: "USD" } },
    });
    expect(feeds.ana.items[0]!.opportunityId).toBe(id);
    expect(feeds.ana.items[4]!.opportunity).toMatchObject({ stage: "CLOSED_WON" });
    expect(feeds.lee.items[0]).toMatchObject({ opportunityId: id, opportunity: { id, stage: "QUALIFICATION" } });
    expect(feeds.lee.items[2]).toMatchObject({ opportunityId: id, opportunity: null });
    for (const feed of Object.values(feeds)) expect(feed.errors).toEqual([]);
  });

  it("resumes from any cursor with exactly what came after it, then goes on live", async () => {
    const max = await t.login("max@acme.test");
    const after = await startCursor();
    const first = board(max, after);
    const ids = await Promise.all(["Resume A", "Resume B", "Resume C"].map((title) => openRoom(t, { title })));
    await Promise.all(ids.map((id) => ok(MOVE, { id, stage: "QUALIFICATION", expectedVersion: 1 }, max)));
    const seen = [...(await first.waitFor(6))];
    first.stop();

    let version = 2;
    for (const k of [0, 3, 5]) {
      // Everything after seen[k]: the rest of `seen`, then the moves of the earlier rounds (two per round).
      const before = await startCursor();
      const resumed = board(max, seen[k]!.cursor);
      const replayed = 5 - k + (version - 2);
      await resumed.waitFor(replayed);
      expect(resumed.items.slice(0, 5 - k).map((i) => i.cursor)).toEqual(seen.slice(k + 1).map((i) => i.cursor));
      expect(seqOf(resumed.items.at(-1)?.cursor ?? seen[k]!.cursor)).toBe(seqOf(before));
      await ok(MOVE, { id: ids[0]!, stage: "PROPOSAL", expectedVersion: version++ }, max);
      await ok(MOVE, { id: ids[0]!, stage: "QUALIFICATION", expectedVersion: version++ }, max);
      const items = await resumed.waitFor(replayed + 2);
      expect(items.slice(-2)).toMatchObject([
        { kind: "STAGE_MOVED", opportunityId: ids[0] },
        { kind: "STAGE_MOVED", opportunityId: ids[0] },
      ]);
      // No duplicate and no gap: every seq from seen[k] on, once, in order.
      expect(items.map((i) => seqOf(i.cursor))).toEqual(Array.from({ length: items.length }, (_, i) => seqOf(seen[k]!.cursor) + 1 + i));
      resumed.stop();
    }
  });

  it("numbers concurrent writes without a gap, so a feed sees each once and in commit order", async () => {
    const max = await t.login("max@acme.test");
    const after = await startCursor();
    const live = board(max, after);
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => openRoom(t, { title: `Concurrent ${i}` })));
    await Promise.all(ids.flatMap((id) => [ok(MOVE, { id, stage: "PROPOSAL", expectedVersion: 1 }, max)]));
    const items = await live.waitFor(16);
    const seqs = items.map((i) => seqOf(i.cursor));
    expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => seqOf(after) + 1 + i));
    const replayed = board(max, after);
    expect((await replayed.waitFor(16)).map((i) => i.cursor)).toEqual(items.map((i) => i.cursor));
  });

  it("brings a deal opened from an approved registration to the registrant's board whole, once", async () => {
    const [sam, max] = [await t.login("sam@paperworks.test"), await t.login("max@acme.test")];
    const acme = (await t.gql(`{ viewer { organization { id } } }`, {}, max)).data!.viewer.organization.id;
    const after = await startCursor();
    const samBoard = board(sam, after);
    const registered = await ok(
      `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id } }`,
      {
        vendorOrganizationId: acme,
        accountName: "Boardwalk Diner",
        accountDomain: "boardwalk.example",
        title: "Boardwalk menus",
        amount: { amount: "900.00", currency: "USD" },
      },
      sam,
    );
    await ok(
      `mutation ($input: ReviewDealRegistrationInput!) { reviewDealRegistration(input: $input) { status } }`,
      { id: registered.registerDeal.id, decision: "APPROVE" },
      max,
    );
    await samBoard.waitFor(1);
    // Nothing more may arrive: news reaches every feed of this process within a few ms of commit; 200 ms is ample.
    await sleep(200);
    // Opened before Sam joined its room: his board learns of it once, as access gained.
    expect(summary(samBoard)).toEqual(["ACCESS_GAINED Boardwalk menus"]);
  });

  it("says where the feed stands only to a signed-in caller", async () => {
    expect(codeOf(await t.gql(`{ boardChangesCursor }`))).toBe("UNAUTHENTICATED");
  });

  it("refuses a cursor of another feed", async () => {
    const feed = board(await t.login("ana@acme.test"), Buffer.from(JSON.stringify(["StageChange", 1])).toString("base64url"));
    await feed.ended;
    expect(feed.errors.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("boardChanged across two server instances on Redis", () => {
  let redis: Child;
  let other: Instance;
  let clustered: TestServer;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    clustered = await startTestServer({ redisUrl: `redis://127.0.0.1:${port}` });
    other = await startInstance({
      DATABASE_URL: clustered.database.url,
      REDIS_URL: `redis://127.0.0.1:${port}`,
      JWT_SECRET: "test-secret-".padEnd(40, "x"),
      COSELL_SEED: "none",
    });
  }, 60_000);
  afterAll(async () => {
    await clustered?.close();
    await Promise.all([other?.kill(), redis?.kill()]);
  });

  it("delivers a share, a move and an unshare written on one instance to a board followed on the other, within two seconds", async () => {
    const [ana, lee, gus] = (await Promise.all(["ana@acme.test", "lee@pixel.test", "gus@globex.test"].map((e) => clustered.login(e)))) as [
      string,
      string,
      string,
    ];
    const after = await startCursor(clustered);
    const leeBoard = board(lee, after, other.url);
    const gusBoard = board(gus, after, other.url);
    const id = await openRoom(clustered, { title: "Cluster board" });
    const leeId = await userId(clustered, "lee@pixel.test");
    const timed = async (write: () => Promise<unknown>, count: number) => {
      const started = Date.now();
      await write();
      await leeBoard.waitFor(count, 2_000);
      return Date.now() - started;
    };
    const share = await timed(
      () => clustered.gql(ADD_MEMBER, { input: { opportunityId: id, userId: leeId, role: "PARTNER_REP", access: "READ" } }, ana),
      1,
    );
    const move = await timed(() => clustered.gql(MOVE, { input: { id, stage: "QUALIFICATION", expectedVersion: 1 } }, ana), 2);
    const unshare = await timed(() => clustered.gql(REMOVE_MEMBER, { input: { opportunityId: id, userId: leeId } }, ana), 3);
    expect([share, move, unshare].every((ms) => ms < 2_000)).toBe(true);
    expect(leeBoard.items.map((i) => i.kind)).toEqual(["ACCESS_GAINED", "STAGE_MOVED", "ACCESS_LOST"]);
    // Gus, on the same instance as Lee, saw none of it: his own deal is the first thing he sees.
    const gusAccount = await clustered.gql(
      `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
      { input: { name: "Gx" } },
      gus,
    );
    await clustered.gql(
      `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      { input: { accountId: gusAccount.data!.createAccount.id, title: "Globex own", amount: { amount: "1.00", currency: "USD" } } },
      gus,
    );
    expect(summary(await gusBoard.waitFor(1, 2_000).then(() => gusBoard))).toEqual(["CREATED Globex own"]);
  });
});
