import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Commitments are agreed, not imposed: one assigned to someone else starts PROPOSED until the
 * assignee (or a manager of their organization) accepts it (OPEN) or declines it with a reason
 * (DECLINED). Existing rows keep their status: they were made under the old rule, and their
 * accepted_at stays null (acceptance was not recorded then).
 */
export class CommitmentAcceptance1764500000002 implements MigrationInterface {
  name = "CommitmentAcceptance1764500000002";

  async up(q: QueryRunner): Promise<void> {
    // The unnamed column CHECK of Partnering1764300000000 got PostgreSQL's default name.
    await q.query(`ALTER TABLE commitment DROP CONSTRAINT commitment_status_check`);
    await q.query(`
      ALTER TABLE commitment
        ADD COLUMN accepted_at timestamptz,
        ADD COLUMN accepted_by_id uuid REFERENCES app_user(id),
        ADD COLUMN declined_at timestamptz,
        ADD COLUMN declined_by_id uuid REFERENCES app_user(id),
        ADD COLUMN decline_reason text,
        ADD CONSTRAINT commitment_status_check CHECK (status IN ('PROPOSED', 'OPEN', 'DONE', 'MISSED', 'CANCELLED', 'DECLINED')),
        ADD CONSTRAINT commitment_declined_with_reason CHECK (status <> 'DECLINED' OR (declined_at IS NOT NULL AND decline_reason IS NOT NULL AND btrim(decline_reason) <> ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Unanswered proposals become withdrawn, declined ones cancelled: the old rule had neither.
    await q.query(
      `UPDATE commitment SET status = 'CANCELLED', cancelled_at = coalesce(declined_at, now()) WHERE status IN ('PROPOSED', 'DECLINED')`,
    );
    await q.query(`ALTER TABLE commitment DROP CONSTRAINT commitment_declined_with_reason, DROP CONSTRAINT commitment_status_check`);
    await q.query(`
      ALTER TABLE commitment
        DROP COLUMN decline_reason, DROP COLUMN declined_by_id, DROP COLUMN declined_at,
        DROP COLUMN accepted_by_id, DROP COLUMN accepted_at,
        ADD CONSTRAINT commitment_status_check CHECK (status IN ('OPEN', 'DONE', 'MISSED', 'CANCELLED'))`);
  }
}
