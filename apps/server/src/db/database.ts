import { DataSource } from "typeorm";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { startEmbeddedPostgres } from "./embedded.js";
import { ENTITIES } from "./entities.js";
import { MIGRATIONS } from "./migrations/index.js";
import { cosellTypes } from "./timestamps.js";
import { refuseSecondConnections } from "./transaction.js";

export interface Database {
  readonly dataSource: DataSource;
  readonly embedded: boolean;
  close(): Promise<void>;
}

/** Connects to `DATABASE_URL` (or starts the embedded database) and runs pending migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = new DataSource({
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: false,
    extra: {
      max: embedded ? 1 : config.databasePoolSize,
      connectionTimeoutMillis: 10_000,
      application_name: "cosell",
      types: cosellTypes(),
    },
  });
  try {
    await dataSource.initialize();
    // A development and test check; in production it would slow every promise (see transaction.ts).
    if (config.nodeEnv !== "production") refuseSecondConnections(dataSource);
    const ran = await migrate(dataSource, !embedded);
    if (ran.length > 0) logger.info({ migrations: ran.map((m) => m.name) }, "migrations applied");
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.close();
    throw error;
  }
  logger.info({ embedded: Boolean(embedded), dataDir: embedded ? config.dataDir : undefined }, "database ready");
  return {
    dataSource,
    embedded: Boolean(embedded),
    async close() {
      await dataSource.destroy();
      await embedded?.close();
    },
  };
}

/** Instances starting together take turns: a session advisory lock guards the migration run. */
async function migrate(dataSource: DataSource, lock: boolean) {
  if (!lock) return dataSource.runMigrations({ transaction: "each" });
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock(hashtext('cosell:migrations'))");
    return await dataSource.runMigrations({ transaction: "each" });
  } finally {
    await runner.query("SELECT pg_advisory_unlock(hashtext('cosell:migrations'))").catch(() => undefined);
    await runner.release();
  }
}
