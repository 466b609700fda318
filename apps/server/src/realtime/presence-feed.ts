import { BUS_RESUMED, topics } from "./bus.js";
import type { EventBus } from "./bus.js";
import type { Presence } from "./presence.js";
import { stream } from "./stream.js";

export type PresenceFeedItem = { readonly kind: "present"; readonly userIds: readonly string[] } | { readonly kind: "accessEnded" };

const TICK = Symbol("tick");

/**
 * One subscriber's view of who is in a room: marks the subscriber present, yields the current list
 * at once and again whenever it changes (as far as the subscriber may see), and removes the mark
 * when the subscription ends. Access is re-checked like the room feed's.
 */
export async function presenceFeed(options: {
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
  const inbox: unknown[] = [];
  let pumping = false;
  let last = "";
  let leave: (() => Promise<void>) | null = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  const timer = setInterval(() => receive(TICK), options.recheckMs);
  timer.unref();
  const out = stream<PresenceFeedItem>(() => {
    clearInterval(timer);
    inbox.length = 0;
    void (async () => {
      await leave?.();
      await unsubscribe?.();
    })().catch(options.onError);
  });

  const receive = (message: unknown) => {
    if (out.ended) return;
    inbox.push(message);
    void pump();
  };
  const emitCurrent = async () => {
    const userIds = (await options.visible(await options.presence.present(options.opportunityId))).sort();
    const key = userIds.join(",");
    if (key === last) return;
    last = key;
    out.push({ kind: "present", userIds });
  };
  const handle = async (message: unknown) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (options.changesAccess(message) || message === TICK || message === BUS_RESUMED) {
      if (!(await options.canRead())) {
        out.push({ kind: "accessEnded" });
        out.end();
        return;
      }
    }
    if (type === "presence" || message === BUS_RESUMED || message === TICK || options.changesAccess(message)) await emitCurrent();
  };
  const pump = async () => {
    if (pumping || leave === null) return;
    pumping = true;
    try {
      while (inbox.length > 0 && !out.ended) {
        try {
          await handle(inbox.shift());
        } catch (error) {
          // Presence is best effort (Redis may be down): keep the last list and try on the next news.
          options.onError(error);
        }
      }
    } finally {
      pumping = false;
    }
  };

  try {
    unsubscribe = await options.bus.subscribe(topics.room(options.opportunityId), receive);
    leave = await options.presence.enter(options.opportunityId, options.userId);
    if (out.ended) await leave(); // ended while entering
    inbox.push({ type: "presence", opportunityId: options.opportunityId });
    void pump();
  } catch (error) {
    await out.return!();
    throw error;
  }
  return out;
}
