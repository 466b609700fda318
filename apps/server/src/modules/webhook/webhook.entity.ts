import { WebhookDeliveryStatus, WebhookEvent } from "@cosell/schema";
import { Extensions, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

@Entity({ name: "webhook" })
@ObjectType({ implements: Node, description: "An organization's endpoint for events it may see, signed with its secret." })
export class Webhook implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => String)
  @Column("text")
  url!: string;

  /** Signs every delivery (HMAC-SHA256); write-only. */
  @Column("text", { select: false })
  secret!: string;

  @Extensions(maxItems(LIST_BOUNDS.webhookEvents))
  @Field(() => [WebhookEvent])
  @Column("text", { array: true })
  events!: WebhookEvent[];

  @Column("uuid", { name: "created_by_id", nullable: true })
  createdById!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  get globalId(): string {
    return toGlobalId("Webhook", this.id);
  }

  @Field(() => String, { description: "ISO 8601 time." })
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }
}

@Entity({ name: "webhook_delivery" })
@ObjectType({ description: "One event queued for one webhook, and how sending it went." })
export class WebhookDelivery {
  @Field(() => ID, { description: "Also sent as `x-cosell-delivery-id`." })
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "webhook_id" })
  webhookId!: string;

  @Field(() => String, { description: "The event's id (also in the body and the `x-cosell-event-id` header): the same on every retry." })
  @Column("uuid", { name: "event_id" })
  eventId!: string;

  @Field(() => WebhookEvent)
  @Column("text")
  event!: WebhookEvent;

  /** The exact bytes sent and signed. */
  @Column("text")
  body!: string;

  @Field(() => WebhookDeliveryStatus)
  @Column("text")
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: "Attempts so far." })
  @Column("integer")
  attempts!: number;

  @Column("timestamptz", { name: "next_attempt_at" })
  nextAttemptAtDate!: Date;

  @Column("timestamptz", { name: "last_attempt_at", nullable: true })
  lastAttemptAtDate!: Date | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last answer, if there was one." })
  @Column("integer", { name: "last_status_code", nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed." })
  @Column("text", { name: "last_error", nullable: true })
  lastError!: string | null;

  @Column("timestamptz", { name: "delivered_at", nullable: true })
  deliveredAtDate!: Date | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Field(() => String)
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }

  @Field(() => String, { nullable: true })
  get lastAttemptAt(): string | null {
    return iso(this.lastAttemptAtDate);
  }

  @Field(() => String, { nullable: true, description: "When the next attempt is due, while PENDING." })
  get nextAttemptAt(): string | null {
    return this.status === WebhookDeliveryStatus.PENDING ? iso(this.nextAttemptAtDate) : null;
  }

  @Field(() => String, { nullable: true })
  get deliveredAt(): string | null {
    return iso(this.deliveredAtDate);
  }
}
