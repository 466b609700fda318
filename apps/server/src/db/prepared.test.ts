import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/fixtures.js";
import type { Database } from "./database.js";
import { PREPARED_TEXTS_MAX, preparedArrays, preparedRows } from "./prepared.js";
import { SecondConnectionError } from "./transaction.js";
import type { UnitOfWork } from "./transaction.js";

let database: Database;
let uow: UnitOfWork;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ database, uow, close } = await openTestDatabase());
  await database.dataSource.query(`CREATE TABLE prepared_probe (n int PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`);
});

afterAll(() => close?.());

/** The prepared statements PostgreSQL holds on the connection that runs this. */
const preparedOnConnection = (on: Parameters<typeof preparedRows>[0]) =>
  preparedRows<{ name: string }>(on, `SELECT name FROM pg_prepared_statements ORDER BY name`, []);

describe("preparedRows", () => {
  it("runs as a statement PostgreSQL keeps prepared, with values and pg's types as dataSource.query gives them", async () => {
    const { dataSource } = database;
    await dataSource.query(`INSERT INTO prepared_probe (n) VALUES (1), (2), (3)`);
    const text = `SELECT n, at FROM prepared_probe WHERE n = ANY($1::int[]) ORDER BY n`;
    const rows = await preparedRows<{ n: number; at: Date }>(dataSource, text, [[1, 3]]);
    expect(rows.map((row) => row.n)).toEqual([1, 3]);
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect(rows).toEqual(await dataSource.query(text, [[1, 3]]));
    // The same statement with rows as arrays, columns in select-list order.
    expect(await preparedArrays(dataSource, text, [[1, 3]])).toEqual(rows.map((row) => [row.n, row.at]));
    // The embedded default runs on one connection; here the pool may hand any, so ask on each until one holds it.
    const held = await Promise.all(Array.from({ length: 10 }, () => preparedOnConnection(dataSource)));
    expect(held.some((names) => names.some((row) => row.name.startsWith("cosell_")))).toBe(true);
  });

  it("inside a transaction, runs on the transaction's connection and sees its uncommitted rows; a rollback keeps none", async () => {
    const { dataSource } = database;
    const attempt = uow.run(async (em) => {
      await em.query(`INSERT INTO prepared_probe (n) VALUES (10)`);
      const seen = await preparedRows<{ n: number }>(em, `SELECT n FROM prepared_probe WHERE n = $1`, [10]);
      expect(seen).toEqual([{ n: 10 }]);
      throw new Error("roll back");
    });
    await expect(attempt).rejects.toThrow("roll back");
    expect(await preparedRows(dataSource, `SELECT n FROM prepared_probe WHERE n = $1`, [10])).toEqual([]);
  });

  it("keeps the rule against a second connection inside a transaction", async () => {
    const { dataSource } = database;
    const attempt = uow.run(async () => {
      await preparedRows(dataSource, `SELECT n FROM prepared_probe WHERE n = $1`, [1]);
    });
    await expect(attempt).rejects.toBeInstanceOf(SecondConnectionError);
  });

  it("answers a failed statement with PostgreSQL's error and goes on serving on the same pool", async () => {
    const { dataSource } = database;
    await expect(preparedRows(dataSource, `SELECT n FROM prepared_probe WHERE n = $1::int`, ["not a number"])).rejects.toMatchObject({
      code: "22P02",
    });
    expect(await preparedRows(dataSource, `SELECT n FROM prepared_probe WHERE n = $1::int`, [2])).toEqual([{ n: 2 }]);
  });

  it(`names at most ${PREPARED_TEXTS_MAX} distinct texts; later ones still run, unnamed`, async () => {
    const { dataSource } = database;
    for (let i = 0; i < PREPARED_TEXTS_MAX + 20; i++) {
      expect(await preparedRows(dataSource, `SELECT ${i}::int AS i`, [])).toEqual([{ i }]);
    }
    const named = await Promise.all(Array.from({ length: 10 }, () => preparedOnConnection(dataSource)));
    const most = Math.max(...named.map((names) => names.length));
    expect(most).toBeLessThanOrEqual(PREPARED_TEXTS_MAX + 1);
  });
});
