import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The inbox: one row per person told about something (`NotificationKind`), written in the same
 * transaction as the write that caused it; read or not per person (`read_at`). A commitment is
 * announced as due soon at most once per assignee (the partial unique index the sweep's INSERT …
 * ON CONFLICT DO NOTHING relies on). Each person may turn the daily e-mail digest off
 * (`email_digest`); `digest_sent_at` remembers the last one, claimed with a conditional UPDATE so
 * two instances or a restart never send a day's digest twice.
 */
export class Notifications1764700000002 implements MigrationInterface {
  name = "Notifications1764700000002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        recipient_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL,
        opportunity_id uuid REFERENCES opportunity(id),
        subject_id uuid,
        actor_id uuid REFERENCES app_user(id),
        text text NOT NULL,
        url text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CHECK (actor_id IS NULL OR actor_id <> recipient_id)
      )`);
    // The inbox, newest first (UUIDv7 ids are time-ordered), and its unread count.
    await q.query(`CREATE INDEX notification_recipient_idx ON notification (recipient_id, id DESC)`);
    await q.query(`CREATE INDEX notification_unread_idx ON notification (recipient_id) WHERE read_at IS NULL`);
    await q.query(
      `CREATE UNIQUE INDEX notification_due_soon_once ON notification (recipient_id, subject_id) WHERE kind = 'COMMITMENT_DUE_SOON'`,
    );
    await q.query(`ALTER TABLE app_user ADD COLUMN email_digest boolean NOT NULL DEFAULT true, ADD COLUMN digest_sent_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN IF EXISTS digest_sent_at, DROP COLUMN IF EXISTS email_digest`);
    await q.query(`DROP TABLE IF EXISTS notification`);
  }
}
