import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stageChangeCursor } from "../src/modules/opportunity/stage-change.entity.js";
import { executionCounter } from "../src/realtime/shared-execution.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { LOG, MOVE, demoOpportunities } from "./helpers.js";
import { follow, socketClient, until } from "./ws.js";
import type { Feed, SocketClient } from "./ws.js";

/**
 * Live events are executed once per (operation, access class), not once per subscriber: in a room
 * of 50 different people of two organizations, a selection that reads nothing from the viewer runs
 * once per event; one that shows an organization's people runs once per viewer organization, and
 * each organization gets exactly what it may see.
 */
let t: TestServer;
const sockets: SocketClient[] = [];
let room: string;

/** The same for every viewer: plain columns and users by id. */
const PLAIN = `subscription ($id: ID!, $after: String) { roomActivity(opportunityId: $id, after: $after) { seq body actor { name organization { name } } } }`;
/** Whose people the viewer may see (own organization and signed partners only): depends on the viewer's organization. */
const PEOPLE = `subscription ($id: ID!, $after: String) { roomActivity(opportunityId: $id, after: $after) { seq body actorOrganization { name members { name } } } }`;

interface Item {
  seq: number;
  body: string;
  actorOrganization?: { name: string; members: { name: string }[] };
}

beforeAll(async () => {
  t = await startTestServer();
  room = (await demoOpportunities(t))["Northwind catalog relaunch"]!.id;
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(sockets.map((socket) => socket.dispose()));
  await t?.close();
});

