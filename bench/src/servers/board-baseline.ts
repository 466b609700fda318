import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { toGlobalId } from "@cosell/server/src/ids.js";
import { Money } from "@cosell/server/src/modules/opportunity/money.js";
import { serveParent } from "../lib/proc.js";

/**
 * The board by hand: the same SQL cosell runs (the viewer's visible page, then members with their
 * users, newest activities and open commitments for the page at once) through `pg`, written
 * straight to JSON in the shape of the GraphQL answer. No auth, no GraphQL.
 */
const VIEWER = { organizationId: process.env.VIEWER_ORG!, userId: process.env.VIEWER_USER! };
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
let statements = 0;

async function sql<T>(text: string, params: unknown[]): Promise<T[]> {
  statements += 1;
  return (await pool.query(text, params)).rows as T[];
}

async function board(first: number): Promise<string> {
  const page = await sql<{ id: string; title: string; stage: string; version: number; amount_minor: string; currency: string }>(
    `SELECT o.id, o.title, o.stage, o.version, o.amount_minor, o.currency FROM opportunity o
      WHERE (o.organization_id = $1 OR EXISTS (SELECT 1 FROM room_member vis WHERE vis.opportunity_id = o.id AND vis.user_id = $2))
      ORDER BY o.id DESC LIMIT $3`,
    [VIEWER.organizationId, VIEWER.userId, first + 1],
  );
  const rows = page.slice(0, first);
  const ids = rows.map((row) => row.id);
  const [members, activities, commitments] = await Promise.all([
    sql<{ opportunity_id: string; role: string; access: string; user_id: string; name: string }>(
      `SELECT m.opportunity_id, m.role, m.access, m.user_id, u.name FROM room_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.opportunity_id = ANY($1::uuid[]) ORDER BY m.added_at`,
      [ids],
    ),
    sql<{ opportunity_id: string; kind: string; body: string | null; created_at: Date }>(
      `SELECT a.opportunity_id, a.kind, a.body, a.created_at FROM activity a JOIN opportunity o ON o.id = a.opportunity_id AND a.seq = o.last_activity_seq
        WHERE o.id = ANY($1::uuid[])`,
      [ids],
    ),
    sql<{ id: string; opportunity_id: string; title: string; due_at: Date; status: string; assignee_id: string; name: string }>(
      `SELECT c.id, c.opportunity_id, c.title, c.due_at, c.status, c.assignee_id, u.name FROM commitment c JOIN app_user u ON u.id = c.assignee_id
        WHERE c.opportunity_id = ANY($1::uuid[]) AND c.status = 'OPEN' ORDER BY c.due_at, c.id`,
      [ids],
    ),
  ]);
  const edges = rows.map((row) => {
    const money = Money.of(row.amount_minor, row.currency.trim());
    const last = activities.find((a) => a.opportunity_id === row.id);
    return {
      node: {
        id: toGlobalId("Opportunity", row.id),
        title: row.title,
        stage: row.stage,
        version: row.version,
        amount: { amount: money.amount, currency: money.currency },
        members: members
          .filter((m) => m.opportunity_id === row.id)
          .map((m) => ({ role: m.role, access: m.access, user: { id: toGlobalId("User", m.user_id), name: m.name } })),
        lastActivity: last ? { kind: last.kind, body: last.body, createdAt: last.created_at.toISOString() } : null,
        commitments: commitments
          .filter((c) => c.opportunity_id === row.id)
          .map((c) => ({
            id: toGlobalId("Commitment", c.id),
            title: c.title,
            dueAt: c.due_at.toISOString(),
            status: c.status,
            assignee: { id: toGlobalId("User", c.assignee_id), name: c.name },
          })),
      },
    };
  });
  return JSON.stringify({ data: { opportunities: { edges } } });
}

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
          const body = await board(Number(variables.first));
          res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
          res.end(body);
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      })(),
  );
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
serveParent({ port: (server.address() as AddressInfo).port }, { stats: () => ({ statements }) });
