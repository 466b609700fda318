import { DealStage, WebhookEvent, formatMinor } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { organizationSeesOpportunitySql } from "../../auth/policy.js";
import { toGlobalId, newId } from "../../ids.js";
import type { Activity } from "../activity/activity.entity.js";

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
  const values = targets.map(
    (_, i) =>
      `($${i * 2 + 1}::uuid, $${i * 2 + 2}::uuid, $${targets.length * 2 + 1}::uuid, $${targets.length * 2 + 2}, $${targets.length * 2 + 3}, 'PENDING')`,
  );
  await em.query(`INSERT INTO webhook_delivery (id, webhook_id, event_id, event, body, status) VALUES ${values.join(", ")}`, [
    ...targets.flatMap((t) => [newId(), t.id]),
    payload.id,
    payload.type,
    body,
  ]);
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
  change: {
    opportunityId: string;
    fromStage: DealStage | null;
    toStage: DealStage;
    changedById: string | null;
    at: string;
    amountMinor: string;
    currency: string;
  },
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
    const split = await lockedSplitOf(em, change.opportunityId);
    await enqueueWebhookEvent(em, { type: WebhookEvent.DEAL_WON, opportunityId: change.opportunityId, at, data: { ...data, split } });
  }
}

/** A locked split line in DEAL_WON: who, how much of the credit, and the payout fixed at the win. */
export interface WonSplitLine {
  readonly userId: string;
  readonly userName: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly basisPoints: number;
  readonly type: string;
  readonly payout: { readonly amount: string; readonly currency: string };
}

/**
 * DEAL_WON's `split`: the split locked at the win (the revision in force), its lines with their
 * payouts; null when the deal was won without an agreed split (its payouts come later, in the
 * SPLIT_LOCKED activity). Read inside the stage move's transaction, after the split was locked.
 */
async function lockedSplitOf(
  em: EntityManager,
  opportunityId: string,
): Promise<{ id: string; revision: number; lines: WonSplitLine[] } | null> {
  const rows: {
    split_id: string;
    revision: number;
    user_id: string;
    user_name: string;
    organization_id: string;
    org_name: string;
    basis_points: number;
    type: string;
    payout_minor: string;
    payout_currency: string;
  }[] = await em.query(
    `SELECT s.id AS split_id, l.revision, l.user_id, u.name AS user_name, l.organization_id, o.name AS org_name, l.basis_points, l.type, l.payout_minor, l.payout_currency
         FROM credit_split s
         JOIN split_line l ON l.split_id = s.id AND l.revision = s.agreed_revision
         JOIN app_user u ON u.id = l.user_id JOIN organization o ON o.id = l.organization_id
        WHERE s.opportunity_id = $1 AND s.status = 'LOCKED'
        ORDER BY l.position`,
    [opportunityId],
  );
  const first = rows[0];
  if (!first) return null;
  return {
    id: toGlobalId("CreditSplit", first.split_id),
    revision: first.revision,
    lines: rows.map((r) => ({
      userId: toGlobalId("User", r.user_id),
      userName: r.user_name,
      organizationId: toGlobalId("Organization", r.organization_id),
      organizationName: r.org_name,
      basisPoints: r.basis_points,
      type: r.type,
      payout: { amount: formatMinor(BigInt(r.payout_minor), r.payout_currency), currency: r.payout_currency },
    })),
  };
}
