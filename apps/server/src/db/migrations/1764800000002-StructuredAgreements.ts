import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Structured partnership agreements.
 *
 * - `code_of_conduct`: the partner code of conduct, one row per published version, text included;
 *   version 1 is published here. Later versions are published by the platform
 *   (`publishCodeOfConduct`), never by a tenant.
 * - `partnership_terms`: every revision of a partnership's agreement, point by point, with each
 *   side's signature and the code-of-conduct version it accepted. `partnership.revision` is the
 *   newest revision, `partnership.in_force_revision` the one both sides signed last; at most one
 *   revision of a partnership is PENDING and one IN_FORCE.
 * - The free-text `scope` and `terms`, the split and the signatures move from `partnership` to
 *   revision 1 of each existing partnership. The text is kept as `earlier_terms`; points nobody
 *   wrote down stay empty and the end date unknown, so such terms are incomplete: they cannot be
 *   signed again before an amendment states every point.
 */
export class StructuredAgreements1764800000002 implements MigrationInterface {
  name = "StructuredAgreements1764800000002";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE code_of_conduct (
        version integer PRIMARY KEY CHECK (version > 0),
        title text NOT NULL,
        text text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO code_of_conduct (version, title, text) VALUES (1, $1, $2)`, [
      CODE_OF_CONDUCT_1.title,
      CODE_OF_CONDUCT_1.text,
    ]);
    await q.query(`
      CREATE TABLE partnership_terms (
        partnership_id uuid NOT NULL REFERENCES partnership(id),
        revision integer NOT NULL CHECK (revision > 0),
        status text NOT NULL CHECK (status IN ('PENDING', 'IN_FORCE', 'SUPERSEDED', 'REPLACED')),
        scope_accounts text NOT NULL,
        scope_regions text NOT NULL,
        scope_products text NOT NULL,
        relationship text NOT NULL CHECK (relationship IN ('REFERRAL', 'CO_SELL', 'RESELL')),
        meetings_led_by text NOT NULL,
        lead_sharing text NOT NULL,
        known_problems text NOT NULL,
        dispute_resolution text NOT NULL,
        default_credit_split_bp integer NOT NULL CHECK (default_credit_split_bp BETWEEN 0 AND 10000),
        starts_on date NOT NULL,
        ends_on date CHECK (ends_on > starts_on),
        earlier_terms text,
        proposed_by_id uuid REFERENCES app_user(id),
        proposed_by_organization_id uuid NOT NULL REFERENCES organization(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        proposer_signed_by_id uuid REFERENCES app_user(id),
        proposer_signed_at timestamptz,
        proposer_code_of_conduct_version integer REFERENCES code_of_conduct(version),
        partner_signed_by_id uuid REFERENCES app_user(id),
        partner_signed_at timestamptz,
        partner_code_of_conduct_version integer REFERENCES code_of_conduct(version),
        in_force_from timestamptz,
        PRIMARY KEY (partnership_id, revision),
        CHECK ((proposer_signed_by_id IS NULL) = (proposer_signed_at IS NULL)),
        CHECK ((partner_signed_by_id IS NULL) = (partner_signed_at IS NULL)),
        CHECK (status NOT IN ('IN_FORCE', 'SUPERSEDED') OR (proposer_signed_at IS NOT NULL AND partner_signed_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX partnership_terms_one_pending ON partnership_terms (partnership_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE UNIQUE INDEX partnership_terms_one_in_force ON partnership_terms (partnership_id) WHERE status = 'IN_FORCE'`);
    await q.query(`ALTER TABLE partnership ADD COLUMN revision integer NOT NULL DEFAULT 0, ADD COLUMN in_force_revision integer`);
    await q.query(`
      INSERT INTO partnership_terms (partnership_id, revision, status, scope_accounts, scope_regions, scope_products, relationship,
          meetings_led_by, lead_sharing, known_problems, dispute_resolution, default_credit_split_bp, starts_on, ends_on, earlier_terms,
          proposed_by_organization_id, proposed_at, proposer_signed_by_id, proposer_signed_at, partner_signed_by_id, partner_signed_at,
          in_force_from)
      SELECT id, 1, CASE WHEN proposer_signed_at IS NOT NULL AND partner_signed_at IS NOT NULL THEN 'IN_FORCE' ELSE 'PENDING' END,
             '', '', '', 'CO_SELL', '', '', '', '', COALESCE(default_revenue_split_bp, 0),
             COALESCE(GREATEST(proposer_signed_at, partner_signed_at), created_at)::date, NULL,
             NULLIF(concat_ws(E'\\n', NULLIF('Scope: ' || NULLIF(scope, ''), ''), NULLIF('Terms: ' || NULLIF(terms, ''), '')), ''),
             proposer_organization_id, created_at, proposer_signed_by_id, proposer_signed_at, partner_signed_by_id, partner_signed_at,
             CASE WHEN proposer_signed_at IS NOT NULL AND partner_signed_at IS NOT NULL THEN GREATEST(proposer_signed_at, partner_signed_at) END
        FROM partnership`);
    await q.query(`
      UPDATE partnership p SET revision = 1, in_force_revision = CASE WHEN t.status = 'IN_FORCE' THEN 1 END
        FROM partnership_terms t WHERE t.partnership_id = p.id`);
    await q.query(`
      ALTER TABLE partnership DROP COLUMN scope, DROP COLUMN terms, DROP COLUMN default_revenue_split_bp,
        DROP COLUMN code_of_conduct_accepted, DROP COLUMN proposer_signed_by_id, DROP COLUMN proposer_signed_at,
        DROP COLUMN partner_signed_by_id, DROP COLUMN partner_signed_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE partnership ADD COLUMN scope text NOT NULL DEFAULT '', ADD COLUMN terms text NOT NULL DEFAULT '',
        ADD COLUMN default_revenue_split_bp integer CHECK (default_revenue_split_bp BETWEEN 0 AND 10000),
        ADD COLUMN code_of_conduct_accepted boolean NOT NULL DEFAULT false,
        ADD COLUMN proposer_signed_by_id uuid REFERENCES app_user(id), ADD COLUMN proposer_signed_at timestamptz,
        ADD COLUMN partner_signed_by_id uuid REFERENCES app_user(id), ADD COLUMN partner_signed_at timestamptz`);
    // Each partnership gets back the revision in force (or its newest), as text.
    await q.query(`
      UPDATE partnership p
         SET scope = concat_ws('; ', NULLIF(t.scope_accounts, ''), NULLIF(t.scope_regions, ''), NULLIF(t.scope_products, '')),
             terms = COALESCE(t.earlier_terms, concat_ws(E'\\n', t.relationship, t.meetings_led_by, t.lead_sharing, t.known_problems, t.dispute_resolution)),
             default_revenue_split_bp = t.default_credit_split_bp,
             code_of_conduct_accepted = t.proposer_signed_at IS NOT NULL OR t.partner_signed_at IS NOT NULL,
             proposer_signed_by_id = t.proposer_signed_by_id, proposer_signed_at = t.proposer_signed_at,
             partner_signed_by_id = t.partner_signed_by_id, partner_signed_at = t.partner_signed_at
        FROM partnership_terms t
       WHERE t.partnership_id = p.id AND t.revision = COALESCE(p.in_force_revision, p.revision)`);
    await q.query(`ALTER TABLE partnership DROP COLUMN revision, DROP COLUMN in_force_revision`);
    await q.query(`DROP TABLE partnership_terms`);
    await q.query(`DROP TABLE code_of_conduct`);
  }
}

/** Version 1 of the partner code of conduct: one clause a paragraph, its heading first. */
const CODE_OF_CONDUCT_1 = {
  title: "cosell partner code of conduct",
  text: [
    "Customer first. We work each shared opportunity in the customer's interest. We make no promises to a customer on the partner's behalf, and we tell the customer who does what.",
    "Sharing leads. A lead we pass to a partner is one we may share: the customer expects the contact, and we say what we know about it, good and bad. A lead a partner passes to us is theirs to credit; we do not work it around them.",
    "Account control. The firm that owns an opportunity leads the customer relationship on it. A partner contacts that customer about the shared deal only as agreed in the room, and never uses the deal to win the account for itself.",
    "One record. What we agree, deliver or learn about a shared deal goes into the room's activity log. We keep no side agreements about a shared customer.",
    "Commitments. We take on commitments we can keep, deliver them by their due date and say early when we cannot. Our on-time rate is visible to our partners.",
    "Credit and disputes. Credit splits follow who did the work. We propose and approve splits in good faith and never hold an approval back to renegotiate terms. A disagreement about credit is raised in the room first, then between the two firms' managers, as the agreement says; until it is settled, the agreement's default split applies.",
    "Confidentiality. Customer data, prices and plans seen in a shared room are used only for that opportunity. They are not shared outside the room or used to compete for the same customer, and this continues after the partnership ends.",
    "Compliance. We follow the law and each firm's policies on anti-bribery, export control and data protection. No gifts or payments to win a customer's business.",
    "Ending the partnership. Either firm may terminate the partnership. Its people then lose write access to shared rooms; confidentiality continues.",
  ].join("\n\n"),
};
