import { WebhookEvent } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { writableOpportunitySql, writerFacts } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { leanEntity } from "../../db/lean.js";
import { preparedRows } from "../../db/prepared.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { isOutage } from "../../errors.js";
import { activityLogged, enqueueWebhookEvent, webhookWantsSql } from "../webhook/webhook.events.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import type { Activity } from "./activity.entity.js";
import { activityContent, chainHashSql } from "./audit-chain.js";
import { announce, rememberWrittenWith } from "./room-message.js";

/**
 * Group commit of the activity log: entries logged at about the same time (`logActivity` from many
 * clients) are written by one transaction, in one statement, instead of one transaction each.
 *
 * A batch's transaction first locks the opportunity rows of its rooms (in id order, so two batches
 * never wait on each other in a circle), then runs one statement that, for every entry, decides
 * whether its viewer may write the room (`writableOpportunitySql`, the policy's rule, read after
 * the lock: a member removed before the batch got the room is refused) and whether its
 * idempotency key was used there already, and inserts the accepted entries with consecutive seqs
 * per room and the hash chain continued through them (a recursive CTE), moving each room's head.
 * Webhook deliveries are queued in the same transaction; the room messages go out after COMMIT, and
 * only then is each caller answered. A batch that fails is split in halves and written again, so a
 * failing entry fails only itself.
 */

/** How a batch's entry ended. */
export type AppendOutcome =
  | { readonly kind: "written"; readonly activity: Activity }
  /** The viewer may not write the room (or there is no such room): nothing written. */
  | { readonly kind: "refused" }
  /** The room's log already has an entry with this idempotency key: nothing written. */
  | { readonly kind: "earlier"; readonly id: string };

export interface GroupCommitOptions {
  /** Most entries one transaction writes; more wait for the next. Default 200. */
  readonly maxEntries: number;
  /**
   * Batches being written at once (each holds a pool connection for its transaction); entries that
   * arrive meanwhile gather into the next batch. Default 4; 1 for a pool of one connection.
   */
  readonly maxInFlight: number;
}

export function groupCommitOptions(poolSize: number, overrides: Partial<GroupCommitOptions> = {}): GroupCommitOptions {
  return { maxEntries: 200, maxInFlight: Math.max(1, Math.min(4, Math.floor(poolSize / 2))), ...overrides };
}

interface Pending {
  readonly viewer: Viewer;
  /** The entry, complete but for seq, hash and actor organization. */
  readonly activity: Activity;
  /** The organization it is written for when the caller says (`attributedTo`); else the actor's, or the room's. */
  readonly organizationId: string | null;
  resolve(outcome: AppendOutcome): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private readonly queue: Pending[] = [];
  /** Keyed entries queued or being written, by room and key: a second one waits for the first. */
  private readonly keyed = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private scheduled = false;
  private counts = { batches: 0, entries: 0, largest: 0 };

  constructor(
    private readonly uow: UnitOfWork,
    private readonly options: GroupCommitOptions,
  ) {}

  /** Batches written and entries in them so far, and the largest batch (for tests and benchmarks). */
  get stats(): { readonly batches: number; readonly entries: number; readonly largest: number } {
    return { ...this.counts };
  }

  /**
   * Appends `activity` (without seq and hash) for `viewer`, with the next batch; resolves after the
   * batch has committed and its messages were published.
   */
  append(viewer: Viewer, activity: Activity, organizationId: string | null): Promise<AppendOutcome> {
    const key = activity.idempotencyKey === null ? null : `${activity.opportunityId}\n${activity.idempotencyKey}`;
    const earlier = key === null ? undefined : this.keyed.get(key);
    // Two entries with one key in one statement would both pass the check: the second waits.
    if (earlier) {
      const again = () => this.append(viewer, activity, organizationId);
      return earlier.then(again, again);
    }
    const outcome = new Promise<AppendOutcome>((resolve, reject) => {
      this.queue.push({ viewer, activity, organizationId, resolve, reject });
      this.schedule();
    });
    if (key !== null) {
      this.keyed.set(key, outcome);
      const done = () => void (this.keyed.get(key) === outcome && this.keyed.delete(key));
      outcome.then(done, done);
    }
    return outcome;
  }

