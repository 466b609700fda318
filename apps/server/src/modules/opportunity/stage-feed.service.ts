import { In } from "typeorm";
import type { DataSource } from "typeorm";
import type { DealStage } from "@cosell/schema";
import { visibleOpportunitySql } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { leanEntity } from "../../db/lean.js";
import { badInput } from "../../errors.js";
import { idOf } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { messageType, topics } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { logFeed } from "../../realtime/log-feed.js";
import { User } from "../user/user.entity.js";
import { toMinor } from "./money.js";
import { Opportunity } from "./opportunity.entity.js";
import type { StageChangeFilter } from "./opportunity.inputs.js";
import { StageChange } from "./opportunity.types.js";
import { seqOfStageChangeCursor, stageChangeCursor } from "./stage-change.entity.js";

/**
 * The `dealStageChanged` feed: every stage move the subscriber may see, filtered, read from the
 * `stage_change` log in seq (commit) order. Bus messages on the organization's stage topic are only
 * news; the live path and the replay from a cursor run the same query, so they apply the same
 * visibility rule (the policy's SQL, decided when the move is read) and the same filter.
 * An opportunity's opening (no `fromStage`) is not a move and is not in the feed.
 */
export class StageFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async follow(
    policy: Policy,
    filter: StageChangeFilter | null | undefined,
    after: string | null | undefined,
  ): Promise<AsyncIterableIterator<StageChange>> {
    const afterSeq = after == null ? null : seqOfStageChangeCursor(after);
    if (after != null && afterSeq === null) throw badInput("after", "is not a cursor of dealStageChanged");
    const viewer = policy.viewer;
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
    const seqParam = `$${params.length + 1}`;
    const limitParam = `$${params.length + 2}`;
    const lean = leanEntity(this.dataSource, Opportunity);
    const sql = `SELECT sc.seq::text AS sc_seq, sc.from_stage AS sc_from, sc.to_stage AS sc_to, sc.changed_by_id AS sc_by, sc.at AS sc_at, ${lean.select("o", "o_")}
                   FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id
                  WHERE sc.seq > ${seqParam} AND ${where.join(" AND ")}
                  ORDER BY sc.seq LIMIT ${limitParam}`;

    return logFeed<StageChange>({
      bus: this.bus,
      topic: topics.stages(viewer.organizationId),
      afterSeq,
      since: async (seq, limit) => {
        const rows: Record<string, unknown>[] = await this.dataSource.query(sql, [...params, seq, limit]);
        if (rows.length === 0) return [];
        const opportunities = lean.from(rows, "o_");
        const userIds = [...new Set(rows.map((r) => r.sc_by).filter((id): id is string => typeof id === "string"))];
        const users = new Map(
          (userIds.length ? await this.dataSource.manager.findBy(User, { id: In(userIds) }) : []).map((u) => [u.id, u]),
        );
        return rows.map((row, i) => {
          const change = new StageChange();
          change.seq = Number(row.sc_seq);
          change.cursor = stageChangeCursor(change.seq);
          change.opportunity = opportunities[i]!;
          change.fromStage = row.sc_from as DealStage;
          change.toStage = row.sc_to as DealStage;
          change.changedBy = typeof row.sc_by === "string" ? (users.get(row.sc_by) ?? null) : null;
          change.at = new Date(row.sc_at as string | Date).toISOString();
          return change;
        });
      },
      lastSeq: async () => {
        const rows: { seq: string | null }[] = await this.dataSource.query(`SELECT max(seq)::text AS seq FROM stage_change`);
        return Number(rows[0]?.seq ?? 0);
      },
      isNews: (message) => messageType(message) === "stageChanged",
      onError: (error) => this.logger.warn({ err: error }, "stage feed cleanup failed"),
    });
  }
}
