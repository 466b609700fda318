import type { DataSource } from "typeorm";
import { In } from "typeorm";
import { Policy } from "../../auth/policy.js";
import type { Logger } from "../../logger.js";
import { messageType } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import type { Presence } from "../../realtime/presence.js";
import { presenceFeed } from "../../realtime/presence-feed.js";
import type { PresenceFeedItem } from "../../realtime/presence-feed.js";
import { User } from "../user/user.entity.js";

/** The live `roomPresence` feed: who is in a room now, across instances. */
export class PresenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly presence: Presence,
    private readonly logger: Logger,
    private readonly recheckMs: number,
  ) {}

  /** Enters the room (people only) and follows who else is there; NOT_FOUND like a missing id. */
  async follow(policy: Policy, globalId: string): Promise<AsyncIterableIterator<PresenceFeedItem>> {
    const opportunityId = await policy.readableOpportunityId(globalId);
    const viewer = policy.viewer;
    return presenceFeed({
      bus: this.bus,
      presence: this.presence,
      opportunityId,
      userId: viewer.kind === "user" ? viewer.userId : null,
      visible: async (userIds) => {
        if (userIds.length === 0) return [];
        const fresh = new Policy(this.dataSource, viewer);
        const users = await this.dataSource.manager.findBy(User, { id: In([...userIds]) });
        const allowed = await Promise.all(users.map((user) => fresh.canReadUser(user.id, user.organizationId)));
        return users.filter((_, i) => allowed[i]).map((user) => user.id);
      },
      changesAccess: (message) => messageType(message) === "membership",
      canRead: () => new Policy(this.dataSource, viewer).canReadOpportunity(opportunityId),
      recheckMs: this.recheckMs,
      onError: (error) => this.logger.warn({ err: error, opportunityId }, "presence feed: could not refresh"),
    });
  }
}