/** `count` new people of `organization` (by name) in the Northwind room, alternating READ and WRITE; their emails. */
async function newMembers(organization: string, role: string, prefix: string, count: number): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@shared.test`);
  await t.sql(
    `INSERT INTO app_user (id, organization_id, name, email, role, password_hash, active, created_at)
     SELECT gen_random_uuid(), o.id, 'Member ' || e, e, 'REP', (SELECT password_hash FROM app_user WHERE email = 'ana@acme.test'), true, now()
       FROM organization o, unnest($2::text[]) AS e WHERE o.name = $1`,
    [organization, emails],
  );
  await t.sql(
    `INSERT INTO room_member (opportunity_id, user_id, role, access, added_at)
     SELECT o.id, u.id, $1, CASE WHEN row_number() OVER (ORDER BY u.email) % 2 = 0 THEN 'READ' ELSE 'WRITE' END, now()
       FROM opportunity o, app_user u WHERE o.title = 'Northwind catalog relaunch' AND u.email = ANY($2::text[])`,
    [role, emails],
  );
  return emails;
}

/** The room's newest activity cursor: subscribing after the one before it replays one item, which says the feed is live. */
async function secondNewestCursor(): Promise<string> {
  const result = await t.gql(
    `query ($id: ID!) { opportunity(id: $id) { activities(last: 2) { edges { node { cursor } } } } }`,
    { id: room },
    await t.login("ana@acme.test"),
  );
  return result.data!.opportunity.activities.edges[0].node.cursor;
}

async function note(email: string, body: string): Promise<void> {
  const result = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body } }, await t.login(email));
  expect(result.errors).toBeUndefined();
}

describe("shared execution by access class", () => {
  it("runs each room event once per distinct (operation, access class), however many people follow it", async () => {
    const people = [
      ...(await newMembers("Acme Print", "PRODUCT_SPECIALIST", "acme", 25)),
      ...(await newMembers("Pixel Studio", "PARTNER_REP", "pixel", 25)),
    ];
    expect(people).toHaveLength(50);
    const after = await secondNewestCursor();
    const feeds: { email: string; plain: Feed<Item>; people: Feed<Item> }[] = [];
    for (const email of people) {
      const socket = socketClient(t.url, await t.login(email));
      sockets.push(socket);
      feeds.push({
        email,
        plain: follow<Item>(socket, PLAIN, { id: room, after }, "roomActivity"),
        people: follow<Item>(socket, PEOPLE, { id: room, after }, "roomActivity"),
      });
    }
    await Promise.all(feeds.flatMap((f) => [f.plain.waitFor(1, 20_000), f.people.waitFor(1, 20_000)]));

    const before = executionCounter.executions;
    const events = 3;
    for (let i = 0; i < events; i++) await note("sam@paperworks.test", `shared ${i}`);
    await Promise.all(feeds.flatMap((f) => [f.plain.waitFor(1 + events, 10_000), f.people.waitFor(1 + events, 10_000)]));
    // PLAIN: one class for all 50; PEOPLE: one per viewer organization (Acme, Pixel Studio).
    const pairs = 1 + 2;
    expect(executionCounter.executions - before).toBe(events * pairs);

    for (const { plain } of feeds) expect(plain.items.slice(1).map((i) => i.body)).toEqual(["shared 0", "shared 1", "shared 2"]);
  }, 120_000);

  it("gives each organization only the people it may see, though its members share executions", async () => {
    // Sam (Paperworks) writes: Acme, Paperworks' signed partner, sees Paperworks' people; Pixel Studio,
    // which has no partnership with Paperworks, sees the company and no one in it; Sam sees his own.
    const after = await secondNewestCursor();
    const follower = async (email: string) => {
      const socket = socketClient(t.url, await t.login(email));
      sockets.push(socket);
      const feed = follow<Item>(socket, PEOPLE, { id: room, after }, "roomActivity");
      await feed.waitFor(1, 10_000);
      return feed;
    };
    const [ana, max, lee, pixel0, sam] = await Promise.all(
      ["ana@acme.test", "max@acme.test", "lee@pixel.test", "pixel0@shared.test", "sam@paperworks.test"].map(follower),
    );
    const before = executionCounter.executions;
    await note("sam@paperworks.test", "who may see Paperworks' people");
    await Promise.all([ana, max, lee, pixel0, sam].map((feed) => feed!.waitFor(2, 10_000)));
    const names = (feed: Feed<Item>) => feed.items[1]!.actorOrganization!.members.map((m) => m.name).sort();
    expect(ana!.items[1]!.actorOrganization!.name).toBe("Paperworks");
    expect(names(ana!)).toEqual(["Pia Petrova", "Sam Sato"]);
    expect(names(max!)).toEqual(["Pia Petrova", "Sam Sato"]);
    expect(names(sam!)).toEqual(["Pia Petrova", "Sam Sato"]);
    expect(lee!.items[1]!.actorOrganization).toEqual({ name: "Paperworks", members: [] });
    expect(pixel0!.items[1]!.actorOrganization).toEqual({ name: "Paperworks", members: [] });
    // Acme, Pixel Studio, Paperworks: the 50 followers of the first test are still there, in the same classes.
    expect(executionCounter.executions - before).toBe(1 + 3);
  });

  it("shares stage changes too: managers of three organizations following one operation cost one execution per move", async () => {
    // The room's followers above would also hear the move's activity: gone, so only the stage feeds count.
    const earlier = sockets.splice(0);
    await Promise.all(earlier.map((socket) => socket.dispose()));
    await until(() => earlier.every((socket) => socket.closes.length > 0), 10_000);
    const ana = await t.login("ana@acme.test");
    let version = (await demoOpportunities(t))["Northwind catalog relaunch"]!.version;
    const move = async (stage: string) => {
      const moved = await t.gql(MOVE, { input: { id: room, stage, expectedVersion: version } }, ana);
      expect(moved.errors).toBeUndefined();
      version = moved.data!.moveOpportunityStage.version;
    };
    await move("NEGOTIATION"); // before anyone follows: replayed from `after`, which says each feed is live
    const [{ seq }] = (await t.sql<{ seq: number }>(`SELECT max(seq)::int AS seq FROM stage_change`)) as [{ seq: number }];
    const STAGES = `subscription ($after: String) { dealStageChanged(after: $after) { opportunity { title stage } fromStage toStage changedBy { name } cursor } }`;
    const feeds: Feed<{ toStage: string; opportunity: { title: string } }>[] = [];
    for (const email of ["max@acme.test", "pat@pixel.test", "pia@paperworks.test"]) {
      const socket = socketClient(t.url, await t.login(email));
      sockets.push(socket);
      feeds.push(follow(socket, STAGES, { after: stageChangeCursor(seq - 1) }, "dealStageChanged"));
    }
    await Promise.all(feeds.map((feed) => feed.waitFor(1, 10_000)));
    const before = executionCounter.executions;
    await move("PROPOSAL");
    await Promise.all(feeds.map((feed) => feed.waitFor(2, 10_000)));
    expect(executionCounter.executions - before).toBe(1);
    for (const feed of feeds)
      expect(feed.items.map((item) => `${item.opportunity.title}: ${item.toStage}`)).toEqual([
        "Northwind catalog relaunch: NEGOTIATION",
        "Northwind catalog relaunch: PROPOSAL",
      ]);
  });
});
