import type { MigrationInterface, QueryRunner } from "typeorm";

/** API tokens, idempotency keys of create mutations, webhooks and their delivery queue (an outbox). */
export class PartnerApi1764400000000 implements MigrationInterface {
  name = "PartnerApi1764400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id),
        name text NOT NULL,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['READ', 'WRITE']::text[] AND cardinality(scopes) > 0),
        token_hash text NOT NULL UNIQUE,
        token_hint text NOT NULL,
        created_by_id uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by_id uuid REFERENCES app_user(id)
      )`);
    await q.query(`CREATE INDEX api_token_organization_idx ON api_token (organization_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE idempotency_key (
        organization_id uuid NOT NULL REFERENCES organization(id),
        operation text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        result_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, operation, key)
      )`);
    await q.query(`
      CREATE TABLE webhook (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization(id),
        url text NOT NULL,
        secret text NOT NULL,
        events text[] NOT NULL CHECK (events <@ ARRAY['ACTIVITY_LOGGED', 'STAGE_CHANGED', 'DEAL_WON']::text[] AND cardinality(events) > 0),
        created_by_id uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_organization_idx ON webhook (organization_id)`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhook(id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (webhook_id, event_id)
      )`);
    await q.query(`CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["webhook_delivery", "webhook", "idempotency_key", "api_token"]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
