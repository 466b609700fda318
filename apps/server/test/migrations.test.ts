import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataSource } from "typeorm";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../src/db/embedded.js";
import { CommitmentAcceptance1764500000002 } from "../src/db/migrations/1764500000002-CommitmentAcceptance.js";
import { Sessions1764600000001 } from "../src/db/migrations/1764600000001-Sessions.js";
import { ReportingCurrency1764700000006 } from "../src/db/migrations/1764700000006-ReportingCurrency.js";
import { AccountMapping1764700000007 } from "../src/db/migrations/1764700000007-AccountMapping.js";
import { Invitations1764800000001 } from "../src/db/migrations/1764800000001-Invitations.js";
import { StructuredAgreements1764800000002 } from "../src/db/migrations/1764800000002-StructuredAgreements.js";
import { RegistrationRules1764800000003 } from "../src/db/migrations/1764800000003-RegistrationRules.js";
import { Meetings1764800000004 } from "../src/db/migrations/1764800000004-Meetings.js";
import { MIGRATIONS } from "../src/db/migrations/index.js";
import { createTestDatabase } from "./fixtures.js";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function dataSourceOn(url: string, migrations: readonly (typeof MIGRATIONS)[number][], poolSize: number): Promise<DataSource> {
  const dataSource = new DataSource({
    type: "postgres",
    url,
    migrations: [...migrations],
    synchronize: false,
    logging: false,
    extra: { max: poolSize },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
}

/** One commitment of each old status, on a database migrated up to the migration before CommitmentAcceptance. */
async function oldWorld(ds: DataSource): Promise<Record<string, string>> {
  const [org, user, account, opportunity] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await ds.query(`INSERT INTO organization (id, name, kind) VALUES ($1, 'Acme Print', 'VENDOR')`, [org]);
  await ds.query(
    `INSERT INTO app_user (id, organization_id, name, email, role, password_hash) VALUES ($1, $2, 'Ana', 'ana@acme.test', 'REP', 'x')`,
    [user, org],
  );
  await ds.query(`INSERT INTO account (id, organization_id, name) VALUES ($1, $2, 'Northwind')`, [account, org]);
  await ds.query(
    `INSERT INTO opportunity (id, account_id, organization_id, owner_id, title, amount_minor, currency, stage) VALUES ($1, $2, $3, $4, 'Catalog', 100, 'USD', 'PROSPECTING')`,
    [opportunity, account, org, user],
  );
  const ids: Record<string, string> = {};
  for (const status of ["OPEN", "DONE", "MISSED", "CANCELLED"]) {
    ids[status] = randomUUID();
    await ds.query(
      `INSERT INTO commitment (id, opportunity_id, assignee_id, created_by_id, title, due_at, status) VALUES ($1, $2, $3, $3, $4, now(), $4)`,
      [ids[status], opportunity, user, status],
    );
  }
  return ids;
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
      const dir = mkdtempSync(join(tmpdir(), "cosell-migrations-"));
      const embedded = await startEmbeddedPostgres(dir);
      cleanups.push(async () => {
        await embedded.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return { url: embedded.url, poolSize: 1 };
    },
  ],
];

describe.each(databases)("CommitmentAcceptance on %s", (_name, open) => {
  it("keeps existing commitments as they were, admits PROPOSED and DECLINED, and demands a reason for DECLINED", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(CommitmentAcceptance1764500000002);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    const ids = await oldWorld(before);
    await expect(before.query(`UPDATE commitment SET status = 'PROPOSED' WHERE id = $1`, [ids.OPEN])).rejects.toThrow(
      /commitment_status_check/,
    );
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      const rows = await after.query(`SELECT id, status, accepted_at, decline_reason FROM commitment ORDER BY status`);
      expect(rows).toEqual(
        ["CANCELLED", "DONE", "MISSED", "OPEN"].map((status) => ({ id: ids[status], status, accepted_at: null, decline_reason: null })),
      );
      await after.query(`UPDATE commitment SET status = 'PROPOSED' WHERE id = $1`, [ids.OPEN]);
      await expect(after.query(`UPDATE commitment SET status = 'DECLINED', declined_at = now() WHERE id = $1`, [ids.OPEN])).rejects.toThrow(
        /commitment_declined_with_reason/,
      );
      await expect(
        after.query(`UPDATE commitment SET status = 'DECLINED', declined_at = now(), decline_reason = '  ' WHERE id = $1`, [ids.OPEN]),
      ).rejects.toThrow(/commitment_declined_with_reason/);
      await after.query(`UPDATE commitment SET status = 'DECLINED', declined_at = now(), decline_reason = 'booked' WHERE id = $1`, [
        ids.OPEN,
      ]);
      await expect(after.query(`UPDATE commitment SET status = 'MAYBE' WHERE id = $1`, [ids.DONE])).rejects.toThrow(
        /commitment_status_check/,
      );

      // And back down: the old rule had neither state, so both become cancelled.
      await after.undoLastMigration({ transaction: "each" });
      expect(await after.query(`SELECT status FROM commitment WHERE id = $1`, [ids.OPEN])).toEqual([{ status: "CANCELLED" }]);
    } finally {
      await after.destroy();
    }
  }, 90_000);
});

