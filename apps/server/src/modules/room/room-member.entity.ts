import { AccessLevel, RoomRole } from "@cosell/schema";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity({ name: "room_member" })
@ObjectType({ description: "A person on an opportunity, with a deal role and an access level." })
export class RoomMember {
  @PrimaryColumn("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @PrimaryColumn("uuid", { name: "user_id" })
  userId!: string;

  @Field(() => RoomRole)
  @Column("text")
  role!: RoomRole;

  @Field(() => AccessLevel)
  @Column("text")
  access!: AccessLevel;

  @Column("timestamptz", { name: "added_at" })
  addedAt!: Date;
}
