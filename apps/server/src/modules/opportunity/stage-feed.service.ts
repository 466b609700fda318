import type { DataSource } from "typeorm";
import { Policy } from "../../auth/policy.js";
import { idOf } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { messageType, topics } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { topicFeed } from "../../realtime/topic-feed.js";
import { User } from "../user/user.entity.js";
import { toMinor } from "./money.js";
import { Opportunity } from "./opportunity.entity.js";
import type { StageChangeMessage } from "./opportunity.service.js";
import type { StageChangeFilter } from "./opportunity.inputs.js";
import type { StageChange } from "./opportunity.types.js";

/** The live `dealStageChanged` feed: every stage move the subscriber may see, filtered. */
export class StageFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async follow(policy: Policy, filter: StageChangeFilter | null | undefined): Promise<AsyncIterableIterator<StageChange>> {
    const matches = matcher(filter);
    const viewer = policy.viewer;
    // Moves are published to every organization with people in the room; each one is still
    // authorized for this subscriber (a rep sees only rooms she is in, a manager her org's).
    return topicFeed<StageChange>({
      bus: this.bus,
      topic: topics.stages(viewer.organizationId),
      accept: async (message) => {
        if (messageType(message) !== "stageChanged") return null;
        const change = message as StageChangeMessage;
        if (!matches(change)) return null;
        if (!(await new Policy(this.dataSource, viewer).canReadOpportunity(change.opportunityId))) return null;
        const [opportunity, changedBy] = await Promise.all([
          this.dataSource.manager.findOneBy(Opportunity, { id: change.opportunityId }),
          change.changedById ? this.dataSource.manager.findOneBy(User, { id: change.changedById }) : null,
        ]);
        if (!opportunity) return null;
        return { opportunity, fromStage: change.fromStage, toStage: change.toStage, changedBy, at: change.at };
      },
      onError: (error) => this.logger.warn({ err: error }, "stage feed cleanup failed"),
    });
  }
}

/** The filter as a predicate on the message (before any database read). */
function matcher(filter: StageChangeFilter | null | undefined): (change: StageChangeMessage) => boolean {
  if (!filter) return () => true;
  const organizationId = filter.organizationId == null ? null : (idOf("Organization", filter.organizationId) ?? "none");
  const minimum = filter.minimumAmount ? toMinor(filter.minimumAmount, "filter.minimumAmount") : null;
  const stages = filter.stages?.length ? new Set(filter.stages) : null;
  return (change) =>
    (organizationId === null || change.organizationId === organizationId) &&
    (stages === null || stages.has(change.toStage)) &&
    (minimum === null || (change.currency === minimum.currency && BigInt(change.amountMinor) >= minimum.minor));
}
