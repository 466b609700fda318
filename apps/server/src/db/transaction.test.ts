import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/fixtures.js";
import type { TestDatabase } from "../../test/fixtures.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { memoryBus } from "../realtime/bus.js";
import { openDatabase } from "./database.js";
import type { Database } from "./database.js";
import { SecondConnectionError, unitOfWork } from "./transaction.js";
import type { UnitOfWork } from "./transaction.js";

let testDatabase: TestDatabase;
let database: Database;
let uow: UnitOfWork;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: testDatabase.url, LOG_LEVEL: "silent", NODE_ENV: "test" });
  const logger = createLogger(config);
  database = await openDatabase(config, logger);
  uow = unitOfWork(database.dataSource, memoryBus(), logger);
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

describe("a unit of work", () => {
  it("refuses at once a query that takes a second connection inside its transaction, and rolls back", async () => {
    const { dataSource } = database;
    await dataSource.query(`CREATE TABLE probe (n int)`);
    const attempt = uow.run(async (em) => {
      await em.query(`INSERT INTO probe VALUES (1)`);
      await dataSource.query(`SELECT 1`); // the mistake: not the transaction's manager
    });
    await expect(attempt).rejects.toBeInstanceOf(SecondConnectionError);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM probe`)).toEqual([{ n: 0 }]);
  });

  it("lets the transaction's own manager do everything, and the pool serve others once it ended", async () => {
    const { dataSource } = database;
    let later: Promise<unknown> | undefined;
    await uow.run(async (em) => {
      await em.query(`INSERT INTO probe VALUES (2)`);
      // Work started inside but run after the commit is not inside any more.
      later = new Promise((resolve) => setTimeout(resolve, 50)).then(() => dataSource.query(`SELECT count(*)::int AS n FROM probe`));
    });
    expect(await later).toEqual([{ n: 1 }]);
  });
});
