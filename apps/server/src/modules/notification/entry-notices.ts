import { ActivityKind, NotificationKind } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import type { Outbox } from "../../db/transaction.js";
import { badInput } from "../../errors.js";
import { idOf } from "../../ids.js";
import type { Activity } from "../activity/activity.entity.js";
import { excerpt, notify, tokenActorName } from "./notify.js";
import type { Audience } from "./notify.js";

/** Tells the people a logged entry names, inside the entry's transaction. */
export type EntryNotices = (em: EntityManager, outbox: Outbox, activity: Activity) => Promise<void>;

/**
 * Who a logged entry tells, checked before anything is written: the room members it mentions
 * (MENTION), and for a HELP_REQUEST the people it is addressed to (the mentioned ones and the asked
 * firm's people in the room; without an addressee, the whole room). A mention of someone outside the
 * room, or a firm with nobody in it, is BAD_USER_INPUT. Null when the entry tells no one.
 */
export async function entryNotices(
  em: EntityManager,
  input: {
    readonly opportunityId: string;
    readonly kind: ActivityKind;
    readonly mentions?: readonly string[] | null;
    readonly askOrganizationId?: string | null;
  },
): Promise<EntryNotices | null> {
  const mentioned = await roomMembersNamed(em, input.opportunityId, input.mentions ?? []);
  const help = input.kind === ActivityKind.HELP_REQUEST;
  if (input.askOrganizationId != null && !help)
    throw badInput("askOrganizationId", "addresses a HELP_REQUEST; leave it out for other kinds");
  const asked = input.askOrganizationId != null ? await firmInRoom(em, input.opportunityId, input.askOrganizationId) : [];
  if (!help && mentioned.length === 0) return null;
  const addressed = [...new Set([...mentioned, ...asked])];
  const audience: Audience = help && addressed.length === 0 ? { roomMembersOf: input.opportunityId } : { users: addressed };
  return async (em, outbox, activity) => {
    const body = excerpt(activity.body ?? "");
    await notify(em, outbox, {
      kind: help ? NotificationKind.HELP_REQUEST : NotificationKind.MENTION,
      audience,
      actorId: activity.actorId,
      actorName: activity.apiTokenName ? tokenActorName(activity.apiTokenName) : undefined,
      opportunityId: activity.opportunityId,
      subjectId: activity.id,
      say: ({ actor, deal }) => (help ? `${actor} asks for help on “${deal}”: ${body}` : `${actor} mentioned you on “${deal}”: ${body}`),
    });
  };
}

/** The row ids of the mentioned users, all of whom must be members of the room. */
async function roomMembersNamed(em: EntityManager, opportunityId: string, globalIds: readonly string[]): Promise<string[]> {
  if (globalIds.length === 0) return [];
  const ids = globalIds.map((globalId) => idOf("User", globalId));
  const rows: { user_id: string }[] = await em.query(
    `SELECT user_id FROM room_member WHERE opportunity_id = $1 AND user_id = ANY($2::uuid[])`,
    [opportunityId, ids.filter((id): id is string => id !== null)],
  );
  const members = new Set(rows.map((row) => row.user_id));
  const outside = ids.findIndex((id) => id === null || !members.has(id));
  if (outside >= 0) throw badInput("mentions", `${globalIds[outside]} is not a member of this room; only room members can be mentioned`);
  return [...members];
}

/** The asked firm's people in the room; BAD_USER_INPUT when it has none there. */
async function firmInRoom(em: EntityManager, opportunityId: string, organizationGlobalId: string): Promise<string[]> {
  const organizationId = idOf("Organization", organizationGlobalId);
  const rows: { user_id: string }[] = organizationId
    ? await em.query(
        `SELECT m.user_id FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = $1 AND u.organization_id = $2`,
        [opportunityId, organizationId],
      )
    : [];
  if (rows.length === 0) throw badInput("askOrganizationId", "has nobody in this room; ask a firm with members here");
  return rows.map((row) => row.user_id);
}
