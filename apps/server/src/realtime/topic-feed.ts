import type { EventBus } from "./bus.js";
import { stream } from "./stream.js";

/**
 * A topic's messages, turned one at a time (in order) into what one subscriber may receive:
 * `accept` authorizes and filters each message and returns the item, or null to skip it.
 */
export async function topicFeed<T>(options: {
  readonly bus: EventBus;
  readonly topic: string;
  accept(message: unknown): Promise<T | null>;
  onError(error: unknown): void;
}): Promise<AsyncIterableIterator<T>> {
  const inbox: unknown[] = [];
  let pumping = false;
  let unsubscribe: (() => Promise<void>) | null = null;
  const out = stream<T>(() => {
    inbox.length = 0;
    unsubscribe?.().catch(options.onError);
  });
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      while (inbox.length > 0 && !out.ended) {
        const item = await options.accept(inbox.shift());
        if (item !== null) out.push(item);
      }
    } catch (error) {
      out.end(error);
    } finally {
      pumping = false;
    }
  };
  unsubscribe = await options.bus.subscribe(options.topic, (message) => {
    if (out.ended) return;
    inbox.push(message);
    void pump();
  });
  return out;
}
