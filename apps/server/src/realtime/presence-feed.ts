import { BUS_RESUMED, messageType, topics } from "./bus.js";
import type { EventBus } from "./bus.js";
import { RECHECK, accessEnded, feed } from "./feed.js";
import type { AccessEnded } from "./feed.js";
import type { Presence } from "./presence.js";
import type { Stream } from "./stream.js";

/** Who is present, as seen `at` (ISO time): every execution of the same item answers the same. */
export type PresenceFeedItem = { readonly kind: "present"; readonly userIds: readonly string[]; readonly at: string } | AccessEnded;

/**
 * One subscriber's view of who is in a room: marks the subscriber present, yields the current list
 * at once and again whenever it changes (as far as the subscriber may see), and removes the mark
 * when the subscription ends. Access is re-checked like the room feed's.
 */
export function presenceFeed(options: {
  readonly bus: EventBus;
  readonly presence: Presence;
  readonly opportunityId: string;
  /** The subscriber, shown to others; null for a watcher that is not a person. */
  readonly userId: string | null;
  /** Of these users, the ones the subscriber may see. */
  visible(userIds: readonly string[]): Promise<string[]>;
  changesAccess(message: unknown): boolean;
  canRead(): Promise<boolean>;
  readonly recheckMs: number;
  onError(error: unknown): void;
}): Promise<AsyncIterableIterator<PresenceFeedItem>> {
  let last = "";
  let leave: (() => Promise<void>) | null = null;
  const emitCurrent = async (out: Stream<PresenceFeedItem>) => {
    const userIds = (await options.visible(await options.presence.present(options.opportunityId))).sort();
    const key = userIds.join(",");
    if (key === last) return;
    last = key;
    out.push({ kind: "present", userIds, at: new Date().toISOString() });
  };
  return feed<PresenceFeedItem>({
    bus: options.bus,
    topic: topics.room(options.opportunityId),
    recheckMs: options.recheckMs,
    onError: options.onError,
    // Presence is best effort (Redis may be down): keep the last list and try on the next news.
    onHandleError: "continue",
    async open(out) {
      leave = await options.presence.enter(options.opportunityId, options.userId);
      if (out.ended) await leave(); // ended while entering
    },
    async start(out) {
      try {
        await emitCurrent(out);
      } catch (error) {
        options.onError(error);
      }
    },
    async close() {
      await leave?.();
    },
    async handle(message, out) {
      const recheck = message === RECHECK || message === BUS_RESUMED || options.changesAccess(message);
      if (recheck && !(await options.canRead())) {
        accessEnded(out);
        return;
      }
      if (recheck || messageType(message) === "presence") await emitCurrent(out);
    },
  });
}
