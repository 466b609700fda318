import { In } from "typeorm";
import type { DataSource } from "typeorm";
import type { DealStage } from "@cosell/schema";
import { visibleOpportunitySql } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { leanEntity } from "../../db/lean.js";
import { idOf } from "../../ids.js";
import { User } from "../user/user.entity.js";
import { toMinor } from "./money.js";
import { Opportunity } from "./opportunity.entity.js";
import type { StageChangeFilter } from "./opportunity.inputs.js";
import { StageChange } from "./opportunity.types.js";
import { stageChangeCursor } from "./stage-change.entity.js";

/**
 * Reading moves from the `stage_change` log (aliased `sc`, joined to its opportunity `o`): who may
 * see which (the policy's SQL), the `StageChangeFilter`, and the rows as `StageChange`s. The live
 * `dealStageChanged` feed and the paged `stageChanges` query both read through here, so they
 * show the same moves to the same viewer. Openings (no `fromStage`) are not moves and are left out.
 */
export function stageChangeConditions(
  viewer: Viewer,
  filter: StageChangeFilter | null | undefined,
): { where: string[]; params: unknown[] } {
  const visible = visibleOpportunitySql(viewer, 1);
  const params: unknown[] = [...visible.params];
  const where = [visible.sql, "sc.from_stage IS NOT NULL"];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (filter?.organizationId != null) {
    add((p) => `o.organization_id = ${p}::uuid`, idOf("Organization", filter.organizationId) ?? "00000000-0000-0000-0000-000000000000");
  }
  if (filter?.minimumAmount) {
    // No conversion between currencies: only moves of deals in the filter's currency qualify.
    const minimum = toMinor(filter.minimumAmount, "filter.minimumAmount");
    add((p) => `sc.currency = ${p}`, minimum.currency);
    add((p) => `sc.amount_minor >= ${p}::bigint`, minimum.minor.toString());
  }
  if (filter?.stages?.length) add((p) => `sc.to_stage = ANY(${p}::text[])`, filter.stages);
  return { where, params };
}

/** The select list `toStageChanges` reads: the move and its opportunity. */
export function stageChangeSelect(dataSource: DataSource): string {
  return `sc.seq::text AS sc_seq, sc.from_stage AS sc_from, sc.to_stage AS sc_to, sc.changed_by_id AS sc_by, sc.at AS sc_at, ${leanEntity(dataSource, Opportunity).select("o", "o_")}`;
}

/** Rows selected with `stageChangeSelect` as `StageChange`s, in order, with their movers (one query). */
export async function toStageChanges(dataSource: DataSource, rows: readonly Record<string, unknown>[]): Promise<StageChange[]> {
  if (rows.length === 0) return [];
  const opportunities = leanEntity(dataSource, Opportunity).from(rows, "o_");
  const userIds = [...new Set(rows.map((r) => r.sc_by).filter((id): id is string => typeof id === "string"))];
  const users = new Map((userIds.length ? await dataSource.manager.findBy(User, { id: In(userIds) }) : []).map((u) => [u.id, u]));
  return rows.map((row, i) => {
    const change = new StageChange();
    change.seq = Number(row.sc_seq);
    change.cursor = stageChangeCursor(change.seq);
    change.opportunity = opportunities[i]!;
    change.fromStage = (row.sc_from as DealStage | null) ?? null;
    change.toStage = row.sc_to as DealStage;
    change.changedBy = typeof row.sc_by === "string" ? (users.get(row.sc_by) ?? null) : null;
    change.at = new Date(row.sc_at as string | Date).toISOString();
    return change;
  });
}
