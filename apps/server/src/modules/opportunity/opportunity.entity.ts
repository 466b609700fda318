import { DealStage } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";
import { Money } from "./money.js";

@Entity({ name: "opportunity" })
@ObjectType({ implements: Node, description: "A deal, worked together in its opportunity room." })
export class Opportunity implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "account_id" })
  accountId!: string;

  /** The owner organization. */
  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Column("uuid", { name: "owner_id" })
  ownerId!: string;

  @Field(() => String)
  @Column("text")
  title!: string;

  /** Minor units; bigint comes back from pg as a string. */
  @Column("bigint", { name: "amount_minor" })
  amountMinor!: string;

  @Column("char", { length: 3 })
  currency!: string;

  @Field(() => DealStage)
  @Column("text")
  stage!: DealStage;

  @Field(() => String, { nullable: true, description: "Expected close date, YYYY-MM-DD." })
  @Column("date", { name: "close_date", nullable: true })
  closeDate!: string | null;

  @Field(() => Int, { description: "Bumped by every edit; send it back as expectedVersion." })
  @Column("integer")
  version!: number;

  @Column("integer", { name: "last_activity_seq" })
  lastActivitySeq!: number;

  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  @Column("timestamptz", { name: "updated_at" })
  updatedAt!: Date;

  get globalId(): string {
    return toGlobalId("Opportunity", this.id);
  }

  @Field(() => Money)
  get amount(): Money {
    return Money.of(this.amountMinor, this.currency);
  }
}
