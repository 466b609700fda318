import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Split revisions side by side: a new proposal no longer deletes the lines it replaces. Lines and
 * approvals are keyed by revision, `split_revision` records who proposed each one and when it was
 * agreed or closed, and the split remembers the revision in force (`agreed_revision`), which is the
 * one that locks at CLOSED_WON. Existing lines and approvals become the split's current revision.
 */
export class SplitRevisions1764500000001 implements MigrationInterface {
  name = "SplitRevisions1764500000001";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE split_revision (
        split_id uuid NOT NULL REFERENCES credit_split(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        proposed_by_id uuid REFERENCES app_user(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        agreed_at timestamptz,
        -- Set when a newer revision replaced this one, or the deal was won while it was pending.
        closed_at timestamptz,
        PRIMARY KEY (split_id, revision)
      )`);
    await q.query(`
      INSERT INTO split_revision (split_id, revision, proposed_by_id, proposed_at, agreed_at)
      SELECT id, revision, proposed_by_id, proposed_at, CASE WHEN status IN ('AGREED', 'LOCKED') THEN coalesce(agreed_at, proposed_at) END FROM credit_split`);

    await q.query(`ALTER TABLE credit_split ADD COLUMN agreed_revision integer`);
    await q.query(`UPDATE credit_split SET agreed_revision = revision WHERE status IN ('AGREED', 'LOCKED')`);

    await q.query(`ALTER TABLE split_line ADD COLUMN revision integer`);
    await q.query(`UPDATE split_line l SET revision = s.revision FROM credit_split s WHERE s.id = l.split_id`);
    await q.query(`ALTER TABLE split_line ALTER COLUMN revision SET NOT NULL`);
    await q.query(`ALTER TABLE split_line DROP CONSTRAINT split_line_pkey`);
    await q.query(`ALTER TABLE split_line DROP CONSTRAINT split_line_split_id_user_id_type_key`);
    await q.query(`ALTER TABLE split_line ADD PRIMARY KEY (split_id, revision, position)`);
    await q.query(`ALTER TABLE split_line ADD CONSTRAINT split_line_revision_user_type_key UNIQUE (split_id, revision, user_id, type)`);
    await q.query(
      `ALTER TABLE split_line ADD CONSTRAINT split_line_revision_fkey FOREIGN KEY (split_id, revision) REFERENCES split_revision(split_id, revision) ON DELETE CASCADE`,
    );
    // The visibility rule asks "does this organization have a line in the revision in force?".
    await q.query(`CREATE INDEX split_line_organization_idx ON split_line (organization_id, split_id, revision)`);

    // Approvals were always of the current revision (a new proposal deleted them).
    await q.query(`UPDATE split_approval a SET revision = s.revision FROM credit_split s WHERE s.id = a.split_id`);
    await q.query(`ALTER TABLE split_approval DROP CONSTRAINT split_approval_pkey`);
    await q.query(`ALTER TABLE split_approval ADD PRIMARY KEY (split_id, revision, organization_id)`);
    await q.query(
      `ALTER TABLE split_approval ADD CONSTRAINT split_approval_revision_fkey FOREIGN KEY (split_id, revision) REFERENCES split_revision(split_id, revision) ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Keep only the current revision, as the old schema did.
    await q.query(`DELETE FROM split_line l USING credit_split s WHERE s.id = l.split_id AND l.revision <> s.revision`);
    await q.query(`DELETE FROM split_approval a USING credit_split s WHERE s.id = a.split_id AND a.revision <> s.revision`);
    await q.query(`ALTER TABLE split_approval DROP CONSTRAINT split_approval_revision_fkey`);
    await q.query(`ALTER TABLE split_approval DROP CONSTRAINT split_approval_pkey`);
    await q.query(`ALTER TABLE split_approval ADD PRIMARY KEY (split_id, organization_id)`);
    await q.query(`DROP INDEX IF EXISTS split_line_organization_idx`);
    await q.query(`ALTER TABLE split_line DROP CONSTRAINT split_line_revision_fkey`);
    await q.query(`ALTER TABLE split_line DROP CONSTRAINT split_line_revision_user_type_key`);
    await q.query(`ALTER TABLE split_line DROP CONSTRAINT split_line_pkey`);
    await q.query(`ALTER TABLE split_line ADD PRIMARY KEY (split_id, position)`);
    await q.query(`ALTER TABLE split_line ADD CONSTRAINT split_line_split_id_user_id_type_key UNIQUE (split_id, user_id, type)`);
    await q.query(`ALTER TABLE split_line DROP COLUMN revision`);
    await q.query(`ALTER TABLE credit_split DROP COLUMN agreed_revision`);
    await q.query(`DROP TABLE split_revision`);
  }
}
