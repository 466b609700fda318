import { lookup } from "node:dns/promises";
import { hostname } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Config } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { verifyWebhookSignature } from "../src/modules/webhook/webhook.signature.js";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { LOG, MOVE, demoOpportunities } from "./helpers.js";
import { eventually, startReceiver } from "./receiver.js";

const FAST = { webhookPollIntervalMs: 50, webhookRetryBaseMs: 200, webhookTimeoutMs: 500 };
let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;
beforeAll(async () => {
  t = await startTestServer(FAST);
  opps = await demoOpportunities(t);
});
afterAll(() => t?.close());

/** Another server on the test database, as a second instance or after a restart. */
function sameDatabase(): Config {
  const base = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: t.database.url,
    JWT_SECRET: "test-secret-".padEnd(40, "x"),
    LOG_LEVEL: "silent",
  });
  return { ...base, ...FAST, port: 0, seed: "none", rateLimitPoints: 1_000_000 };
}

const CREATE = `mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { id url events } }`;
const DELETE = `mutation ($input: DeleteWebhookInput!) { deleteWebhook(input: $input) { id } }`;
const SECRET_ACME = "acme-webhook-secret-0123456789";
const SECRET_PIXEL = "pixel-webhook-secret-0123456789";

async function webhook(manager: string, url: string, secret: string, events: string[]): Promise<string> {
  const result = await t.gql(CREATE, { input: { url, secret, events } }, await t.login(manager));
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createWebhook.id;
}

const note = async (who: string, room: string, body: string) => {
  const result = await t.gql(LOG, { input: { opportunityId: opps[room]!.id, kind: "NOTE", body } }, await t.login(who));
  expect(result.errors).toBeUndefined();
};

