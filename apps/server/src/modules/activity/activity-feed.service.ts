import { ActivityKind } from "@cosell/schema";
import type { DataSource } from "typeorm";
import DataLoader from "dataloader";
import { permissionClassOf, sharedAccessChecks } from "../../auth/policy.js";
import type { Access, AccessQuestion, Policy } from "../../auth/policy.js";
import { badInput, notFound } from "../../errors.js";
import { rowIdOf } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { messageType, topics } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { RecentAnswers } from "../../realtime/recent-answers.js";
import { roomFeed } from "../../realtime/room-feed.js";
import type { RoomFeedItem } from "../../realtime/room-feed.js";
import { Activity, seqOfCursor } from "./activity.entity.js";
import type { ActivityService } from "./activity.service.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { rememberWrittenWith } from "./room-message.js";
import type { RoomActivityMessage } from "./room-message.js";

/** Activities after which the subscriber's access may have changed: re-checked before delivery. */
const ACCESS_KINDS: ReadonlySet<ActivityKind> = new Set([
  ActivityKind.MEMBER_JOINED,
  ActivityKind.MEMBER_LEFT,
  ActivityKind.MEMBER_ACCESS_CHANGED,
]);

/** The live `roomActivity` feed: authorization and decoding around the realtime room feed. */
export class ActivityFeedService {
  /** Periodic re-checks, shared by a room's subscribers of one permission class for a second. */
  private readonly rechecks = new RecentAnswers<{ allowed: boolean; lastSeq: number }>(1000);
  /**
   * Access checks and room heads asked by many subscriptions in one tick (a burst of subscribes
   * after a restart, a room's subscribers re-checking on membership news) share one query.
   */
  private readonly access: DataLoader<AccessQuestion, Access>;
  private readonly heads: DataLoader<string, number>;
  /** Replays asked in one tick from the same room and cursor (reconnecting clients) read the log once. */
  private readonly replays: DataLoader<{ opportunityId: string; afterSeq: number; limit: number }, Activity[]>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly activities: ActivityService,
    private readonly logger: Logger,
    private readonly recheckMs: number,
  ) {
    this.access = sharedAccessChecks(dataSource);
    this.heads = new DataLoader(
      async (ids) => {
        const rows: { id: string; last_activity_seq: number }[] = await dataSource.query(
          `SELECT id, last_activity_seq FROM opportunity WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        const seqs = new Map(rows.map((row) => [row.id, row.last_activity_seq]));
        return ids.map((id) => seqs.get(id) ?? 0);
      },
      { cache: false, maxBatchSize: 1000 },
    );
    this.replays = new DataLoader(
      async (asked) => {
        const reads = new Map<string, Promise<Activity[]>>();
        return Promise.all(
          asked.map(({ opportunityId, afterSeq, limit }) => {
            const key = `${opportunityId}:${afterSeq}:${limit}`;
            let read = reads.get(key);
            if (!read) reads.set(key, (read = activities.since(opportunityId, afterSeq, limit)));
            return read;
          }),
        );
      },
      { cache: false, maxBatchSize: 1000 },
    );
  }

  /** NOT_FOUND for whoever may not read the room, exactly like a missing id. */
  async follow(policy: Policy, globalId: string, after: string | null | undefined): Promise<AsyncIterableIterator<RoomFeedItem<Activity>>> {
    const viewer = policy.viewer;
    const opportunityId = rowIdOf("Opportunity", globalId, "Opportunity");
    // A fresh decision each time (nothing cached from before a change), asked with everyone else's.
    const canRead = async () => (await this.access.load({ viewer, opportunityId })) !== "NONE";
    if (!(await canRead())) throw notFound("Opportunity");
    const afterSeq = after == null ? null : seqOfCursor(after);
    if (after != null && afterSeq === null) throw badInput("after", "is not a cursor of this room's activities");
    const lastSeq = () => this.heads.load(opportunityId);
    return roomFeed<Activity>({
      bus: this.bus,
      topic: topics.room(opportunityId),
      afterSeq,
      since: (seq, limit) => this.replays.load({ opportunityId, afterSeq: seq, limit }),
      lastSeq,
      entryOf: (message) => activityOf(message, opportunityId),
      changesAccess: (message) => messageType(message) === "membership",
      entryChangesAccess: (activity) => ACCESS_KINDS.has(activity.kind),
      canRead,
      recheck: () =>
        this.rechecks.ask(`${permissionClassOf(viewer)}|${opportunityId}`, async () => {
          const allowed = await canRead();
          return { allowed, lastSeq: allowed ? await lastSeq() : 0 };
        }),
      recheckMs: this.recheckMs,
      onError: (error) => this.logger.warn({ err: error, opportunityId }, "room feed cleanup failed"),
    });
  }
}

/**
 * The activity a room message carries: the entity itself on the in-process bus, its JSON over
 * Redis (getters such as `cursor` need the class back), with the rows written with it.
 */
export function activityOf(message: unknown, opportunityId: string): Activity | null {
  if (messageType(message) !== "activity") return null;
  const { activity, writtenWith } = message as RoomActivityMessage;
  if (activity instanceof Activity) return activity;
  const raw = activity as unknown as Record<string, unknown> | null;
  if (!raw || raw.opportunityId !== opportunityId || typeof raw.seq !== "number") return null;
  // Every subscriber of the room on this instance gets the same message object: decode it once.
  let decoded = decodedActivities.get(raw);
  if (!decoded) {
    decoded = Object.assign(new Activity(), raw, { createdAtDate: new Date(raw.createdAtDate as string) });
    decodedActivities.set(raw, decoded);
    if (writtenWith)
      rememberWrittenWith(decoded, {
        actor: rowOf(User, writtenWith.actor),
        actorOrganization: rowOf(Organization, writtenWith.actorOrganization),
      });
  }
  return decoded;
}

const decodedActivities = new WeakMap<object, Activity>();

/** An entity from its JSON (`createdAt` back to a Date), or null. */
function rowOf<T extends { createdAt: Date }>(entity: new () => T, json: unknown): T | null {
  const raw = json as Record<string, unknown> | null | undefined;
  if (!raw || typeof raw.id !== "string") return null;
  return Object.assign(new entity(), raw, { createdAt: new Date(raw.createdAt as string) });
}
