import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { badInput } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { messageType, topics } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { logFeed } from "../../realtime/log-feed.js";
import type { StageChangeFilter } from "./opportunity.inputs.js";
import type { StageChange } from "./opportunity.types.js";
import { seqOfStageChangeCursor } from "./stage-change.entity.js";
import { stageChangeConditions, stageChangeSelect, toStageChanges } from "./stage-change-query.js";

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
    const { where, params } = stageChangeConditions(viewer, filter);
    const seqParam = `$${params.length + 1}`;
    const limitParam = `$${params.length + 2}`;
    const sql = `SELECT ${stageChangeSelect(this.dataSource)}
                   FROM stage_change sc JOIN opportunity o ON o.id = sc.opportunity_id
                  WHERE sc.seq > ${seqParam} AND ${where.join(" AND ")}
                  ORDER BY sc.seq LIMIT ${limitParam}`;

    return logFeed<StageChange>({
      bus: this.bus,
      topic: topics.stages(viewer.organizationId),
      afterSeq,
      since: async (seq, limit) => toStageChanges(this.dataSource, await this.dataSource.query(sql, [...params, seq, limit])),
      lastSeq: async () => {
        const rows: { seq: string | null }[] = await this.dataSource.query(`SELECT max(seq)::text AS seq FROM stage_change`);
        return Number(rows[0]?.seq ?? 0);
      },
      isNews: (message) => messageType(message) === "stageChanged",
      onError: (error) => this.logger.warn({ err: error }, "stage feed cleanup failed"),
    });
  }
}
