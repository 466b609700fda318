import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Deal registration rules: each vendor's protection window (days an approved registration protects
 * the partner's claim), the registration's protected-until time and EXPIRED status, attachments kept
 * in the database (bytea, so the embedded store and PostgreSQL hold them alike), and per-partner
 * auto-approval rules. Registrations approved before this migration get the default 90-day window
 * from their review time.
 */
export class RegistrationRules1764800000003 implements MigrationInterface {
  name = "RegistrationRules1764800000003";

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE organization ADD COLUMN registration_protection_days integer NOT NULL DEFAULT 90
         CONSTRAINT organization_registration_protection_days_check CHECK (registration_protection_days BETWEEN 1 AND 3650)`,
    );
    await q.query(`ALTER TABLE deal_registration DROP CONSTRAINT deal_registration_status_check`);
    await q.query(
      `ALTER TABLE deal_registration ADD CONSTRAINT deal_registration_status_check
         CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'))`,
    );
    await q.query(`
      ALTER TABLE deal_registration
        ADD COLUMN protected_until timestamptz,
        ADD COLUMN expired_at timestamptz,
        ADD COLUMN auto_approved boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE deal_registration SET protected_until = coalesce(reviewed_at, created_at) + interval '90 days' WHERE status = 'APPROVED'`,
    );
    // Conflicts between registrations are looked up by account domain among the live ones.
    await q.query(
      `CREATE INDEX deal_registration_domain_idx ON deal_registration (vendor_organization_id, normalized_domain)
         WHERE status IN ('PENDING', 'APPROVED')`,
    );
    await q.query(`CREATE INDEX deal_registration_protected_idx ON deal_registration (protected_until) WHERE status = 'APPROVED'`);
    await q.query(`
      CREATE TABLE registration_attachment (
        id uuid PRIMARY KEY,
        registration_id uuid NOT NULL REFERENCES deal_registration(id) ON DELETE CASCADE,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        content bytea NOT NULL,
        uploaded_by_id uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX registration_attachment_registration_idx ON registration_attachment (registration_id, created_at)`);
    await q.query(`
      CREATE TABLE registration_auto_approval (
        vendor_organization_id uuid NOT NULL REFERENCES organization(id),
        partner_organization_id uuid NOT NULL REFERENCES organization(id),
        enabled boolean NOT NULL,
        max_amount_minor bigint NOT NULL CHECK (max_amount_minor >= 0),
        currency char(3) NOT NULL,
        require_no_conflict boolean NOT NULL DEFAULT true,
        owner_id uuid NOT NULL REFERENCES app_user(id),
        set_by_id uuid REFERENCES app_user(id),
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vendor_organization_id, partner_organization_id),
        CHECK (vendor_organization_id <> partner_organization_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS registration_auto_approval`);
    await q.query(`DROP TABLE IF EXISTS registration_attachment`);
    await q.query(`DROP INDEX IF EXISTS deal_registration_protected_idx`);
    await q.query(`DROP INDEX IF EXISTS deal_registration_domain_idx`);
    await q.query(`ALTER TABLE deal_registration DROP COLUMN IF EXISTS auto_approved`);
    await q.query(`ALTER TABLE deal_registration DROP COLUMN IF EXISTS expired_at`);
    await q.query(`ALTER TABLE deal_registration DROP COLUMN IF EXISTS protected_until`);
    // An expired registration was approved once: that is what it becomes again.
    await q.query(`UPDATE deal_registration SET status = 'APPROVED' WHERE status = 'EXPIRED'`);
    await q.query(`ALTER TABLE deal_registration DROP CONSTRAINT deal_registration_status_check`);
    await q.query(
      `ALTER TABLE deal_registration ADD CONSTRAINT deal_registration_status_check CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED'))`,
    );
    await q.query(`ALTER TABLE organization DROP COLUMN IF EXISTS registration_protection_days`);
  }
}
