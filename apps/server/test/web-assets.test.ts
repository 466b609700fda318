import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";

/**
 * The built web app as a browser gets it: compressed JS and CSS, hashed files cached for a year,
 * the entry page revalidated on every load, and no source maps.
 */
const webDir = mkdtempSync(join(tmpdir(), "cosell-web-assets-"));
const SCRIPT = `export const board = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `deal ${i}`))};\n`;
const STYLE = Array.from({ length: 200 }, (_, i) => `.card-${i} { padding: ${i % 7}px; }`).join("\n");
const INDEX = `<!doctype html><title>cosell</title><script type="module" src="/assets/index-3f9a1c.js"></script>`;

let t: TestServer;
beforeAll(async () => {
  mkdirSync(join(webDir, "assets"));
  writeFileSync(join(webDir, "index.html"), INDEX);
  writeFileSync(join(webDir, "assets", "index-3f9a1c.js"), SCRIPT);
  writeFileSync(join(webDir, "assets", "index-3f9a1c.js.map"), `{"version":3,"sources":["src/secret.ts"]}`);
  writeFileSync(join(webDir, "assets", "index-77b2e0.css"), STYLE);
  writeFileSync(join(webDir, ".env"), "SECRET=1");
  t = await startTestServer({ webDir });
});
afterAll(async () => {
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

/** A GET with exactly these headers (fetch would add its own Accept-Encoding and decompress). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${t.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the web app's files", () => {
  it("sends JS and CSS brotli-compressed to a browser that takes brotli, gzip to one that takes only gzip", async () => {
    const br = await get("/assets/index-3f9a1c.js", { "accept-encoding": "gzip, deflate, br" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);

    const gz = await get("/assets/index-77b2e0.css", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(STYLE);

    const refusesBrotli = await get("/assets/index-3f9a1c.js", { "accept-encoding": "br;q=0, gzip" });
    expect(refusesBrotli.headers["content-encoding"]).toBe("gzip");

    const plain = await get("/assets/index-3f9a1c.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it("lets browsers keep hashed files for a year and revalidate the entry page on every load", async () => {
    for (const path of ["/assets/index-3f9a1c.js", "/assets/index-77b2e0.css"]) {
      expect((await get(path)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
    const index = await get("/");
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(index.body.toString()).toBe(INDEX);
    // A client-side route is the entry page, revalidated the same way.
    const route = await get("/rooms/some-deal");
    expect(route.headers["cache-control"]).toBe("no-cache");
    expect(route.body.toString()).toBe(INDEX);
    // Revalidation costs no body when nothing changed.
    const again = await get("/", { "if-none-match": String(index.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("never serves source maps, dot files, or the entry page in place of a missing build file", async () => {
    for (const path of ["/assets/index-3f9a1c.js.map", "/.env", "/assets/%2e%2e/.env", "/assets/index-000000.js"]) {
      const answer = await get(path);
      expect([path, answer.status]).toEqual([path, 404]);
      expect(JSON.parse(answer.body.toString())).toEqual({ errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });
    }
  });

  it("keeps the API's paths for the API: unknown ones under /export answer the JSON 404, not the app", async () => {
    const answer = await get("/export/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toContain("application/json");
  });
});
