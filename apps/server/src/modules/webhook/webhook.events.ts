import { DealStage, WebhookEvent } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { visibleOpportunitySql } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { toGlobalId, newId } from "../../ids.js";
import type { Activity } from "../activity/activity.entity.js";
import { formatMinor } from "../opportunity/money.js";

/** The JSON body of every delivery. `id` is the event's: the same on every retry, for de-duplication. */
export interface WebhookPayload {
  readonly id: string;
  readonly type: WebhookEvent;
  /** When the event happened (ISO 8601). */
  readonly createdAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What one event is about: the opportunity decides who may hear of it. */
export interface WebhookEventInput {
  readonly type: WebhookEvent;
  readonly opportunityId: string;
  readonly at: Date;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Queues an event for every webhook that subscribed to it and whose organization may see the
 * opportunity, inside the caller's transaction: the deliveries commit (or roll back) with the event
 * itself, and survive restarts. Visibility is the policy's own rule, asked for a token-like viewer
 * of each webhook's organization.
 */
export async function enqueueWebhookEvent(em: EntityManager, event: WebhookEventInput): Promise<void> {
  const hooks: { id: string; organization_id: string }[] = await em.query(`SELECT id, organization_id FROM webhook WHERE $1 = ANY(events)`, [event.type]);
  if (hooks.length === 0) return;
  const allowed = new Set<string>();
  for (const organizationId of new Set(hooks.map((h) => h.organization_id))) {
    const viewer: Viewer = { kind: "token", tokenId: "webhook", organizationId, scopes: ["READ"] };
    const visible = visibleOpportunitySql(viewer, 1);
    const rows: unknown[] = await em.query(`SELECT 1 FROM opportunity o WHERE o.id = $${visible.params.length + 1} AND ${visible.sql}`, [
      ...visible.params,
      event.opportunityId,
    ]);
    if (rows.length > 0) allowed.add(organizationId);
  }
  const targets = hooks.filter((h) => allowed.has(h.organization_id));
  if (targets.length === 0) return;
  const payload: WebhookPayload = { id: newId(), type: event.type, createdAt: event.at.toISOString(), data: event.data };
  const body = JSON.stringify(payload);
  const values = targets.map((_, i) => `($${i * 2 + 1}::uuid, $${i * 2 + 2}::uuid, $${targets.length * 2 + 1}::uuid, $${targets.length * 2 + 2}, $${targets.length * 2 + 3}, 'PENDING')`);
  await em.query(
    `INSERT INTO webhook_delivery (id, webhook_id, event_id, event, body, status) VALUES ${values.join(", ")}`,
    [...targets.flatMap((t) => [newId(), t.id]), payload.id, payload.type, body],
  );
}

/** ACTIVITY_LOGGED: every entry appended to a room's log. */
export function activityLogged(activity: Activity): WebhookEventInput {
  return {
    type: WebhookEvent.ACTIVITY_LOGGED,
    opportunityId: activity.opportunityId,
    at: new Date(activity.createdAtDate),
    data: {
      opportunityId: toGlobalId("Opportunity", activity.opportunityId),
      activity: {
        id: activity.globalId,
        seq: activity.seq,
        cursor: activity.cursor,
        kind: activity.kind,
        body: activity.body,
        actorId: activity.actorId ? toGlobalId("User", activity.actorId) : null,
        createdAt: activity.createdAt,
      },
    },
  };
}

/** STAGE_CHANGED for every move, and DEAL_WON as well when the move is to CLOSED_WON. */
export async function enqueueStageChange(
  em: EntityManager,
  change: { opportunityId: string; fromStage: DealStage | null; toStage: DealStage; changedById: string | null; at: string; amountMinor: string; currency: string },
): Promise<void> {
  const data = {
    opportunityId: toGlobalId("Opportunity", change.opportunityId),
    fromStage: change.fromStage,
    toStage: change.toStage,
    changedById: change.changedById ? toGlobalId("User", change.changedById) : null,
    at: change.at,
    amount: { amount: formatMinor(BigInt(change.amountMinor), change.currency), currency: change.currency },
  };
  const at = new Date(change.at);
  await enqueueWebhookEvent(em, { type: WebhookEvent.STAGE_CHANGED, opportunityId: change.opportunityId, at, data });
  if (change.toStage === DealStage.CLOSED_WON) {
    await enqueueWebhookEvent(em, { type: WebhookEvent.DEAL_WON, opportunityId: change.opportunityId, at, data });
  }
}
