import type { NotificationKind } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { userSeesOpportunitySql } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import type { Outbox } from "../../db/transaction.js";
import { newId, toGlobalId } from "../../ids.js";
import { topics } from "../../realtime/bus.js";
import type { NotificationRow } from "./notification.types.js";

/** Who is told: named people, everyone in a room, or the managers and admins of organizations. */
export type Audience =
  { readonly users: readonly string[] } | { readonly roomMembersOf: string } | { readonly managersOf: readonly string[] };

export interface NotificationDraft {
  readonly kind: NotificationKind;
  readonly audience: Audience;
  /** Who caused it; never told of their own action. Null for the system or an API token. */
  readonly actorId: string | null;
  /** The name to show without an `actorId`: an API token's (`actorNameOf`); default "cosell" (the system). */
  readonly actorName?: string;
  /** The deal it is about: only people who may read it are told, and it names the deal in the text. */
  readonly opportunityId: string | null;
  /** The row it is about (activity, commitment, split, partnership, registration). */
  readonly subjectId: string | null;
  /** The text, given the actor's name (or "cosell" for the system) and the deal's title ("" without one). */
  say(names: { readonly actor: string; readonly deal: string }): string;
  /** Where the web app shows it; default: the deal's room. */
  readonly url?: string;
}

/** The bus message that carries a new notification to its recipient's `notificationAdded`. */
export interface NotificationMessage {
  readonly type: "notification";
  readonly notification: NotificationRow;
}

/** How an API token is named in a notification's text. */
export const tokenActorName = (tokenName: string): string => `${tokenName} (API token)`;

/** `actorName` for a viewer: an API token's name; none for a person (their name is read with the recipients). */
export const actorNameOf = (viewer: Viewer): string | undefined => (viewer.kind === "token" ? tokenActorName(viewer.tokenName) : undefined);

/** The web app's path to a deal's room. */
export const roomUrl = (opportunityId: string): string => `/room/${toGlobalId("Opportunity", opportunityId)}`;

/**
 * Tells the audience about something, inside the caller's transaction (so a rolled-back write tells
 * no one), and queues each new notification for its recipient's topic, published after COMMIT.
 * Leaves out the actor, deactivated people and, for a deal, everyone who may not read it. A
 * notification the unique index already holds (a commitment announced as due soon) is skipped.
 * Returns the recipients told.
 */
export async function notify(em: EntityManager, outbox: Outbox, draft: NotificationDraft): Promise<string[]> {
  const params: unknown[] = [draft.actorId, draft.opportunityId];
  const audience = audienceSql(draft.audience, params);
  const candidates: { id: string; actor: string | null; deal: string | null }[] = await em.query(
    `SELECT u.id, (SELECT a.name FROM app_user a WHERE a.id = $1::uuid) AS actor, o.title AS deal
       FROM app_user u LEFT JOIN opportunity o ON o.id = $2::uuid
      WHERE u.active AND u.id IS DISTINCT FROM $1::uuid AND ${audience}
        AND ($2::uuid IS NULL OR ${userSeesOpportunitySql()})`,
    params,
  );
  const first = candidates[0];
  if (!first) return [];
  const text = draft.say({ actor: first.actor ?? draft.actorName ?? "cosell", deal: first.deal ?? "" });
  const url = draft.url ?? (draft.opportunityId ? roomUrl(draft.opportunityId) : "/");
  const rows = await returning<NotificationRow>(
    em,
    `INSERT INTO notification (id, recipient_id, kind, opportunity_id, subject_id, actor_id, text, url, created_at)
     SELECT r.id, r.recipient, $3, $4::uuid, $5::uuid, $6::uuid, $7, $8, now()
       FROM unnest($1::uuid[], $2::uuid[]) AS r(id, recipient)
     ON CONFLICT DO NOTHING
     RETURNING id, recipient_id, kind, opportunity_id, subject_id, actor_id, text, url, created_at, read_at`,
    [
      candidates.map(() => newId()),
      candidates.map((c) => c.id),
      draft.kind,
      draft.opportunityId,
      draft.subjectId,
      draft.actorId,
      text,
      url,
    ],
  );
  for (const row of rows) {
    const message: NotificationMessage = { type: "notification", notification: row };
    outbox.publish(topics.notifications(row.recipient_id), message);
  }
  return rows.map((row) => row.recipient_id);
}

/** The audience as a condition on the user `u`; its values are appended to `params`. */
function audienceSql(audience: Audience, params: unknown[]): string {
  if ("users" in audience) {
    params.push([...audience.users]);
    return `u.id = ANY($${params.length}::uuid[])`;
  }
  if ("roomMembersOf" in audience) {
    params.push(audience.roomMembersOf);
    return `EXISTS (SELECT 1 FROM room_member m WHERE m.opportunity_id = $${params.length}::uuid AND m.user_id = u.id)`;
  }
  params.push([...audience.managersOf]);
  return `u.role IN ('MANAGER', 'ADMIN') AND u.organization_id = ANY($${params.length}::uuid[])`;
}

/** The first `max` characters of a text, on one line, with an ellipsis when cut. */
export function excerpt(text: string, max = 140): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
