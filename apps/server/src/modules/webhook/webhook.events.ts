import { DealStage, WebhookEvent } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { organizationSeesOpportunitySql } from "../../auth/policy.js";
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
 * itself, and survive restarts. Visibility is the policy's own rule: what a token of the webhook's
 * organization may see.
 */
export async function enqueueWebhookEvent(em: EntityManager, event: WebhookEventInput): Promise<void> {
  const targets: { id: string }[] = await em.query(
    `SELECT w.id FROM webhook w JOIN opportunity o ON o.id = $2 WHERE $1 = ANY(w.events) AND ${organizationSeesOpportunitySql("w.organization_id")}`,
    [event.type, event.opportunityId],
  );
  if (targets.length === 0) return;
  const payload: WebhookPayload = { id: newId(), type: event.type, createdAt: event.at.toISOString(), data: event.data };
  const body = JSON.stringify(payload);
  const values = targets.map((_, i) => `($${i * 2 + 1}::uuid, $${i * 2 + 2}::uuid, $${targets.length * 2 + 1}::uuid, $${targets.length * 2 + 2}, $${targets.length * 2 + 3}, 'PENDING')`);
  await em.query(
    `INSERT INTO webhook_delivery (id, webhook_id, event_id, event, body, status) VALUES ${values.join(", ")}`,
    [...targets.flatMap((t) => [newId(), t.id]), payload.id, payload.type, body],
  );
}

/**
 * A SQL condition, on an opportunity aliased `o`, that holds when some webhook subscribed to `event`
 * (a placeholder or literal) would be told of that opportunity: the same test as `enqueueWebhookEvent`.
 */
export function webhookWantsSql(event: string): string {
  return `EXISTS (SELECT 1 FROM webhook w WHERE ${event} = ANY(w.events) AND ${organizationSeesOpportunitySql("w.organization_id")})`;
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
        actorOrganizationId: toGlobalId("Organization", activity.actorOrganizationId),
        apiTokenName: activity.apiTokenName,
        changes: activity.changes,
        createdAt: activity.createdAt,
        hash: activity.hash,
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
