import { BUS_RESUMED } from "./bus.js";
import { DONE, feed } from "./feed.js";
import type { FollowedLog } from "./feed.js";
import type { Stream } from "./stream.js";

/** An entry of a log numbered in commit order (once N is readable, everything below N is). */
export interface NumberedEntry {
  readonly seq: number;
}

export interface LogFeedOptions<T extends NumberedEntry> extends FollowedLog<T> {
  /** Whether a bus message is news of a new entry (which the log is then read for). */
  isNews(message: unknown): boolean;
}

/** Rows read from the log per query while replaying or catching up. */
export const LOG_FEED_PAGE = 200;

/**
 * One subscriber's filtered view of a log shared by many (a room feed, in contrast, follows one
 * room's gapless log). Subscribes to the bus FIRST, then replays past the cursor, then goes live.
 * A message is only news: on it the feed reads the log past the last seq it handled, so entries
 * come out in seq order, each once, and one whose announcement was lost arrives with the next
 * news (or after the bus reconnects). News that arrives while a read runs folds into one more read.
 */
export function logFeed<T extends NumberedEntry>(options: LogFeedOptions<T>): Promise<AsyncIterableIterator<T>> {
  let lastSeq = 0;
  // News is numbered as it arrives; a read covers all the news that arrived before it began.
  let news = 0;
  let covered = 0;

  const catchUp = async (out: Stream<T>): Promise<void> => {
    covered = news;
    for (;;) {
      const rows = await options.since(lastSeq, LOG_FEED_PAGE);
      for (const row of rows) {
        if (out.ended) return;
        lastSeq = row.seq;
        out.push(row);
      }
      if (rows.length < LOG_FEED_PAGE) break;
    }
  };

  return feed<T>({
    bus: options.bus,
    topic: options.topic,
    onError: options.onError,
    async start(out) {
      lastSeq = options.afterSeq ?? (await options.lastSeq());
      await catchUp(out);
    },
    arrive: (message) => (message === BUS_RESUMED || options.isNews(message) ? ++news : DONE),
    async handle(stamp, out) {
      if ((stamp as number) > covered) await catchUp(out);
    },
  });
}
