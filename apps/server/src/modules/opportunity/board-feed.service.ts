import { BoardChangeKind } from "@cosell/schema";
import type { DataSource } from "typeorm";
import { visibleOpportunitySql } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { leanEntity } from "../../db/lean.js";
import { badInput } from "../../errors.js";
import { toGlobalId } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { messageType, topics } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { logFeed } from "../../realtime/log-feed.js";
import { boardChangeCursor, seqOfBoardChangeCursor } from "./board-change.js";
import { Opportunity } from "./opportunity.entity.js";
import { BoardChange } from "./opportunity.types.js";

/**
 * The `boardChanged` feed: what happened to every opportunity the subscriber may see, read from the
 * `board_change` log in seq (commit) order. Bus messages on the organization's board topic are only
 * news; the live path and the replay from a cursor run the same query, which applies the policy's
 * SQL as the row is read:
 * - a change for everyone (created, updated, moved, closed) reaches those who may see the deal now,
 *   unless they gained sight of it later (they could not see it then; the ACCESS_GAINED brings it whole);
 * - an access change reaches its audience (the user, or the organization's tokens) only while it is
 *   still true: ACCESS_GAINED while they see the deal, ACCESS_LOST while they do not (when access
 *   came and went again, the later row tells the end state).
 * The opportunity comes as it is when read (its latest values); ACCESS_LOST carries only its id.
 */
export class BoardFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** The cursor of the newest committed change: `boardChanged(after:)` with it misses nothing written from now on. */
  async currentCursor(): Promise<string> {
    return boardChangeCursor(await this.lastSeq());
  }

  private async lastSeq(): Promise<number> {
    const rows: { seq: string | null }[] = await this.dataSource.query(`SELECT last_seq::text AS seq FROM board_change_counter`);
    return Number(rows[0]?.seq ?? 0);
  }

  async follow(policy: Policy, after: string | null | undefined): Promise<AsyncIterableIterator<BoardChange>> {
    const afterSeq = after == null ? null : seqOfBoardChangeCursor(after);
    if (after != null && afterSeq === null) throw badInput("after", "is not a cursor of boardChanged");
    const viewer = policy.viewer;
    const visible = visibleOpportunitySql(viewer, 1);
    const params: unknown[] = [...visible.params];
    params.push(viewer.kind === "user" ? viewer.userId : viewer.organizationId);
    const audienceOf = (row: string) =>
      viewer.kind === "user"
        ? `${row}.audience_user_id = $${params.length}::uuid`
        : `${row}.audience_user_id IS NULL AND ${row}.audience_organization_id = $${params.length}::uuid`;
    const seqParam = `$${params.length + 1}`;
    const limitParam = `$${params.length + 2}`;
    const lean = leanEntity(this.dataSource, Opportunity);
    const sql = `SELECT bc.seq::text AS bc_seq, bc.kind AS bc_kind, bc.fields AS bc_fields, bc.at AS bc_at, ${lean.select("o", "o_")}
                   FROM board_change bc JOIN opportunity o ON o.id = bc.opportunity_id
                  WHERE bc.seq > ${seqParam}
                    AND CASE WHEN bc.audience_user_id IS NULL AND bc.audience_organization_id IS NULL
                             THEN ${visible.sql} AND NOT EXISTS (SELECT 1 FROM board_change g WHERE g.opportunity_id = bc.opportunity_id
                                   AND g.seq > bc.seq AND g.kind = '${BoardChangeKind.ACCESS_GAINED}' AND ${audienceOf("g")})
                             WHEN ${audienceOf("bc")} THEN (bc.kind = '${BoardChangeKind.ACCESS_GAINED}') = ${visible.sql}
                             ELSE false END
                  ORDER BY bc.seq LIMIT ${limitParam}`;

    return logFeed<BoardChange>({
      bus: this.bus,
      topic: topics.board(viewer.organizationId),
      afterSeq,
      since: async (seq, limit) => {
        const rows: Record<string, unknown>[] = await this.dataSource.query(sql, [...params, seq, limit]);
        const opportunities = rows.length > 0 ? lean.from(rows, "o_") : [];
        return rows.map((row, i) => {
          const change = new BoardChange();
          const opportunity = opportunities[i]!;
          change.seq = Number(row.bc_seq);
          change.cursor = boardChangeCursor(change.seq);
          change.kind = row.bc_kind as BoardChangeKind;
          change.opportunityId = toGlobalId("Opportunity", opportunity.id);
          change.opportunity = change.kind === BoardChangeKind.ACCESS_LOST ? null : opportunity;
          change.fields = (row.bc_fields as string[] | null) ?? [];
          change.at = new Date(row.bc_at as string | Date).toISOString();
          return change;
        });
      },
      lastSeq: () => this.lastSeq(),
      isNews: (message) => messageType(message) === "boardChanged",
      onError: (error) => this.logger.warn({ err: error }, "board feed cleanup failed"),
    });
  }
}
