import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";

/**
 * Requests outside /graphql (exports, the import, attachments, calendar and outline downloads) draw
 * on the caller's cost budget as queries do, 10,000 points each (SIDE_REQUEST_COST): a script that
 * downloads or imports in a loop is slowed like one that queries in a loop, and an anonymous one by
 * its address, before the endpoint reads a byte.
 */

let t: TestServer;
beforeAll(async () => {
  // Room for two side requests a minute (and a few sign-ins), not three.
  t = await startTestServer({ rateLimitPoints: 25_000 });
});
afterAll(() => t?.close());

const exportAs = (token?: string) =>
  fetch(`${t.url}/export/opportunities.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("side requests and the cost budget", () => {
  it("charges each export to its caller: the third in a minute answers 429 with Retry-After, and others are not affected", async () => {
    const ana = await t.login("ana@acme.test");
    const first = await exportAs(ana);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("15000");
    await first.text();
    expect((await exportAs(ana)).status).toBe(200);

    const third = await exportAs(ana);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await third.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("RATE_LIMITED");
    expect(body.errors[0]!.message).toMatch(/costs 10000 points/);

    // The import is charged the same and refused before reading the file: nothing is written.
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM opportunity`);
    const imported = await fetch(`${t.url}/import/opportunities`, {
      method: "POST",
      headers: { authorization: `Bearer ${ana}`, "content-type": "text/csv" },
      body: "title,accountName,accountDomain,amount,currency\r\nLooped,Loop Co,loop.example,10.00,USD\r\n",
    });
    expect(imported.status).toBe(429);
    expect(await t.sql(`SELECT count(*)::int AS n FROM opportunity`)).toEqual(before);

    // Another person has a budget of their own.
    expect((await exportAs(await t.login("max@acme.test"))).status).toBe(200);
  });

  it("charges a caller without credentials by address: past the budget, 429 rather than 401", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await exportAs()).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
