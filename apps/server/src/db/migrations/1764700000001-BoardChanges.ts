import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The `board_change` log behind `boardChanged`: one row per thing a board must learn about an
 * opportunity (opened, edited, moved, closed, someone gaining or losing sight of it), numbered
 * system-wide in commit order from the one-row `board_change_counter` (locked until COMMIT, like
 * `stage_change_counter`), so a subscriber resumes from a cursor without a gap or a duplicate.
 * A row with an audience (a user, or an organization's API tokens) is news for that audience only.
 */
export class BoardChanges1764700000001 implements MigrationInterface {
  name = "BoardChanges1764700000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE board_change (
        seq bigint PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        kind text NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'STAGE_MOVED', 'CLOSED', 'ACCESS_GAINED', 'ACCESS_LOST')),
        audience_user_id uuid REFERENCES app_user(id),
        audience_organization_id uuid REFERENCES organization(id),
        fields text[] NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind IN ('ACCESS_GAINED', 'ACCESS_LOST')) = (audience_user_id IS NOT NULL OR audience_organization_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX board_change_opportunity_idx ON board_change (opportunity_id)`);
    await q.query(`
      CREATE TABLE board_change_counter (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last_seq bigint NOT NULL
      )`);
    await q.query(`INSERT INTO board_change_counter (id, last_seq) VALUES (true, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS board_change_counter`);
    await q.query(`DROP TABLE IF EXISTS board_change`);
  }
}
