import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The pre-opportunity meeting and the outline published after it.
 *
 * - `meeting`: a room's meeting, its time in UTC, length and agenda; `sequence` is the iCalendar
 *   SEQUENCE, bumped by every reschedule and by the cancellation, so calendars replace the event.
 * - `meeting_attendee`: who is invited, in the order given; written by one INSERT … SELECT from
 *   `room_member`, so only people in the room at that moment can be invited.
 * - `outline`: a published snapshot of the room's plan (each firm's accepted commitments, the agreed
 *   split, the partnership scopes) as JSON, versioned 1, 2, 3… per room with no gap: the version
 *   comes from `opportunity.last_outline_version`, moved by an UPDATE that locks the room's row.
 *   `parties` are the firms whose manager signs it (those with people in the room when published).
 * - `outline_signature`: one per firm and version; the primary key makes a second signature of the
 *   same firm impossible, whoever races.
 */
export class Meetings1764800000004 implements MigrationInterface {
  name = "Meetings1764800000004";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        organizer_id uuid NOT NULL REFERENCES app_user(id),
        starts_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
        agenda text NOT NULL,
        sequence integer NOT NULL DEFAULT 0,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX meeting_opportunity_idx ON meeting (opportunity_id, starts_at)`);
    await q.query(`
      CREATE TABLE meeting_attendee (
        meeting_id uuid NOT NULL REFERENCES meeting(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        position integer NOT NULL,
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`ALTER TABLE opportunity ADD COLUMN last_outline_version integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE outline (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        version integer NOT NULL CHECK (version > 0),
        published_by_id uuid REFERENCES app_user(id),
        published_by_organization_id uuid NOT NULL REFERENCES organization(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        content jsonb NOT NULL,
        parties uuid[] NOT NULL,
        UNIQUE (opportunity_id, version)
      )`);
    await q.query(`
      CREATE TABLE outline_signature (
        outline_id uuid NOT NULL REFERENCES outline(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        signed_by_id uuid NOT NULL REFERENCES app_user(id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (outline_id, organization_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outline_signature`);
    await q.query(`DROP TABLE outline`);
    await q.query(`ALTER TABLE opportunity DROP COLUMN last_outline_version`);
    await q.query(`DROP TABLE meeting_attendee`);
    await q.query(`DROP TABLE meeting`);
  }
}
