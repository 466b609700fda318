import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../src/db/embedded.js";
import { RegistrationRules1764800000003 } from "../src/db/migrations/1764800000003-RegistrationRules.js";
import { MIGRATIONS } from "../src/db/migrations/index.js";
import { createTestDatabase } from "./fixtures.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function migrated(url: string, count: number, poolSize: number): Promise<DataSource> {
  const dataSource = new DataSource({ type: "postgres", url, migrations: MIGRATIONS.slice(0, count), extra: { max: poolSize } });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
}

const databases: [name: string, open: () => Promise<{ url: string; poolSize: number }>][] = [
  [
    "PostgreSQL",
    async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      return { url: database.url, poolSize: 2 };
    },
  ],
  [
    "embedded PGlite",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "cosell-registration-rules-"));
      const embedded = await startEmbeddedPostgres(dir);
      cleanups.push(async () => {
        await embedded.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return { url: embedded.url, poolSize: 1 };
    },
  ],
];

describe.each(databases)("RegistrationRules on %s", (_name, open) => {
  it("gives registrations approved before it the default 90-day window, admits EXPIRED, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(RegistrationRules1764800000003);
    const before = await migrated(url, at, poolSize);
    const [vendor, partner, user, approved, pending] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await before.query(`INSERT INTO organization (id, name, kind) VALUES ($1, 'Acme Print', 'VENDOR'), ($2, 'Pixel', 'PARTNER')`, [
      vendor,
      partner,
    ]);
    await before.query(
      `INSERT INTO app_user (id, organization_id, name, email, role, password_hash) VALUES ($1, $2, 'Lee', 'lee@pixel.test', 'REP', 'x')`,
      [user, partner],
    );
    for (const [id, status] of [
      [approved, "APPROVED"],
      [pending, "PENDING"],
    ]) {
      await before.query(
        `INSERT INTO deal_registration (id, vendor_organization_id, registrant_id, registrant_organization_id, account_name, account_domain,
           normalized_domain, title, amount_minor, currency, status, reviewed_at)
         VALUES ($1, $2, $3, $4, 'Hooli', 'hooli.example', 'hooli.example', 'Kit', 100, 'USD', $5, $6)`,
        [id, vendor, user, partner, status, status === "APPROVED" ? "2026-01-01T00:00:00Z" : null],
      );
    }
    await before.destroy();

    const after = await migrated(url, at + 1, poolSize);
    try {
      const rows = await after.query(`SELECT id, protected_until, auto_approved FROM deal_registration ORDER BY status`);
      expect(
        rows.map((r: { protected_until: Date | null; auto_approved: boolean }) => [
          r.protected_until?.toISOString() ?? null,
          r.auto_approved,
        ]),
      ).toEqual([
        ["2026-04-01T00:00:00.000Z", false],
        [null, false],
      ]);
      expect(await after.query(`SELECT registration_protection_days AS days FROM organization WHERE id = $1`, [vendor])).toEqual([
        { days: 90 },
      ]);
      await expect(after.query(`UPDATE organization SET registration_protection_days = 0 WHERE id = $1`, [vendor])).rejects.toThrow(
        /registration_protection_days_check/,
      );
      await after.query(`UPDATE deal_registration SET status = 'EXPIRED', expired_at = now() WHERE id = $1`, [approved]);

      await after.undoLastMigration({ transaction: "each" });
      expect(await after.query(`SELECT status FROM deal_registration WHERE id = $1`, [approved])).toEqual([{ status: "APPROVED" }]);
      await expect(after.query(`UPDATE deal_registration SET status = 'EXPIRED' WHERE id = $1`, [approved])).rejects.toThrow(
        /deal_registration_status_check/,
      );
    } finally {
      await after.destroy();
    }
  }, 90_000);
});
