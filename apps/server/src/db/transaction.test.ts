import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/fixtures.js";
import type { Database } from "./database.js";
import { SecondConnectionError } from "./transaction.js";
import type { UnitOfWork } from "./transaction.js";

let database: Database;
let uow: UnitOfWork;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, uow, close } = await openTestDatabase());
});

afterAll(() => close?.());

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

describe("in production", () => {
  it("does not pay for the second-connection check: the unit of work runs its work as it is", async () => {
    const production = await openTestDatabase({ NODE_ENV: "production", JWT_SECRET: "x".repeat(32) });
    try {
      const { dataSource } = production.database;
      // The same mistake as above is not caught here (on PostgreSQL it reads outside the transaction).
      const seen = await production.uow.run(async (em) => {
        await em.query(`SELECT 1`);
        return dataSource.query(`SELECT 1 AS n`);
      });
      expect(seen).toEqual([{ n: 1 }]);
    } finally {
      await production.close();
    }
  });
});
