import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { serveParent } from "../lib/proc.js";

/**
 * Plain INSERTs through `pg`: each POST writes one row into `bench_activity` (a copy of `activity`
 * with its indexes) with the same pool size as cosell's, and answers the row as JSON.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_activity (LIKE activity INCLUDING ALL)`);
let seq = 0;
// `activity` requires an organization and a hash on every row (the audit trail); any id will do here.
const ORGANIZATION = randomUUID();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  // The handler answers its own failures (500), so nothing is lost by not awaiting it.
  req.on(
    "end",
    () =>
      void (async () => {
        try {
          const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          const input = variables.input as { opportunityId: string; kind: string; body: string };
          const opportunityId = Buffer.from(input.opportunityId, "base64url").toString("utf8").split(":")[1];
          const rows = (
            await pool.query(
              `INSERT INTO bench_activity (id, opportunity_id, seq, kind, body, actor_id, actor_organization_id, hash, created_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, '', now()) RETURNING id, seq, kind, body, created_at`,
              [randomUUID(), opportunityId, ++seq, input.kind, input.body, ORGANIZATION],
            )
          ).rows as { id: string; seq: number; kind: string; body: string; created_at: Date }[];
          const row = rows[0]!;
          const body = JSON.stringify({
            data: { logActivity: { id: row.id, seq: row.seq, kind: row.kind, body: row.body, createdAt: row.created_at.toISOString() } },
          });
          res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
          res.end(body);
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      })(),
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
serveParent({ port: (server.address() as AddressInfo).port }, {});
