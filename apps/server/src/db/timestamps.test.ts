import pg from "pg";
import { describe, expect, it } from "vitest";
import { TIMESTAMPTZ_OID, parseTimestamptz } from "./timestamps.js";

const pgParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => unknown;
const same = (text: string) => {
  const mine = parseTimestamptz(text);
  const theirs = pgParser(text);
  expect(mine instanceof Date ? mine.getTime() : mine, text).toEqual(theirs instanceof Date ? theirs.getTime() : theirs);
};

describe("parseTimestamptz", () => {
  it("reads PostgreSQL's ISO output as pg's own parser does, offsets and fractions included", () => {
    for (const text of [
      "2026-12-01 05:33:34+00",
      "2026-12-01 05:33:34.1+00",
      "2026-12-01 05:33:34.123+00",
      "2026-12-01 05:33:34.123456+00",
      "2026-12-01 05:33:34.999999+00",
      "2024-02-29 23:59:59.5-08",
      "2024-02-29 23:59:59.5+05:30",
      "2024-02-29 00:00:00-03:30",
      "1970-01-01 00:00:00+00",
      "1999-12-31 23:59:59.000001+14",
    ]) {
      same(text);
      expect(parseTimestamptz(text)).toBeInstanceOf(Date);
    }
  });

  it("matches pg's parser on thousands of random instants, offsets and fractions", () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, "0");
    let seed = 42;
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % below;
    };
    for (let i = 0; i < 5_000; i++) {
      const fraction =
        random(3) === 0
          ? ""
          : `.${String(random(1_000_000))
              .padStart(6, "0")
              .slice(0, 1 + random(6))}`;
      const offset = `${random(2) ? "+" : "-"}${pad(random(15))}${random(3) === 0 ? `:${pad(random(60))}` : ""}`;
      same(
        `${1000 + random(9000)}-${pad(1 + random(12))}-${pad(1 + random(28))} ${pad(random(24))}:${pad(random(60))}:${pad(random(60))}${fraction}${offset}`,
      );
    }
  });

  it("leaves every other form to pg's parser", () => {
    for (const text of [
      "infinity",
      "-infinity",
      "0044-03-15 12:00:00+00 BC",
      "0099-01-01 00:00:00+00",
      "12345-01-01 00:00:00+00",
      "2026-12-01 05:33:34+05:30:15",
      "2026-12-01",
    ]) {
      same(text);
    }
  });
});
