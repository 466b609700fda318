/**
 * The one event bus interface. Publishers call it after their transaction commits; subscribers
 * receive every message published to a topic after they subscribed, on any server instance that
 * shares the bus. Delivery is best effort: Postgres is the truth, the bus only carries news.
 */
export interface EventBus {
  publish(topic: string, message: unknown): Promise<void>;
  /** Returns a function that stops the subscription. */
  subscribe(topic: string, listener: (message: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export const topics = {
  room: (opportunityId: string): string => `room:${opportunityId}`,
  stages: (organizationId: string): string => `stages:${organizationId}`,
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
