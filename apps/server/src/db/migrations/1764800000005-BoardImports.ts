import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `board_change.kind` takes IMPORTED: one row for a whole CSV import (its last deal), so an open
 * board re-reads the list once instead of taking ten thousand CREATED changes one by one.
 */
export class BoardImports1764800000005 implements MigrationInterface {
  name = "BoardImports1764800000005";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE board_change DROP CONSTRAINT board_change_kind_check`);
    await q.query(`
      ALTER TABLE board_change ADD CONSTRAINT board_change_kind_check
        CHECK (kind IN ('CREATED', 'UPDATED', 'STAGE_MOVED', 'CLOSED', 'ACCESS_GAINED', 'ACCESS_LOST', 'IMPORTED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Kept as what the older kinds can say (a deal was opened), so no seq goes missing.
    await q.query(`UPDATE board_change SET kind = 'CREATED' WHERE kind = 'IMPORTED'`);
    await q.query(`ALTER TABLE board_change DROP CONSTRAINT board_change_kind_check`);
    await q.query(`
      ALTER TABLE board_change ADD CONSTRAINT board_change_kind_check
        CHECK (kind IN ('CREATED', 'UPDATED', 'STAGE_MOVED', 'CLOSED', 'ACCESS_GAINED', 'ACCESS_LOST'))`);
  }
}