describe("webhooks", () => {
  it("are managed by managers (and tokens), never shown their secret, and refused to reps", async () => {
    const receiver = await startReceiver();
    const id = await webhook("max@acme.test", receiver.url, SECRET_ACME, ["DEAL_WON"]);
    const listed = await t.gql(`{ webhooks { id url events deliveries { id } } }`, {}, await t.login("max@acme.test"));
    if (!listed.data) throw new Error(JSON.stringify(listed.errors));
    expect(listed.data!.webhooks).toContainEqual({ id, url: receiver.url, events: ["DEAL_WON"], deliveries: [] });
    expect(JSON.stringify(listed)).not.toContain(SECRET_ACME);
    expect(
      codeOf(
        await t.gql(CREATE, { input: { url: receiver.url, secret: SECRET_ACME, events: ["DEAL_WON"] } }, await t.login("ana@acme.test")),
      ),
    ).toBe("FORBIDDEN");
    expect(
      codeOf(
        await t.gql(
          CREATE,
          { input: { url: "ftp://example.com", secret: SECRET_ACME, events: ["DEAL_WON"] } },
          await t.login("max@acme.test"),
        ),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(codeOf(await t.gql(DELETE, { input: { id } }, await t.login("pat@pixel.test")))).toBe("NOT_FOUND");
    expect((await t.gql(DELETE, { input: { id } }, await t.login("max@acme.test"))).errors).toBeUndefined();
    await receiver.close();
  });

  it("send signed events, only those the organization may see", async () => {
    const acme = await startReceiver();
    const pixel = await startReceiver();
    const acmeHook = await webhook("max@acme.test", acme.url, SECRET_ACME, ["ACTIVITY_LOGGED", "STAGE_CHANGED", "DEAL_WON"]);
    const pixelHook = await webhook("pat@pixel.test", pixel.url, SECRET_PIXEL, ["ACTIVITY_LOGGED", "STAGE_CHANGED", "DEAL_WON"]);

    await note("ana@acme.test", "Umbrella menu cards", "internal to Acme"); // Pixel is not in this room
    await note("ana@acme.test", "Northwind catalog relaunch", "shared with Pixel"); // Pixel's Lee is a member
    const { id, version } = (await demoOpportunities(t))["Northwind catalog relaunch"]!;
    const won = await t.gql(MOVE, { input: { id, stage: "CLOSED_WON", expectedVersion: version } }, await t.login("max@acme.test"));
    expect(won.errors).toBeUndefined();

    // Deliveries go out concurrently and may arrive in any order: wait for all of them.
    const bodies = (receiver: typeof acme) => receiver.received.map((r) => JSON.stringify(JSON.parse(r.body).data));
    await eventually(
      () =>
        [pixel, acme].every((r) => r.ofType("DEAL_WON").length === 1 && r.ofType("STAGE_CHANGED").length === 1) &&
        bodies(pixel).some((b) => b.includes("shared with Pixel")) &&
        bodies(acme).some((b) => b.includes("internal to Acme")) &&
        bodies(acme).some((b) => b.includes("shared with Pixel")),
      10_000,
      "every delivery",
    );
    const pixelBodies = pixel.received.map((r) => JSON.parse(r.body));
    expect(pixelBodies.map((b) => b.data.activity?.body).filter(Boolean)).toContain("shared with Pixel");
    expect(JSON.stringify(pixelBodies)).not.toContain("internal to Acme");
    expect(acme.received.map((r) => JSON.parse(r.body).data.activity?.body)).toContain("internal to Acme");

    for (const [receiver, secret] of [
      [acme, SECRET_ACME],
      [pixel, SECRET_PIXEL],
    ] as const) {
      for (const delivery of receiver.received) {
        const body = JSON.parse(delivery.body);
        expect(delivery.headers["content-type"]).toBe("application/json");
        // The timestamp is signed with the body, and is the one in x-cosell-timestamp.
        expect(delivery.headers["x-cosell-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(/^t=(\d+),/.exec(delivery.headers["x-cosell-signature"] as string)![1]).toBe(delivery.headers["x-cosell-timestamp"]);
        expect(verifyWebhookSignature(secret, delivery.body, delivery.headers["x-cosell-signature"] as string)).toBe(true);
        expect(verifyWebhookSignature("some-other-secret-value", delivery.body, delivery.headers["x-cosell-signature"] as string)).toBe(
          false,
        );
        expect(delivery.headers["x-cosell-event-id"]).toBe(body.id);
        expect(delivery.headers["x-cosell-event"]).toBe(body.type);
        expect(Number(delivery.headers["x-cosell-timestamp"])).toBeGreaterThan(1_700_000_000);
        expect(Date.parse(body.createdAt)).not.toBeNaN();
      }
    }
    const stage = JSON.parse(pixel.ofType("STAGE_CHANGED").at(-1)!.body);
    expect(stage.data).toMatchObject({ opportunityId: id, toStage: "CLOSED_WON", amount: { currency: expect.any(String) } });

    // The receiver has answered; the sender records that a moment later.
    const mine = await eventually(
      async () => {
        const log = await t.gql(
          `{ webhooks { id deliveries(first: 5) { event status attempts lastStatusCode eventId } } }`,
          {},
          await t.login("pat@pixel.test"),
        );
        const hook = log.data!.webhooks.find((w: { id: string }) => w.id === pixelHook);
        return hook.deliveries[0].status === "DELIVERED" && hook;
      },
      5_000,
      "the delivery log to record DEAL_WON",
    );
    expect(mine.deliveries[0]).toMatchObject({ event: "DEAL_WON", status: "DELIVERED", attempts: 1, lastStatusCode: 200 });
    for (const hook of [acmeHook, pixelHook])
      await t.gql(DELETE, { input: { id: hook } }, await t.login(hook === acmeHook ? "max@acme.test" : "pat@pixel.test"));
    await Promise.all([acme.close(), pixel.close()]);
  });

  it("DEAL_WON carries the locked split's lines with their payouts, also to a partner removed from the room", async () => {
    const pixel = await startReceiver();
    const pixelHook = await webhook("pat@pixel.test", pixel.url, SECRET_PIXEL, ["DEAL_WON"]);
    // Contoso's split is agreed (Ana 80%, Lee 20%, Max 10% overlay); Lee is then removed from the room.
    const room = opps["Contoso holiday packaging"]!.id;
    const max = await t.login("max@acme.test");
    const lee = (await t.gql(`{ viewer { id } }`, {}, await t.login("lee@pixel.test"))).data!.viewer.id;
    const removed = await t.gql(
      `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`,
      { input: { opportunityId: room, userId: lee } },
      max,
    );
    expect(removed.errors).toBeUndefined();
    const { version } = (await demoOpportunities(t))["Contoso holiday packaging"]!;
    expect((await t.gql(MOVE, { input: { id: room, stage: "CLOSED_WON", expectedVersion: version } }, max)).errors).toBeUndefined();

    const delivery = await eventually(() => pixel.ofType("DEAL_WON")[0], 10_000, "DEAL_WON at Pixel");
    expect(pixel.ofType("DEAL_WON")).toHaveLength(1);
    expect(verifyWebhookSignature(SECRET_PIXEL, delivery.body, delivery.headers["x-cosell-signature"] as string)).toBe(true);
    const { data } = JSON.parse(delivery.body);
    const split = (
      await t.gql(`query ($id: ID!) { opportunity(id: $id) { amount { amount currency } split { id revision } } }`, { id: room }, max)
    ).data!.opportunity;
    expect(data).toMatchObject({
      opportunityId: room,
      toStage: "CLOSED_WON",
      amount: split.amount,
      split: { id: split.split.id, revision: split.split.revision },
    });
    const lines = data.split.lines.map(
      (l: { userName: string; organizationName: string; basisPoints: number; type: string; payout: { amount: string } }) => [
        l.userName,
        l.organizationName,
        l.basisPoints,
        l.type,
        l.payout.amount,
      ],
    );
    const amount = Number(split.amount.amount);
    expect(lines).toEqual([
      ["Ana Alvarez", "Acme Print", 8000, "REVENUE", (amount * 0.8).toFixed(2)],
      ["Lee Lindqvist", "Pixel Studio", 2000, "REVENUE", (amount * 0.2).toFixed(2)],
      ["Max Meyer", "Acme Print", 1000, "OVERLAY", (amount * 0.1).toFixed(2)],
    ]);
    expect(data.split.lines[1]).toMatchObject({ userId: lee, payout: { currency: split.amount.currency } });
    await t.gql(DELETE, { input: { id: pixelHook } }, await t.login("pat@pixel.test"));
    await pixel.close();
  });

  it("retry with growing waits after errors and timeouts, with the same event id, then log the success", async () => {
    // 1st attempt: no answer (timeout); 2nd: 500; 3rd: 200.
    const receiver = await startReceiver((n) => (n === 1 ? "hang" : n === 2 ? 500 : 200));
    const hook = await webhook("max@acme.test", receiver.url, SECRET_ACME, ["ACTIVITY_LOGGED"]);
    await note("ana@acme.test", "Umbrella menu cards", "retried");
    await eventually(() => receiver.received.some((r) => r.answeredWith === 200), 15_000, "a successful attempt");
    const [a, b, c] = receiver.received;
    expect(receiver.received.map((r) => r.answeredWith)).toEqual(["no answer", 500, 200]);
    expect(new Set(receiver.received.map((r) => r.headers["x-cosell-event-id"])).size).toBe(1);
    expect(receiver.received.map((r) => r.headers["x-cosell-attempt"])).toEqual(["1", "2", "3"]);
    // Backoff: at least 200 ms after the first failure (which took the 500 ms timeout), 400 ms after the second.
    const firstWait = b!.at - a!.at - 500;
    const secondWait = c!.at - b!.at;
    expect(firstWait).toBeGreaterThanOrEqual(180);
    expect(secondWait).toBeGreaterThanOrEqual(380);
    const rows = await eventually(
      async () => {
        const found = await t.sql(
          `SELECT status, attempts, last_status_code FROM webhook_delivery WHERE webhook_id = (SELECT id FROM webhook WHERE url = $1)`,
          [receiver.url],
        );
        return found[0]?.status === "DELIVERED" && found;
      },
      5_000,
      "the delivery to be recorded",
    );
    expect(rows).toEqual([{ status: "DELIVERED", attempts: 3, last_status_code: 200 }]);
    await t.gql(DELETE, { input: { id: hook } }, await t.login("max@acme.test"));
    await receiver.close();
  });

  it("are each sent once even with two server instances polling the same queue", async () => {
    const receiver = await startReceiver();
    const hook = await webhook("max@acme.test", receiver.url, SECRET_ACME, ["ACTIVITY_LOGGED"]);
    const config = sameDatabase();
    const second = await startServer(config, createLogger(config));
    try {
      const ana = await t.login("ana@acme.test");
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          t.gql(LOG, { input: { opportunityId: opps["Umbrella menu cards"]!.id, kind: "NOTE", body: `burst ${i}` } }, ana),
        ),
      );
      await eventually(() => receiver.received.length >= 30, 15_000, "30 deliveries");
      // No duplicate may follow: one would come from a further claim of a sent row, and both workers poll every
      // 50 ms (FAST), so 300 ms covers six more rounds of each.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const ids = receiver.received.map((r) => r.headers["x-cosell-event-id"]);
      expect(ids.length).toBe(30);
      expect(new Set(ids).size).toBe(30);
    } finally {
      await second.close();
      await t.gql(DELETE, { input: { id: hook } }, await t.login("max@acme.test"));
      await receiver.close();
    }
  });

  it("are not lost across a restart: what failed before is delivered by the next server", async () => {
    let up = false;
    const receiver = await startReceiver(() => (up ? 200 : 503));
    await webhook("max@acme.test", receiver.url, SECRET_ACME, ["ACTIVITY_LOGGED"]);
    await note("ana@acme.test", "Umbrella menu cards", "survives a restart");
    await eventually(() => receiver.received.length >= 1, 10_000, "a first (failed) attempt");
    const config = sameDatabase();
    await t.server.close();
    up = true;
    const next = await startServer(config, createLogger(config));
    try {
      await eventually(() => receiver.received.some((r) => r.answeredWith === 200), 15_000, "delivery after the restart");
      const delivered = receiver.received.filter((r) => r.answeredWith === 200);
      expect(delivered).toHaveLength(1);
      expect(JSON.parse(delivered[0]!.body).data.activity.body).toBe("survives a restart");
    } finally {
      await next.close();
      await receiver.close();
    }
  });
});

describe("webhooks where private targets are refused (the production default)", () => {
  it("refuse a URL naming this machine or a private address, and never send to one that slipped into the table", async () => {
    const strict = await startTestServer({ ...FAST, webhookPrivateTargets: false });
    const receiver = await startReceiver();
    try {
      const max = await strict.login("max@acme.test");
      for (const url of [
        receiver.url,
        "http://localhost:3000/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:8080/hook",
        "http://10.0.0.7/hook",
      ]) {
        const refused = await strict.gql(CREATE, { input: { url, secret: SECRET_ACME, events: ["ACTIVITY_LOGGED"] } }, max);
        expect(codeOf(refused), url).toBe("BAD_USER_INPUT");
        expect(refused.errors![0]!.extensions).toMatchObject({ field: "url" });
      }
      const accepted = await strict.gql(
        CREATE,
        { input: { url: "https://hooks.example.com/cosell", secret: SECRET_ACME, events: ["DEAL_WON"] } },
        max,
      );
      expect(accepted.errors).toBeUndefined();

      // Rows written before the rule (or by hand) are checked again when sending: an address in the
      // URL, and a name that resolves to one (this machine's own name: 127.0.0.1 here). The log says
      // it was refused, never what the name resolved to.
      const [acme] = await strict.sql<{ organization_id: string }>(`SELECT organization_id FROM app_user WHERE email = 'max@acme.test'`);
      const byName = receiver.url.replace("127.0.0.1", hostname());
      const resolved = await lookup(hostname(), { all: true });
      for (const url of [receiver.url, byName]) {
        await strict.sql(
          `INSERT INTO webhook (id, organization_id, url, secret, events, created_at) VALUES (gen_random_uuid(), $1, $2, $3, ARRAY['ACTIVITY_LOGGED'], now())`,
          [acme!.organization_id, url, SECRET_ACME],
        );
      }
      const room = (await demoOpportunities(strict))["Umbrella menu cards"]!.id;
      const logged = await strict.gql(
        LOG,
        { input: { opportunityId: room, kind: "NOTE", body: "not for the internal network" } },
        await strict.login("ana@acme.test"),
      );
      expect(logged.errors).toBeUndefined();
      const lastError = (url: string) =>
        eventually(
          async () => {
            const [row] = await strict.sql<{ last_error: string | null }>(
              `SELECT d.last_error FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE d.event = 'ACTIVITY_LOGGED' AND w.url = $1`,
              [url],
            );
            return row?.last_error ?? null;
          },
          5_000,
          `the delivery to ${url} to be refused`,
        );
      expect(await lastError(receiver.url)).toMatch(/must be a public address/);
      const byNameError = await lastError(byName);
      expect(byNameError).toBe("refused: the host resolves to a private or reserved address");
      for (const { address } of resolved) expect(byNameError).not.toContain(address);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
      await strict.close();
    }
  });
});
