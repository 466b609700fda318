import type { MigrationInterface, QueryRunner } from "typeorm";

/** The partnering workflow: commitments, credit splits, SWOT assessments and deal registrations. */
export class Partnering1764300000000 implements MigrationInterface {
  name = "Partnering1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commitment (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        assignee_id uuid NOT NULL REFERENCES app_user(id),
        created_by_id uuid REFERENCES app_user(id),
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN', 'DONE', 'MISSED', 'CANCELLED')),
        completed_at timestamptz,
        missed_at timestamptz,
        cancelled_at timestamptz,
        cancelled_by_id uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commitment_opportunity_idx ON commitment (opportunity_id, due_at)`);
    await q.query(`CREATE INDEX commitment_assignee_idx ON commitment (assignee_id, status)`);
    // The sweep only ever looks at open commitments by due time.
    await q.query(`CREATE INDEX commitment_open_due_idx ON commitment (due_at) WHERE status = 'OPEN'`);
    // Answers point at their help request through data.requestId.
    await q.query(`CREATE INDEX activity_help_answer_idx ON activity (opportunity_id, (data->>'requestId')) WHERE kind = 'HELP_ANSWER'`);
    await q.query(`CREATE INDEX activity_actor_kind_idx ON activity (actor_id, kind)`);

    await q.query(`
      CREATE TABLE credit_split (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL UNIQUE REFERENCES opportunity(id),
        status text NOT NULL CHECK (status IN ('PROPOSED', 'AGREED', 'LOCKED')),
        revision integer NOT NULL DEFAULT 1,
        proposed_by_id uuid REFERENCES app_user(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        agreed_at timestamptz,
        locked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE split_line (
        split_id uuid NOT NULL REFERENCES credit_split(id) ON DELETE CASCADE,
        position integer NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        basis_points integer NOT NULL CHECK (basis_points BETWEEN 1 AND 10000),
        type text NOT NULL CHECK (type IN ('REVENUE', 'OVERLAY')),
        payout_minor bigint,
        payout_currency char(3),
        PRIMARY KEY (split_id, position),
        UNIQUE (split_id, user_id, type)
      )`);
    await q.query(`
      CREATE TABLE split_approval (
        split_id uuid NOT NULL REFERENCES credit_split(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization(id),
        revision integer NOT NULL,
        approved_by_id uuid NOT NULL REFERENCES app_user(id),
        approved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (split_id, organization_id)
      )`);

    await q.query(`
      CREATE TABLE assessment (
        organization_id uuid PRIMARY KEY REFERENCES organization(id),
        updated_by_id uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE assessment_item (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES assessment(organization_id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('STRENGTH', 'WEAKNESS', 'OPPORTUNITY', 'THREAT')),
        description text NOT NULL,
        capabilities text[] NOT NULL DEFAULT '{}',
        industries text[] NOT NULL DEFAULT '{}',
        UNIQUE (organization_id, position)
      )`);
    await q.query(`CREATE INDEX assessment_item_kind_idx ON assessment_item (kind, organization_id)`);

    await q.query(`
      CREATE TABLE deal_registration (
        id uuid PRIMARY KEY,
        vendor_organization_id uuid NOT NULL REFERENCES organization(id),
        registrant_id uuid NOT NULL REFERENCES app_user(id),
        registrant_organization_id uuid NOT NULL REFERENCES organization(id),
        account_name text NOT NULL,
        account_domain text NOT NULL,
        normalized_domain text NOT NULL,
        title text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency char(3) NOT NULL,
        close_date date,
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        reviewed_by_id uuid REFERENCES app_user(id),
        reviewed_at timestamptz,
        review_reason text,
        override_reason text,
        opportunity_id uuid REFERENCES opportunity(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (vendor_organization_id <> registrant_organization_id)
      )`);
    await q.query(`CREATE INDEX deal_registration_vendor_idx ON deal_registration (vendor_organization_id, status)`);
    await q.query(`CREATE INDEX deal_registration_registrant_idx ON deal_registration (registrant_organization_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      "deal_registration",
      "assessment_item",
      "assessment",
      "split_approval",
      "split_line",
      "credit_split",
      "commitment",
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP INDEX IF EXISTS activity_help_answer_idx`);
    await q.query(`DROP INDEX IF EXISTS activity_actor_kind_idx`);
  }
}
