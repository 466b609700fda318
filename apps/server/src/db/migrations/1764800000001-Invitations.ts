import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Invitations to join an organization, and password resets, each a single-use link whose token is
 * stored only as its SHA-256. An invitation is accepted, and a reset used, by a conditional UPDATE
 * on that hash (not used, not revoked, not expired), so a link works once whatever the timing.
 * One open invitation per e-mail address (a partial unique index), and organization names are
 * unique whatever their case, so a partner firm invited by name is never a second firm of that name.
 */
export class Invitations1764800000001 implements MigrationInterface {
  name = "Invitations1764800000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX organization_name_key ON organization (lower(name))`);
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id),
        inviting_organization_id uuid NOT NULL REFERENCES organization(id),
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('REP', 'MANAGER', 'ADMIN')),
        token_hash text NOT NULL UNIQUE,
        invited_by_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES app_user(id),
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES app_user(id),
        CHECK (expires_at > created_at),
        CHECK (accepted_at IS NULL OR revoked_at IS NULL)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX invitation_open_email_key ON invitation (lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL`,
    );
    await q.query(`CREATE INDEX invitation_inviting_organization_idx ON invitation (inviting_organization_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE password_reset (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        token_hash text NOT NULL UNIQUE,
        issued_by_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX password_reset_user_open_idx ON password_reset (user_id) WHERE used_at IS NULL AND revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS password_reset`);
    await q.query(`DROP TABLE IF EXISTS invitation`);
    await q.query(`DROP INDEX IF EXISTS organization_name_key`);
  }
}
