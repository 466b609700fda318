import type { EventBus } from "./bus.js";
import { feed } from "./feed.js";

/**
 * A topic's messages, turned one at a time (in order) into what one subscriber may receive:
 * `accept` authorizes and filters each message and returns the item, or null to skip it.
 */
export function topicFeed<T>(options: {
  readonly bus: EventBus;
  readonly topic: string;
  accept(message: unknown): Promise<T | null>;
  onError(error: unknown): void;
}): Promise<AsyncIterableIterator<T>> {
  return feed<T>({
    bus: options.bus,
    topic: options.topic,
    onError: options.onError,
    async handle(message, out) {
      const item = await options.accept(message);
      if (item !== null) out.push(item);
    },
  });
}