describe.each(databases)("Sessions on %s", (_name, open) => {
  it("keeps existing users active, keeps sessions apart per user, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(Sessions1764600000001);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    await oldWorld(before);
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      expect(await after.query(`SELECT email, active FROM app_user`)).toEqual([{ email: "ana@acme.test", active: true }]);
      const [{ id: userId }] = await after.query(`SELECT id FROM app_user`);
      await after.query(`INSERT INTO session (id, user_id, expires_at) VALUES ($1, $2, now() + interval '12 hours')`, [
        randomUUID(),
        userId,
      ]);
      await expect(
        after.query(`INSERT INTO session (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
          randomUUID(),
          randomUUID(),
        ]),
      ).rejects.toThrow(/foreign key/);
      await expect(
        after.query(`INSERT INTO session (id, user_id, expires_at) VALUES ($1, $2, now() - interval '1 hour')`, [randomUUID(), userId]),
      ).rejects.toThrow(/check constraint/);

      await after.undoLastMigration({ transaction: "each" });
      expect(await after.query(`SELECT to_regclass('session') AS t`)).toEqual([{ t: null }]);
      expect(
        await after.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'app_user' AND column_name = 'active'`),
      ).toEqual([]);
    } finally {
      await after.destroy();
    }
  }, 90_000);
});

