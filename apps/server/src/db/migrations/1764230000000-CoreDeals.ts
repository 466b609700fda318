import type { MigrationInterface, QueryRunner } from "typeorm";

/** Organizations, users, accounts, opportunities with their rooms, the activity log and partnerships. */
export class CoreDeals1764230000000 implements MigrationInterface {
  name = "CoreDeals1764230000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('VENDOR', 'PARTNER')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id),
        name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('REP', 'MANAGER', 'ADMIN')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await q.query(`CREATE INDEX app_user_organization_idx ON app_user (organization_id)`);
    await q.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id),
        name text NOT NULL,
        domain text,
        normalized_domain text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_organization_idx ON account (organization_id, normalized_domain)`);
    await q.query(`
      CREATE TABLE opportunity (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES account(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        owner_id uuid NOT NULL REFERENCES app_user(id),
        title text NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency char(3) NOT NULL,
        stage text NOT NULL CHECK (stage IN ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST')),
        close_date date,
        version integer NOT NULL DEFAULT 1,
        last_activity_seq integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX opportunity_organization_idx ON opportunity (organization_id, id DESC)`);
    await q.query(`CREATE INDEX opportunity_account_idx ON opportunity (account_id)`);
    await q.query(`
      CREATE TABLE stage_change (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        from_stage text,
        to_stage text NOT NULL,
        changed_by_id uuid REFERENCES app_user(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stage_change_opportunity_idx ON stage_change (opportunity_id, at)`);
    await q.query(`
      CREATE TABLE room_member (
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        role text NOT NULL CHECK (role IN ('OWNER', 'PRODUCT_SPECIALIST', 'INDUSTRY_SPECIALIST', 'PARTNER_REP', 'OBSERVER')),
        access text NOT NULL CHECK (access IN ('READ', 'WRITE')),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (opportunity_id, user_id)
      )`);
    await q.query(`CREATE INDEX room_member_user_idx ON room_member (user_id)`);
    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunity(id),
        seq integer NOT NULL,
        kind text NOT NULL,
        body text,
        actor_id uuid REFERENCES app_user(id),
        data jsonb,
        idempotency_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (opportunity_id, seq)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX activity_idempotency_key ON activity (opportunity_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    // The log is append-only: corrections are new activities.
    await q.query(`
      CREATE FUNCTION activity_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'activity is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER activity_append_only BEFORE UPDATE OR DELETE ON activity
      FOR EACH ROW EXECUTE FUNCTION activity_is_append_only()`);
    await q.query(`
      CREATE TABLE partnership (
        id uuid PRIMARY KEY,
        proposer_organization_id uuid NOT NULL REFERENCES organization(id),
        partner_organization_id uuid NOT NULL REFERENCES organization(id),
        status text NOT NULL CHECK (status IN ('PROPOSED', 'SIGNED', 'TERMINATED')),
        scope text NOT NULL DEFAULT '',
        terms text NOT NULL DEFAULT '',
        default_revenue_split_bp integer CHECK (default_revenue_split_bp BETWEEN 0 AND 10000),
        code_of_conduct_accepted boolean NOT NULL DEFAULT false,
        proposer_signed_by_id uuid REFERENCES app_user(id),
        proposer_signed_at timestamptz,
        partner_signed_by_id uuid REFERENCES app_user(id),
        partner_signed_at timestamptz,
        terminated_by_id uuid REFERENCES app_user(id),
        terminated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (proposer_organization_id <> partner_organization_id)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX partnership_live_pair_key ON partnership (
        LEAST(proposer_organization_id, partner_organization_id),
        GREATEST(proposer_organization_id, partner_organization_id)
      ) WHERE status <> 'TERMINATED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["partnership", "activity", "room_member", "stage_change", "opportunity", "account", "app_user", "organization"]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS activity_is_append_only()`);
  }
}
