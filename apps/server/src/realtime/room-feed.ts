import { BUS_RESUMED } from "./bus.js";
import { DONE, RECHECK, accessEnded, feed } from "./feed.js";
import type { AccessEnded, FollowedLog } from "./feed.js";
import type { Stream } from "./stream.js";

/** An entry of a room's log: numbered 1, 2, 3… with no gaps. */
export interface LogEntry {
  readonly seq: number;
}

/** What a room feed yields: the next entry in order, or the news that the subscriber lost access (last item). */
export type RoomFeedItem<T extends LogEntry> = { readonly kind: "entry"; readonly entry: T } | AccessEnded;

/** `since` reads the room's log, which is the truth (the bus only carries news). */
export interface RoomFeedOptions<T extends LogEntry> extends FollowedLog<T> {
  /** The entry a bus message announces, or null when the message is not an entry. */
  entryOf(message: unknown): T | null;
  /** Whether a bus message may change who can read the room (a membership change). */
  changesAccess(message: unknown): boolean;
  /** Whether an entry records such a change (re-check before delivering it). */
  entryChangesAccess(entry: T): boolean;
  /** A fresh access decision for the subscriber. */
  canRead(): Promise<boolean>;
  /**
   * The periodic check: access, and the newest seq in the log. It may be shared by the subscribers
   * of a room with the same rights and be up to a second old (it only covers lost news).
   */
  recheck(): Promise<{ readonly allowed: boolean; readonly lastSeq: number }>;
  /** Re-check access and the log this often even without news, in ms (covers a lost last message). */
  readonly recheckMs: number;
}

/** Rows read from the log per query while replaying or filling a gap. */
export const REPLAY_PAGE = 500;

/**
 * One subscriber's view of a room's log: subscribes to the bus FIRST, then replays from the log past
 * the cursor, then goes live. Live entries already delivered are dropped by seq; an entry that
 * skips ahead (a publish was lost) triggers a read of the missing ones from the log before it is
 * delivered, so seqs come out strictly increasing with no gap. Access is re-checked on membership
 * news, before delivering an entry that changes membership, after the bus reconnects and every
 * `recheckMs`; once it is gone the feed yields `accessEnded` and ends.
 */
export function roomFeed<T extends LogEntry>(options: RoomFeedOptions<T>): Promise<AsyncIterableIterator<RoomFeedItem<T>>> {
  type Out = Stream<RoomFeedItem<T>>;
  let lastSeq = 0;
  let replaying = true;

  const deliver = async (out: Out, entry: T): Promise<boolean> => {
    if (entry.seq <= lastSeq) return true;
    if (!replaying && options.entryChangesAccess(entry) && !(await stillAllowed(out))) return false;
    lastSeq = entry.seq;
    out.push({ kind: "entry", entry });
    return true;
  };

  /** Reads the log past `lastSeq` until it runs dry (or `upTo` is reached). */
  const catchUp = async (out: Out, upTo = Infinity): Promise<boolean> => {
    while (!out.ended && lastSeq < upTo) {
      const rows = await options.since(lastSeq, REPLAY_PAGE);
      for (const row of rows) if (!(await deliver(out, row))) return false;
      if (rows.length < REPLAY_PAGE) break;
    }
    return true;
  };

  const stillAllowed = async (out: Out): Promise<boolean> => {
    if (await options.canRead()) return true;
    accessEnded(out);
    return false;
  };

  return feed<RoomFeedItem<T>>({
    bus: options.bus,
    topic: options.topic,
    recheckMs: options.recheckMs,
    onError: options.onError,
    async start(out) {
      if (options.afterSeq === null) lastSeq = await options.lastSeq();
      else {
        lastSeq = options.afterSeq;
        await catchUp(out);
      }
      replaying = false;
    },
    arrive(message, out, idle) {
      if (!idle) return message;
      // The usual case, handled at once: the next entry in order, which changes nobody's access.
      const entry = options.entryOf(message);
      if (entry && entry.seq === lastSeq + 1 && !options.entryChangesAccess(entry)) {
        lastSeq = entry.seq;
        out.push({ kind: "entry", entry });
        return DONE;
      }
      return message;
    },
    async handle(message, out) {
      const entry = options.entryOf(message);
      if (entry) {
        if (entry.seq <= lastSeq) return; // a duplicate, or replayed already
        if (entry.seq === lastSeq + 1) await deliver(out, entry);
        else await catchUp(out, entry.seq); // a gap: the log has everything up to this entry (published after commit)
        return;
      }
      if (options.changesAccess(message)) {
        await stillAllowed(out);
        return;
      }
      if (message === RECHECK) {
        const { allowed, lastSeq: newest } = await options.recheck();
        if (!allowed) accessEnded(out);
        else if (newest > lastSeq) await catchUp(out, newest);
        return;
      }
      if (message === BUS_RESUMED) {
        if (await stillAllowed(out)) await catchUp(out);
      }
    },
  });
}
