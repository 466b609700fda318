import { CoSellRequestStatus } from "@cosell/schema";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "co_sell_request" })
@ObjectType({
  implements: Node,
  description:
    "A rep's request to a partner firm to work an account both firms have (account mapping) together. The asked firm's manager accepts (a room opens, or the asked firm's rep joins the requester's open deal) or declines.",
})
export class CoSellRequest implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "partnership_id" })
  partnershipId!: string;

  @Column("uuid", { name: "requester_id" })
  requesterId!: string;

  @Column("uuid", { name: "requester_organization_id" })
  requesterOrganizationId!: string;

  @Column("uuid", { name: "recipient_organization_id" })
  recipientOrganizationId!: string;

  @Field(() => String, { description: "The account's domain (lower case, without `www.`): both firms have an account on it." })
  @Column("text", { name: "normalized_domain" })
  accountDomain!: string;

  @Field(() => String)
  @Column("text")
  message!: string;

  @Field(() => CoSellRequestStatus)
  @Column("text")
  status!: CoSellRequestStatus;

  @Column("uuid", { name: "answered_by_id", nullable: true })
  answeredById!: string | null;

  @Column("timestamptz", { name: "answered_at", nullable: true })
  answeredAtDate!: Date | null;

  @Field(() => String, { nullable: true, description: "Why it was declined, when the manager said." })
  @Column("text", { nullable: true })
  reason!: string | null;

  @Column("uuid", { name: "opportunity_id", nullable: true })
  opportunityId!: string | null;

  /** Whether accepting it opened `opportunityId` (the requester's firm sourced it) rather than joining an open deal. */
  @Column("boolean", { name: "opened_opportunity" })
  openedOpportunity!: boolean;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Field(() => String, {
    nullable: true,
    description: "Your organization's own name for the account (each firm sees its own; the other's is never sent).",
  })
  accountName: string | null = null;

  get globalId(): string {
    return toGlobalId("CoSellRequest", this.id);
  }

  @Field(() => String, { nullable: true })
  get answeredAt(): string | null {
    return this.answeredAtDate ? new Date(this.answeredAtDate).toISOString() : null;
  }

  @Field(() => String)
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }
}
