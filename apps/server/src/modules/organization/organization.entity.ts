import { OrganizationKind } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "organization" })
@ObjectType({ implements: Node, description: "A company: the vendor or a partner firm." })
export class Organization implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Field(() => String)
  @Column("text")
  name!: string;

  @Field(() => OrganizationKind)
  @Column("text")
  kind!: OrganizationKind;

  @Field(() => String, { description: "ISO 4217 code the organization's figures are reported in (setReportingCurrency); USD until set." })
  @Column("char", { name: "reporting_currency", length: 3 })
  reportingCurrency!: string;

  @Field(() => Int, {
    description:
      "Days an approved deal registration with this organization protects the partner's claim (1..3650; setRegistrationProtectionDays); 90 until set.",
  })
  @Column("integer", { name: "registration_protection_days", default: 90 })
  registrationProtectionDays!: number;

  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  get globalId(): string {
    return toGlobalId("Organization", this.id);
  }
}
