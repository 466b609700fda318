import type { MigrationInterface, QueryRunner } from "typeorm";
import { activityContent, chainHash } from "../../modules/activity/audit-chain.js";
import type { StoredEntry } from "../../modules/activity/audit-chain.js";

/**
 * The audit trail finance relies on: every entry names the organization it was written for and the
 * API token it was written with, carries the old and new values of an edit, and is chained to the
 * previous entry of its room by hash. Existing entries are attributed (actor's organization, or the
 * opportunity's for the system) and chained in seq order.
 */
export class AuditTrail1764500000000 implements MigrationInterface {
  name = "AuditTrail1764500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunity ADD COLUMN last_activity_hash text NOT NULL DEFAULT ''`);
    await q.query(`
      ALTER TABLE activity
        ADD COLUMN actor_organization_id uuid REFERENCES organization(id),
        ADD COLUMN api_token_id uuid REFERENCES api_token(id),
        ADD COLUMN api_token_name text,
        ADD COLUMN changes jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN hash text`);
    // Entries are append-only; this one-time backfill is the exception.
    await q.query(`ALTER TABLE activity DISABLE TRIGGER activity_append_only`);
    await q.query(`
      UPDATE activity a SET actor_organization_id = COALESCE(
        (SELECT u.organization_id FROM app_user u WHERE u.id = a.actor_id),
        (SELECT o.organization_id FROM opportunity o WHERE o.id = a.opportunity_id))`);
    const rooms: { id: string }[] = await q.query(`SELECT id FROM opportunity ORDER BY id`);
    for (const room of rooms) {
      const rows: Row[] = await q.query(
        `SELECT id, opportunity_id, seq, kind, body, actor_id, actor_organization_id, data, created_at FROM activity WHERE opportunity_id = $1 ORDER BY seq`,
        [room.id],
      );
      let head = "";
      const ids: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const entry: StoredEntry = {
          id: row.id,
          opportunityId: row.opportunity_id,
          seq: row.seq,
          kind: row.kind,
          body: row.body,
          actorId: row.actor_id,
          actorOrganizationId: row.actor_organization_id,
          apiTokenId: null,
          apiTokenName: null,
          data: row.data,
          changes: [],
          createdAtDate: new Date(row.created_at),
          hash: "",
        };
        head = chainHash(head, entry.seq, entry.actorOrganizationId, activityContent(entry));
        ids.push(row.id);
        hashes.push(head);
      }
      if (ids.length === 0) continue;
      await q.query(`UPDATE activity a SET hash = h.hash FROM unnest($1::uuid[], $2::text[]) AS h(id, hash) WHERE a.id = h.id`, [
        ids,
        hashes,
      ]);
      await q.query(`UPDATE opportunity SET last_activity_hash = $2 WHERE id = $1`, [room.id, head]);
    }
    await q.query(`ALTER TABLE activity ENABLE TRIGGER activity_append_only`);
    await q.query(`ALTER TABLE activity ALTER COLUMN actor_organization_id SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity DISABLE TRIGGER activity_append_only`);
    await q.query(
      `ALTER TABLE activity DROP COLUMN hash, DROP COLUMN changes, DROP COLUMN api_token_name, DROP COLUMN api_token_id, DROP COLUMN actor_organization_id`,
    );
    await q.query(`ALTER TABLE activity ENABLE TRIGGER activity_append_only`);
    await q.query(`ALTER TABLE opportunity DROP COLUMN last_activity_hash`);
  }
}

interface Row {
  id: string;
  opportunity_id: string;
  seq: number;
  kind: string;
  body: string | null;
  actor_id: string | null;
  actor_organization_id: string;
  data: Record<string, string | number | boolean | null> | null;
  created_at: Date;
}
