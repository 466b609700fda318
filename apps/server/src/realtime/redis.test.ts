import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_REDIS_URL } from "../../test/fixtures.js";
import { freePort } from "../../test/processes.js";
import { until } from "../../test/ws.js";
import { createLogger } from "../logger.js";
import type { EventBus } from "./bus.js";
import { connectRedis, redisBus } from "./redis.js";

const logger = createLogger({ logLevel: "silent" });
const buses: EventBus[] = [];
const bus = async (url = TEST_REDIS_URL, connectWaitMs?: number) => {
  const created = redisBus(await connectRedis(url, logger, connectWaitMs), logger, 500);
  buses.push(created);
  return created;
};
afterAll(() => Promise.all(buses.map((b) => b.close())));

describe("the Redis event bus", () => {
  it("carries a message from one instance's bus to another's, once per subscription", async () => {
    const [one, two] = [await bus(), await bus()];
    const topic = `test:${randomUUID()}`;
    const heard: unknown[] = [];
    const stop = await two.subscribe(topic, (m) => heard.push(m));
    await one.publish(topic, { type: "activity", seq: 1, at: new Date(0) });
    await until(() => heard.length === 1);
    expect(heard).toEqual([{ publishedBy: expect.any(String), type: "activity", seq: 1, at: "1970-01-01T00:00:00.000Z" }]);
    await stop();
    await one.publish(topic, { type: "activity", seq: 2 });
    await one.publish(`test:${randomUUID()}`, { type: "elsewhere" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toHaveLength(1);
  });

  it("gives the publishing instance's own listeners the message itself at once, and drops the copy Redis sends back", async () => {
    const [one, two] = [await bus(), await bus()];
    const topic = `test:${randomUUID()}`;
    const mine: unknown[] = [];
    const theirs: unknown[] = [];
    await one.subscribe(topic, (m) => mine.push(m));
    await two.subscribe(topic, (m) => theirs.push(m));
    const message = { type: "activity", seq: 1 };
    const publishing = one.publish(topic, message);
    expect(mine).toEqual([message]); // before Redis has answered
    expect(mine[0]).toBe(message);
    await publishing;
    // Across instances nothing orders messages: two's own would reach its listeners before one's
    // still on its way from Redis (room feeds order entries by seq). Wait for one's first.
    await until(() => theirs.length === 1);
    await two.publish(topic, { type: "activity", seq: 2 });
    await until(() => theirs.length === 2 && mine.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the echoes have come back meanwhile
    expect(mine.map((m) => (m as { seq: number }).seq)).toEqual([1, 2]);
    expect(theirs.map((m) => (m as { seq: number }).seq)).toEqual([1, 2]);
  });

  it("with REDIS_CLUSTER_NODES that do not answer: starts, fails publishes at once, reports down, closes promptly", async () => {
    const link = await connectRedis({ clusterNodes: [`127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`] }, logger, 200);
    const down = redisBus(link, logger, 500);
    const started = Date.now();
    await expect(down.publish("test:nowhere", { type: "x" })).rejects.toThrow();
    await expect(link.check()).rejects.toThrow();
    const stop = await down.subscribe("test:nowhere", () => undefined); // taken now, made on the cluster once it answers
    await stop();
    await down.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("fails a publish at once while Redis is unreachable, instead of holding the write; its own listeners still hear it", async () => {
    const down = await bus(`redis://127.0.0.1:${await freePort()}`, 200);
    const heard: unknown[] = [];
    await down.subscribe("test:nowhere", (m) => heard.push(m));
    const started = Date.now();
    await expect(down.publish("test:nowhere", { type: "x" })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(600);
    expect(heard).toEqual([{ type: "x" }]);
  });
});
