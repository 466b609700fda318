import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Private account mapping between two partner firms, and co-sell requests.
 *
 * - `account_mapping`: each side's opt-in per partnership and its default reveal level. Matching
 *   runs only while both sides' rows say `enabled` and the partnership is SIGNED; an opt-out is one
 *   UPDATE of the opting-out side's row and deletes nothing of the other side's.
 * - `account_reveal`: what one side shows the other about one of its accounts (by normalized domain,
 *   the key accounts are matched on), overriding its default.
 * - `co_sell_request`: a rep's request to the partner firm about an account both have; answered once
 *   (the conditional UPDATE … WHERE status = 'PENDING' of answerCoSellRequest). At most one request
 *   per firm, partner and account is pending at a time. `opened_opportunity` says whether accepting
 *   it opened its opportunity (which the requester's firm then sourced) or joined one already open.
 */
export class AccountMapping1764700000007 implements MigrationInterface {
  name = "AccountMapping1764700000007";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_mapping (
        partnership_id uuid NOT NULL REFERENCES partnership(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        enabled boolean NOT NULL,
        default_level text NOT NULL DEFAULT 'NONE' CHECK (default_level IN ('NONE', 'NAME', 'DEAL')),
        updated_by_id uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, organization_id)
      )`);
    await q.query(`
      CREATE TABLE account_reveal (
        partnership_id uuid NOT NULL REFERENCES partnership(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        normalized_domain text NOT NULL,
        level text NOT NULL CHECK (level IN ('NONE', 'NAME', 'DEAL')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, organization_id, normalized_domain)
      )`);
    await q.query(`
      CREATE TABLE co_sell_request (
        id uuid PRIMARY KEY,
        partnership_id uuid NOT NULL REFERENCES partnership(id),
        requester_id uuid NOT NULL REFERENCES app_user(id),
        requester_organization_id uuid NOT NULL REFERENCES organization(id),
        recipient_organization_id uuid NOT NULL REFERENCES organization(id),
        normalized_domain text NOT NULL,
        message text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
        answered_by_id uuid REFERENCES app_user(id),
        answered_at timestamptz,
        reason text,
        opportunity_id uuid REFERENCES opportunity(id),
        opened_opportunity boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (requester_organization_id <> recipient_organization_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX co_sell_request_pending_once ON co_sell_request (requester_organization_id, recipient_organization_id, normalized_domain) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX co_sell_request_requester_idx ON co_sell_request (requester_organization_id, id DESC)`);
    await q.query(`CREATE INDEX co_sell_request_recipient_idx ON co_sell_request (recipient_organization_id, id DESC)`);
    await q.query(`CREATE INDEX co_sell_request_opportunity_idx ON co_sell_request (opportunity_id) WHERE opportunity_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS co_sell_request`);
    await q.query(`DROP TABLE IF EXISTS account_reveal`);
    await q.query(`DROP TABLE IF EXISTS account_mapping`);
  }
}
