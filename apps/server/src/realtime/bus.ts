/**
 * The one event bus interface. Publishers call it after their transaction commits; subscribers
 * receive every message published to a topic after they subscribed, on any server instance that
 * shares the bus. Delivery is best effort: Postgres is the truth, the bus only carries news.
 */
export interface EventBus {
  /** Rejects when the message could not be handed over (e.g. Redis is down); callers log and go on. */
  publish(topic: string, message: unknown): Promise<void>;
  /**
   * Returns a function that stops the subscription. Besides published messages, a listener may
   * receive `BUS_RESUMED`: the bus was cut off and is back, so messages may have been lost meanwhile.
   */
  subscribe(topic: string, listener: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Delivered by a bus to its listeners after it reconnects: "you may have missed messages; check the log". */
export const BUS_RESUMED: { readonly type: "busResumed" } = Object.freeze({ type: "busResumed" });

/** The `type` of a bus message (they are all `{ type, … }` objects), or undefined. */
export function messageType(message: unknown): string | undefined {
  const type = typeof message === "object" && message !== null ? (message as { type?: unknown }).type : undefined;
  return typeof type === "string" ? type : undefined;
}

export const topics = {
  /** A room's activities, membership changes and presence changes. */
  room: (opportunityId: string): string => `room:${opportunityId}`,
  /** Stage changes of every opportunity the organization's people may see. */
  stages: (organizationId: string): string => `stages:${organizationId}`,
  /** News of `board_change` rows that concern the organization's people or API tokens. */
  board: (organizationId: string): string => `board:${organizationId}`,
  /** A person's new notifications (`notificationAdded`). */
  notifications: (userId: string): string => `notifications:${userId}`,
} as const;

/** The default bus: one process, no network. */
export function memoryBus(): EventBus {
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  return {
    async publish(topic, message) {
      for (const listener of [...(listeners.get(topic) ?? [])]) {
        try {
          listener(message);
        } catch {
          // A failing listener must not stop delivery to the others.
        }
      }
    },
    async subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return async () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(topic);
      };
    },
    async close() {
      listeners.clear();
    },
  };
}
