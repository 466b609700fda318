import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A `postgres://` URL on 127.0.0.1 that the ordinary `pg` driver connects to. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), kept in `dataDir` and served on a private loopback port,
 * so that the server speaks the same wire protocol through the same `pg` pool as in production.
 * PGlite runs one query at a time; the pool that uses it must have a single connection, which also
 * keeps transactions from interleaving.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = join(dataDir, "pgdata");
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
