import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Server-side sessions: a session token names its row (`sid`), and every request is judged by that
 * row and the user's row (organization, role, `active`), not by what the token claims. Ending a
 * session sets `revoked_at`; `last_seen_at` is refreshed at most once a minute.
 */
export class Sessions1764600000001 implements MigrationInterface {
  name = "Sessions1764600000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_at > created_at)
      )`);
    // "Sign out everywhere" ends a user's live sessions.
    await q.query(`CREATE INDEX session_user_live_idx ON session (user_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS session`);
    await q.query(`ALTER TABLE app_user DROP COLUMN IF EXISTS active`);
  }
}
