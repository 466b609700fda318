import { NotificationKind } from "@cosell/schema";
import { Extensions, Field, ID, Int, ObjectType } from "type-graphql";
import { PAGE_SIZED, maxItems } from "../../limits/bounds.js";
import { toGlobalId } from "../../ids.js";
import type { NodeType } from "../../ids.js";
import { PageInfo } from "../../paging.js";

/** Notifications one `markNotificationsRead` may name. */
export const MARK_READ_MAX = 100;

/** A `notification` row as SQL returns it (and as the bus carries it, dates then as strings). */
export interface NotificationRow {
  readonly id: string;
  readonly recipient_id: string;
  readonly kind: NotificationKind;
  readonly opportunity_id: string | null;
  readonly subject_id: string | null;
  readonly actor_id: string | null;
  readonly text: string;
  readonly url: string;
  readonly created_at: Date | string;
  readonly read_at: Date | string | null;
}

/** What each kind's `subjectId` names. */
const SUBJECT_TYPES: Readonly<Record<NotificationKind, NodeType>> = {
  MENTION: "Activity",
  HELP_REQUEST: "Activity",
  COMMITMENT_PROPOSED: "Commitment",
  COMMITMENT_DUE_SOON: "Commitment",
  COMMITMENT_MISSED: "Commitment",
  SPLIT_AWAITING_APPROVAL: "CreditSplit",
  PARTNERSHIP_AWAITING_SIGNATURE: "Partnership",
  REGISTRATION_AWAITING_REVIEW: "DealRegistration",
  REGISTRATION_EXPIRED: "DealRegistration",
  DEAL_WON: "Opportunity",
  DEAL_LOST: "Opportunity",
  COSELL_REQUEST_RECEIVED: "CoSellRequest",
  COSELL_REQUEST_ANSWERED: "CoSellRequest",
  OUTLINE_AWAITING_SIGNATURE: "Outline",
};

@ObjectType({ description: "Something that needs you, in your inbox; only you read it or mark it read." })
export class Notification {
  @Field(() => ID, { name: "id", description: "Opaque global id." })
  globalId!: string;

  id!: string;

  recipientId!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => String, { description: "What happened, in one sentence, for display." })
  text!: string;

  @Field(() => String, { description: "The web app's path to its place: the deal's room (`/room/<id>`) or `/partners`." })
  url!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The opportunity it is about (its global id); `opportunity` resolves it while you may still read it.",
  })
  opportunityId!: string | null;

  opportunityRowId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The global id of what it is about: the Activity (MENTION, HELP_REQUEST), Commitment, CreditSplit, Partnership, DealRegistration, CoSellRequest, or the Opportunity (DEAL_WON, DEAL_LOST).",
  })
  subjectId!: string | null;

  actorRowId!: string | null;

  @Field(() => String, { description: "ISO 8601 time." })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: "When you marked it read (ISO 8601); null while unread." })
  readAt!: string | null;

  @Field(() => Boolean)
  get read(): boolean {
    return this.readAt !== null;
  }

  static fromRow(row: NotificationRow): Notification {
    return Object.assign(new Notification(), {
      globalId: toGlobalId("Notification", row.id),
      id: row.id,
      recipientId: row.recipient_id,
      kind: row.kind,
      text: row.text,
      url: row.url,
      opportunityId: row.opportunity_id ? toGlobalId("Opportunity", row.opportunity_id) : null,
      opportunityRowId: row.opportunity_id,
      subjectId: row.subject_id ? toGlobalId(SUBJECT_TYPES[row.kind], row.subject_id) : null,
      actorRowId: row.actor_id,
      createdAt: new Date(row.created_at).toISOString(),
      readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
    });
  }
}

@ObjectType()
export class NotificationEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Notification)
  node!: Notification;
}

@ObjectType({ description: "Your notifications, newest first." })
export class NotificationConnection {
  @Extensions(maxItems(PAGE_SIZED))
  @Field(() => [NotificationEdge])
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many of all your notifications are unread (not only on this page)." })
  unreadCount!: number;
}

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: "How many were unread and are now read." })
  marked!: number;

  @Field(() => Int, { description: "How many of your notifications are still unread." })
  unreadCount!: number;

  @Extensions(maxItems(MARK_READ_MAX))
  @Field(() => [Notification], { description: "The notifications named by `ids`, as they are now (empty with `all`)." })
  notifications!: Notification[];
}

@ObjectType({ description: "How you want to be told." })
export class NotificationSettings {
  @Field(() => Boolean, { description: "Whether a daily e-mail digest of your unread notifications is sent to you." })
  emailDigest!: boolean;
}