describe.each(databases)("ReportingCurrency on %s", (_name, open) => {
  it("reports existing organizations in USD, keeps one rate per pair and day, bounds weights, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(ReportingCurrency1764700000006);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    await oldWorld(before);
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      const [{ id: org, reporting_currency }] = await after.query(`SELECT id, reporting_currency FROM organization`);
      expect(reporting_currency).toBe("USD");
      const rate = (validFrom: string) =>
        after.query(
          `INSERT INTO exchange_rate (id, organization_id, from_currency, to_currency, rate, valid_from) VALUES ($1, $2, 'EUR', 'USD', '1.1', $3)`,
          [randomUUID(), org, validFrom],
        );
      await rate("2026-01-01");
      await rate("2026-02-01");
      await expect(rate("2026-01-01")).rejects.toThrow(/unique|duplicate/);
      await expect(
        after.query(`INSERT INTO stage_weight (organization_id, stage, percent) VALUES ($1, 'PROPOSAL', 101)`, [org]),
      ).rejects.toThrow(/check constraint/);

      await after.undoLastMigration({ transaction: "each" });
      expect(await after.query(`SELECT to_regclass('exchange_rate') AS a, to_regclass('stage_weight') AS b`)).toEqual([
        { a: null, b: null },
      ]);
      expect(
        await after.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name = 'organization' AND column_name = 'reporting_currency'`,
        ),
      ).toEqual([]);
    } finally {
      await after.destroy();
    }
  }, 90_000);

  it("adds account mapping off for every existing partnership, one pending co-sell request per account, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(AccountMapping1764700000007);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    await oldWorld(before);
    const [{ id: acme }] = await before.query(`SELECT id FROM organization`);
    const [{ id: ana }] = await before.query(`SELECT id FROM app_user`);
    const [pixel, partnership] = [randomUUID(), randomUUID()];
    await before.query(`INSERT INTO organization (id, name, kind) VALUES ($1, 'Pixel Studio', 'PARTNER')`, [pixel]);
    await before.query(
      `INSERT INTO partnership (id, proposer_organization_id, partner_organization_id, status, scope, terms, code_of_conduct_accepted) VALUES ($1, $2, $3, 'SIGNED', '', '', true)`,
      [partnership, acme, pixel],
    );
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      expect(await after.query(`SELECT count(*)::int AS n FROM account_mapping`)).toEqual([{ n: 0 }]);
      await expect(
        after.query(`INSERT INTO account_mapping (partnership_id, organization_id, enabled, default_level) VALUES ($1, $2, true, 'ALL')`, [
          partnership,
          acme,
        ]),
      ).rejects.toThrow(/check constraint/);
      const request = () =>
        after.query(
          `INSERT INTO co_sell_request (id, partnership_id, requester_id, requester_organization_id, recipient_organization_id, normalized_domain, message) VALUES ($1, $2, $3, $4, $5, 'contoso.example', 'Hi')`,
          [randomUUID(), partnership, ana, acme, pixel],
        );
      await request();
      await expect(request()).rejects.toThrow(/unique|duplicate/);
      await after.query(`UPDATE co_sell_request SET status = 'DECLINED'`);
      await request();

      await after.undoLastMigration({ transaction: "each" });
      expect(
        await after.query(
          `SELECT to_regclass('account_mapping') AS a, to_regclass('account_reveal') AS b, to_regclass('co_sell_request') AS c`,
        ),
      ).toEqual([{ a: null, b: null, c: null }]);
    } finally {
      await after.destroy();
    }
  }, 90_000);

  it("starts each room's outline count at 0, refuses a meeting length out of range and a firm's second signature, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(Meetings1764800000004);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    await oldWorld(before);
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      const [{ id: opportunity, last_outline_version }] = await after.query(`SELECT id, last_outline_version FROM opportunity`);
      expect(last_outline_version).toBe(0);
      const [{ id: ana, organization_id: acme }] = await after.query(`SELECT id, organization_id FROM app_user`);
      const meeting = (minutes: number) =>
        after.query(
          `INSERT INTO meeting (id, opportunity_id, organizer_id, starts_at, duration_minutes, agenda) VALUES ($1, $2, $3, now(), $4, 'Plan')`,
          [randomUUID(), opportunity, ana, minutes],
        );
      await meeting(60);
      await expect(meeting(4)).rejects.toThrow(/check constraint/);
      const outline = randomUUID();
      await after.query(
        `INSERT INTO outline (id, opportunity_id, version, published_by_id, published_by_organization_id, content, parties) VALUES ($1, $2, 1, $3, $4, '{}', $5::uuid[])`,
        [outline, opportunity, ana, acme, [acme]],
      );
      const sign = () =>
        after.query(`INSERT INTO outline_signature (outline_id, organization_id, signed_by_id) VALUES ($1, $2, $3)`, [outline, acme, ana]);
      await sign();
      await expect(sign()).rejects.toThrow(/unique|duplicate/);

      await after.undoLastMigration({ transaction: "each" });
      expect(
        await after.query(
          `SELECT to_regclass('meeting') AS a, to_regclass('meeting_attendee') AS b, to_regclass('outline') AS c, to_regclass('outline_signature') AS d`,
        ),
      ).toEqual([{ a: null, b: null, c: null, d: null }]);
      expect(
        await after.query(
          `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'opportunity' AND column_name = 'last_outline_version'`,
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      await after.destroy();
    }
  }, 90_000);
});

describe.each(databases)("Invitations on %s", (_name, open) => {
  it("keeps one open invitation per address and one organization per name whatever the case, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(Invitations1764800000001);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    await oldWorld(before);
    const [{ id: acme }] = await before.query(`SELECT id FROM organization`);
    const [{ id: ana }] = await before.query(`SELECT id FROM app_user`);
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      await expect(
        after.query(`INSERT INTO organization (id, name, kind) VALUES ($1, 'ACME print', 'PARTNER')`, [randomUUID()]),
      ).rejects.toThrow(/unique|duplicate/);
      const invite = (email: string) =>
        after.query(
          `INSERT INTO invitation (id, organization_id, inviting_organization_id, email, role, token_hash, invited_by_id, expires_at)
           VALUES ($1, $2, $2, $3, 'REP', $4, $5, now() + interval '1 day')`,
          [randomUUID(), acme, email, randomUUID(), ana],
        );
      await invite("nia@acme.test");
      await expect(invite("NIA@acme.test")).rejects.toThrow(/unique|duplicate/);
      await after.query(`UPDATE invitation SET revoked_at = now()`);
      await invite("nia@acme.test");
      await expect(after.query(`UPDATE invitation SET accepted_at = now() WHERE revoked_at IS NOT NULL`)).rejects.toThrow(
        /check constraint/,
      );

      await after.undoLastMigration({ transaction: "each" });
      expect(
        await after.query(
          `SELECT to_regclass('invitation') AS a, to_regclass('password_reset') AS b, to_regclass('organization_name_key') AS c`,
        ),
      ).toEqual([{ a: null, b: null, c: null }]);
    } finally {
      await after.destroy();
    }
  }, 90_000);
});

describe.each(databases)("StructuredAgreements on %s", (_name, open) => {
  it("carries each partnership's free text, split and signatures into revision 1, publishes code of conduct 1, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(StructuredAgreements1764800000002);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
    await oldWorld(before);
    const [{ id: acme }] = await before.query(`SELECT id FROM organization`);
    const [{ id: ana }] = await before.query(`SELECT id FROM app_user`);
    const [pixel, paper, signed, proposed] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await before.query(`INSERT INTO organization (id, name, kind) VALUES ($1, 'Pixel Studio', 'PARTNER'), ($2, 'Paperworks', 'PARTNER')`, [
      pixel,
      paper,
    ]);
    await before.query(
      `INSERT INTO partnership (id, proposer_organization_id, partner_organization_id, status, scope, terms, default_revenue_split_bp,
         code_of_conduct_accepted, proposer_signed_by_id, proposer_signed_at, partner_signed_by_id, partner_signed_at)
       VALUES ($1, $2, $3, 'SIGNED', 'Design for print', 'Net 30', 2000, true, $4, '2026-02-01T10:00:00Z', $4, '2026-02-03T10:00:00Z'),
              ($5, $2, $6, 'PROPOSED', '', '', NULL, true, $4, '2026-03-01T10:00:00Z', NULL, NULL)`,
      [signed, acme, pixel, ana, proposed, paper],
    );
    await before.destroy();

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
    try {
      expect(await after.query(`SELECT version, title FROM code_of_conduct`)).toEqual([
        { version: 1, title: "cosell partner code of conduct" },
      ]);
      expect(
        await after.query(
          `SELECT p.id, p.revision, p.in_force_revision, t.status, t.earlier_terms, t.default_credit_split_bp, t.starts_on::text, t.ends_on,
                  t.proposer_signed_by_id IS NOT NULL AS proposer_signed, t.partner_signed_by_id IS NOT NULL AS partner_signed,
                  t.proposer_code_of_conduct_version
             FROM partnership p JOIN partnership_terms t ON t.partnership_id = p.id ORDER BY p.status DESC`,
        ),
      ).toEqual([
        {
          id: signed,
          revision: 1,
          in_force_revision: 1,
          status: "IN_FORCE",
          earlier_terms: "Scope: Design for print\nTerms: Net 30",
          default_credit_split_bp: 2000,
          starts_on: "2026-02-03",
          ends_on: null,
          proposer_signed: true,
          partner_signed: true,
          proposer_code_of_conduct_version: null,
        },
        {
          id: proposed,
          revision: 1,
          in_force_revision: null,
          status: "PENDING",
          earlier_terms: null,
          default_credit_split_bp: 0,
          starts_on: expect.any(String),
          ends_on: null,
          proposer_signed: true,
          partner_signed: false,
          proposer_code_of_conduct_version: null,
        },
      ]);
      // One pending revision per partnership, and terms end after they start.
      const revision2 = (status: string, endsOn: string) =>
        after.query(
          `INSERT INTO partnership_terms (partnership_id, revision, status, scope_accounts, scope_regions, scope_products, relationship,
             meetings_led_by, lead_sharing, known_problems, dispute_resolution, default_credit_split_bp, starts_on, ends_on, proposed_by_organization_id)
           VALUES ($1, 2, $2, 'a', 'r', 'p', 'RESELL', 'm', 'l', 'k', 'd', 0, '2026-05-01', $3, $4)`,
          [proposed, status, endsOn, acme],
        );
      await expect(revision2("PENDING", "2027-01-01")).rejects.toThrow(/unique|duplicate/);
      await expect(revision2("REPLACED", "2026-04-01")).rejects.toThrow(/check constraint/);

      await after.undoLastMigration({ transaction: "each" });
      expect(await after.query(`SELECT to_regclass('partnership_terms') AS a, to_regclass('code_of_conduct') AS b`)).toEqual([
        { a: null, b: null },
      ]);
      expect(
        await after.query(
          `SELECT scope, terms, default_revenue_split_bp, partner_signed_by_id IS NOT NULL AS signed FROM partnership WHERE id = $1`,
          [signed],
        ),
      ).toEqual([{ scope: "", terms: "Scope: Design for print\nTerms: Net 30", default_revenue_split_bp: 2000, signed: true }]);
    } finally {
      await after.destroy();
    }
  }, 90_000);
});

describe.each(databases)("RegistrationRules on %s", (_name, open) => {
  it("gives registrations approved before it the default 90-day window, admits EXPIRED, and goes back down cleanly", async () => {
    const { url, poolSize } = await open();
    const at = MIGRATIONS.indexOf(RegistrationRules1764800000003);
    const before = await dataSourceOn(url, MIGRATIONS.slice(0, at), poolSize);
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

    const after = await dataSourceOn(url, MIGRATIONS.slice(0, at + 1), poolSize);
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
