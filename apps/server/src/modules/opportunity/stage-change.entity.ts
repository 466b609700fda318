import { DealStage } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { returning } from "../../db/sql.js";
import { newId } from "../../ids.js";
import { seqCursors } from "../../paging.js";

/**
 * One row per stage move: the history behind the `StageChange` events. `seq` numbers every move
 * of every opportunity 1, 2, 3… in commit order (see `recordStageChange`), which is what lets a
 * `dealStageChanged` subscriber resume from a cursor without missing one.
 */
@Entity({ name: "stage_change" })
export class StageChangeRecord {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("bigint")
  seq!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Column("text", { name: "from_stage", nullable: true })
  fromStage!: DealStage | null;

  @Column("text", { name: "to_stage" })
  toStage!: DealStage;

  @Column("uuid", { name: "changed_by_id", nullable: true })
  changedById!: string | null;

  /** The opportunity's amount when it moved (minor units), which the minimum-amount filter reads. */
  @Column("bigint", { name: "amount_minor" })
  amountMinor!: string;

  @Column("char", { length: 3 })
  currency!: string;

  @Column("timestamptz")
  at!: Date;
}

export interface NewStageChange {
  readonly opportunityId: string;
  readonly fromStage: DealStage | null;
  readonly toStage: DealStage;
  readonly changedById: string | null;
  readonly amountMinor: string;
  readonly currency: string;
  readonly at: Date;
}

/**
 * Records a stage move inside the caller's transaction and returns its `seq`. The seq comes from a
 * one-row counter whose row lock is held until COMMIT, so moves commit in seq order and without
 * gaps: once a reader sees seq N, every move numbered below N is committed and readable (a plain
 * sequence would not promise that: #12 may commit before #11). The lock serializes stage moves
 * across the system for the rest of the transaction, so call this as the transaction's last write.
 */
export async function recordStageChange(em: EntityManager, change: NewStageChange): Promise<number> {
  const rows = await returning<{ seq: string }>(
    em,
    `WITH next AS (UPDATE stage_change_counter SET last_seq = last_seq + 1 RETURNING last_seq)
     INSERT INTO stage_change (id, seq, opportunity_id, from_stage, to_stage, changed_by_id, amount_minor, currency, at)
     SELECT $1::uuid, next.last_seq, $2::uuid, $3::text, $4::text, $5::uuid, $6::bigint, $7::char(3), $8::timestamptz FROM next
     RETURNING seq`,
    [newId(), change.opportunityId, change.fromStage, change.toStage, change.changedById, change.amountMinor, change.currency, change.at],
  );
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new Error("stage_change_counter has no row; run the migrations");
  return Number(seq);
}

const cursors = seqCursors("StageChange");

/** The opaque `StageChange.cursor` of the move numbered `seq`. */
export const stageChangeCursor = cursors.cursorOf;

/** The seq a `StageChange.cursor` stands for, or null when the text is not such a cursor. */
export const seqOfStageChangeCursor = cursors.seqOf;
