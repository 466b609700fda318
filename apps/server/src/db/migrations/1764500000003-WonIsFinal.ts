import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Stage moves get a system-wide number in commit order (`stage_change.seq`, allocated from the
 * one-row `stage_change_counter` under its row lock), so `dealStageChanged` can resume from a
 * cursor; and the amount the deal had when it moved, which the minimum-amount filter reads.
 * Existing moves are numbered in time order and take the opportunity's amount of today.
 */
export class WonIsFinal1764500000003 implements MigrationInterface {
  name = "WonIsFinal1764500000003";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stage_change ADD COLUMN seq bigint, ADD COLUMN amount_minor bigint, ADD COLUMN currency char(3)`);
    await q.query(`
      UPDATE stage_change s SET seq = n.seq, amount_minor = o.amount_minor, currency = o.currency
        FROM (SELECT id, row_number() OVER (ORDER BY at, id) AS seq FROM stage_change) n, opportunity o
       WHERE n.id = s.id AND o.id = s.opportunity_id`);
    await q.query(
      `ALTER TABLE stage_change ALTER COLUMN seq SET NOT NULL, ALTER COLUMN amount_minor SET NOT NULL, ALTER COLUMN currency SET NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX stage_change_seq_idx ON stage_change (seq)`);
    await q.query(`
      CREATE TABLE stage_change_counter (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        last_seq bigint NOT NULL
      )`);
    await q.query(`INSERT INTO stage_change_counter (id, last_seq) SELECT true, coalesce(max(seq), 0) FROM stage_change`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS stage_change_counter`);
    await q.query(`DROP INDEX IF EXISTS stage_change_seq_idx`);
    await q.query(`ALTER TABLE stage_change DROP COLUMN IF EXISTS seq, DROP COLUMN IF EXISTS amount_minor, DROP COLUMN IF EXISTS currency`);
  }
}
