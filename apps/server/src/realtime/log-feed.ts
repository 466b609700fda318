import { BUS_RESUMED } from "./bus.js";
import type { EventBus } from "./bus.js";
import { stream } from "./stream.js";

/** An entry of a log numbered in commit order (once N is readable, everything below N is). */
export interface NumberedEntry {
  readonly seq: number;
}

export interface LogFeedOptions<T extends NumberedEntry> {
  readonly bus: EventBus;
  readonly topic: string;
  /** Deliver entries after this seq (replaying them first); null: only entries committed from now on. */
  readonly afterSeq: number | null;
  /** The entries this subscriber may see after `afterSeq`, in seq order, at most `limit`. */
  since(afterSeq: number, limit: number): Promise<T[]>;
  /** The newest seq in the log now (where a feed without a cursor starts). */
  lastSeq(): Promise<number>;
  /** Whether a bus message is news of a new entry (which the log is then read for). */
  isNews(message: unknown): boolean;
  onError(error: unknown): void;
}

/** Rows read from the log per query while replaying or catching up. */
export const LOG_FEED_PAGE = 200;

/**
 * One subscriber's filtered view of a log shared by many (a room feed, in contrast, follows one
 * room's gapless log). Subscribes to the bus FIRST, then replays past the cursor, then goes live.
 * A message is only news: on it the feed reads the log past the last seq it handled, so entries
 * come out in seq order, each once, and one whose announcement was lost arrives with the next
 * news (or after the bus reconnects). Reads triggered while one runs fold into one more read.
 */
export async function logFeed<T extends NumberedEntry>(options: LogFeedOptions<T>): Promise<AsyncIterableIterator<T>> {
  let lastSeq = 0;
  let live = false;
  let reading = false;
  let again = false;
  let unsubscribe: (() => Promise<void>) | null = null;
  const out = stream<T>(() => {
    unsubscribe?.().catch(options.onError);
  });

  const catchUp = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        for (;;) {
          const rows = await options.since(lastSeq, LOG_FEED_PAGE);
          for (const row of rows) {
            if (out.ended) return;
            lastSeq = row.seq;
            out.push(row);
          }
          if (rows.length < LOG_FEED_PAGE) break;
        }
      } while (again && !out.ended);
    } catch (error) {
      out.end(error);
    } finally {
      reading = false;
    }
  };

  unsubscribe = await options.bus.subscribe(options.topic, (message) => {
    if (out.ended || !live) return; // before going live, the first read covers it
    if (message === BUS_RESUMED || options.isNews(message)) void catchUp();
  });
  void (async () => {
    try {
      lastSeq = options.afterSeq ?? (await options.lastSeq());
      live = true;
      await catchUp();
    } catch (error) {
      out.end(error);
    }
  })();
  return out;
}
