import { DealStage } from "@cosell/schema";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** One row per stage move: the history behind the `StageChange` events. */
@Entity({ name: "stage_change" })
export class StageChangeRecord {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Column("text", { name: "from_stage", nullable: true })
  fromStage!: DealStage | null;

  @Column("text", { name: "to_stage" })
  toStage!: DealStage;

  @Column("uuid", { name: "changed_by_id", nullable: true })
  changedById!: string | null;

  @Column("timestamptz")
  at!: Date;
}