  /** Entries that arrive in the same turn of the event loop (or while all batches are busy) go together. */
  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
        const batch = this.queue.splice(0, this.options.maxEntries);
        this.inFlight += 1;
        void this.write(batch).finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      }
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    let outcomes: AppendOutcome[];
    try {
      outcomes = await this.uow.run((em, outbox) => writeBatch(em, outbox, batch));
    } catch (error) {
      if (batch.length === 1 || isOutage(error)) {
        for (const entry of batch) entry.reject(error);
        return;
      }
      // One entry broke the statement (a constraint, say): halve until it stands alone.
      const half = Math.ceil(batch.length / 2);
      await this.write(batch.slice(0, half));
      await this.write(batch.slice(half));
      return;
    }
    this.counts.batches += 1;
    this.counts.entries += batch.length;
    this.counts.largest = Math.max(this.counts.largest, batch.length);
    batch.forEach((entry, i) => entry.resolve(outcomes[i]!));
  }
}

/** Writes a batch inside the caller's transaction; one outcome per entry, in order. */
async function writeBatch(em: EntityManager, outbox: Outbox, batch: readonly Pending[]): Promise<AppendOutcome[]> {
  const rooms = [...new Set(batch.map((p) => p.activity.opportunityId))].sort();
  // The rooms' rows, locked until COMMIT: every append to a room takes its row, so the statement
  // below (a new snapshot, in READ COMMITTED) sees each room's head and members as of now. JIT off
  // for the transaction: the planner's estimates for a large batch call for it, and compiling costs
  // seconds where running takes milliseconds.
  await preparedRows(
    em,
    `WITH locked AS (SELECT id FROM opportunity WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
     SELECT count(*) AS rooms, set_config('jit', 'off', true) AS jit FROM locked`,
    [rooms],
  );
  const facts = batch.map((p) => writerFacts(p.viewer));
  // The actor and the organization each entry is written for, read in the same statement: they
  // travel with the room message, so live subscribers need not read them again (see WrittenWith).
  const users = leanEntity(em.connection, User);
  const organizations = leanEntity(em.connection, Organization);
  const column = <T>(of: (p: Pending, i: number) => T): T[] => batch.map(of);
  const sql = `WITH RECURSIVE
     input AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
                            $10::text[], $11::text[], $12::timestamptz[], $13::text[], $14::uuid[], $15::uuid[], $16::boolean[], $17::boolean[], $18::boolean[])
         WITH ORDINALITY AS t(id, opportunity_id, kind, body, actor_id, given_org, api_token_id, api_token_name, data, changes, idempotency_key,
                              created_at, content, v_user, v_org, v_manager, v_token, v_token_writes, n)),
     judged AS (
       SELECT i.*, o.organization_id AS room_org,
              COALESCE(o.id IS NOT NULL AND ${writableOpportunitySql({ userId: "i.v_user", organizationId: "i.v_org", manager: "i.v_manager", token: "i.v_token", tokenWrites: "i.v_token_writes" })}, false) AS writable,
              (SELECT a.id FROM activity a WHERE a.opportunity_id = i.opportunity_id AND a.idempotency_key = i.idempotency_key) AS earlier_id
         FROM input i LEFT JOIN opportunity o ON o.id = i.opportunity_id),
     accepted AS (
       SELECT j.*, COALESCE(j.given_org, (SELECT u.organization_id FROM app_user u WHERE u.id = j.actor_id), j.room_org) AS actor_org,
              row_number() OVER (PARTITION BY j.opportunity_id ORDER BY j.n) AS k
         FROM judged j WHERE j.writable AND j.earlier_id IS NULL),
     chain (opportunity_id, k, seq, hash) AS (
       SELECT o.id, 0::bigint, o.last_activity_seq, o.last_activity_hash FROM opportunity o WHERE o.id IN (SELECT opportunity_id FROM accepted)
       UNION ALL
       SELECT c.opportunity_id, c.k + 1, c.seq + 1, ${chainHashSql("c.hash", "(c.seq + 1)", "a.actor_org", "a.content")}
         FROM chain c JOIN accepted a ON a.opportunity_id = c.opportunity_id AND a.k = c.k + 1),
     inserted AS (
       INSERT INTO activity (id, opportunity_id, seq, kind, body, actor_id, actor_organization_id, api_token_id, api_token_name, data, changes, idempotency_key, created_at, hash)
       SELECT a.id, a.opportunity_id, c.seq, a.kind, a.body, a.actor_id, a.actor_org, a.api_token_id, a.api_token_name, a.data::jsonb, a.changes::jsonb,
              a.idempotency_key, a.created_at, c.hash
         FROM accepted a JOIN chain c ON c.opportunity_id = a.opportunity_id AND c.k = a.k
       RETURNING id, seq, hash, actor_id, actor_organization_id),
     moved AS (
       UPDATE opportunity o SET last_activity_seq = head.seq, last_activity_hash = head.hash
         FROM (SELECT DISTINCT ON (opportunity_id) opportunity_id, seq, hash FROM chain ORDER BY opportunity_id, k DESC) head
        WHERE o.id = head.opportunity_id)
     SELECT ins.id IS NOT NULL AS written, j.writable, j.earlier_id, ins.seq, ins.hash, ins.actor_organization_id,
            ins.id IS NOT NULL AND ${webhookWantsSql("$19::text")} AS webhook,
            ${users.select("u", "u_")}, ${organizations.select("g", "g_")}
       FROM judged j LEFT JOIN inserted ins ON ins.id = j.id LEFT JOIN opportunity o ON o.id = j.opportunity_id
            LEFT JOIN app_user u ON u.id = ins.actor_id LEFT JOIN organization g ON g.id = ins.actor_organization_id
      ORDER BY j.n`;
  const params = [
    column((p) => p.activity.id),
    column((p) => p.activity.opportunityId),
    column((p) => p.activity.kind),
    column((p) => p.activity.body),
    column((p) => p.activity.actorId),
    column((p) => p.organizationId),
    column((p) => p.activity.apiTokenId),
    column((p) => p.activity.apiTokenName),
    column((p) => (p.activity.data === null ? null : JSON.stringify(p.activity.data))),
    column((p) => JSON.stringify(p.activity.changes)),
    column((p) => p.activity.idempotencyKey),
    column((p) => new Date(p.activity.createdAtDate).toISOString()),
    column((p) => activityContent(p.activity)),
    column((_, i) => facts[i]!.userId),
    column((_, i) => facts[i]!.organizationId),
    column((_, i) => facts[i]!.manager),
    column((_, i) => facts[i]!.token),
    column((_, i) => facts[i]!.tokenWrites),
    WebhookEvent.ACTIVITY_LOGGED,
  ];
  // Prepared (named after its text): planning this statement cost PostgreSQL more than running it.
  const rows = await preparedRows<
    {
      written: boolean;
      writable: boolean;
      earlier_id: string | null;
      seq: number | null;
      hash: string | null;
      actor_organization_id: string | null;
      webhook: boolean;
    } & Record<string, unknown>
  >(em, sql, params);
  const outcomes: AppendOutcome[] = [];
  for (const [i, pending] of batch.entries()) {
    const row = rows[i]!;
    if (!row.writable) outcomes.push({ kind: "refused" });
    else if (row.earlier_id !== null) outcomes.push({ kind: "earlier", id: row.earlier_id });
    else if (!row.written) throw new Error(`entry ${pending.activity.id} was accepted but not written`);
    else {
      const activity = Object.assign(pending.activity, { seq: row.seq!, hash: row.hash!, actorOrganizationId: row.actor_organization_id! });
      rememberWrittenWith(activity, {
        actor: row.u_id == null ? null : users.from([row], "u_")[0]!,
        actorOrganization: row.g_id == null ? null : organizations.from([row], "g_")[0]!,
      });
      if (row.webhook) await enqueueWebhookEvent(em, activityLogged(activity));
      announce(outbox, activity);
      outcomes.push({ kind: "written", activity });
    }
  }
  return outcomes;
}
