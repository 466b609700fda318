import type { EventBus } from "./bus.js";
import { stream } from "./stream.js";
import type { Stream } from "./stream.js";

/** What `handle` receives every `recheckMs`, besides bus messages: time to re-check access and the log. */
export const RECHECK: unique symbol = Symbol("recheck");

/** `arrive`'s answer for a message that needs nothing more (ignored, or already handled). */
export const DONE: unique symbol = Symbol("done");

/** What a feed that follows a numbered log needs to know of it, besides the bus topic that carries its news. */
export interface FollowedLog<T extends { readonly seq: number }> {
  readonly bus: EventBus;
  readonly topic: string;
  /** Deliver entries after this seq (replaying them from the log first); null: only entries committed from now on. */
  readonly afterSeq: number | null;
  /** The entries after `afterSeq` that this subscriber may see, in seq order, at most `limit`. */
  since(afterSeq: number, limit: number): Promise<T[]>;
  /** The newest seq in the log now (where a feed without a cursor starts). */
  lastSeq(): Promise<number>;
  onError(error: unknown): void;
}

/** The last item of a feed whose subscriber lost access to what it follows. */
export type AccessEnded = { readonly kind: "accessEnded" };

/** Says that the subscriber lost access, as the feed's last item, and ends it. */
export function accessEnded<T>(out: Stream<T | AccessEnded>): void {
  out.push({ kind: "accessEnded" });
  out.end();
}

/**
 * The parts in which one live feed differs from another; `feed` runs the loop they share. Every
 * hook gets the feed's output stream: push items to it, end it (with an error, or after a last
 * "access ended" item).
 */
export interface FeedStrategy<T> {
  readonly bus: EventBus;
  readonly topic: string;
  /** When set, `handle` also receives `RECHECK` this often, in ms (covers news that was lost). */
  readonly recheckMs?: number;
  /**
   * Runs once the bus subscription is made, before `feed` returns (e.g. entering a room); a failure
   * stops the feed and is thrown to the caller.
   */
  open?(out: Stream<T>): Promise<void>;
  /**
   * Runs after `open`, in the background (e.g. replaying the log past the cursor); messages that
   * arrive meanwhile wait. A failure ends the feed with it.
   */
  start?(out: Stream<T>): Promise<void>;
  /**
   * Called as each message arrives, synchronously: `DONE` when nothing more is needed, or what to
   * queue for `handle`. `idle` says nothing is queued or being handled, so an item pushed now comes
   * out in order. Without it, every message is queued as it is.
   */
  arrive?(message: unknown, out: Stream<T>, idle: boolean): unknown;
  /** Handles one queued message (or `RECHECK`); messages are handled one at a time, in arrival order. */
  handle(message: unknown, out: Stream<T>): Promise<void>;
  /** What a failure of `handle` does: "end" the feed with it (the default), or "continue" (it was reported). */
  readonly onHandleError?: "end" | "continue";
  /** Releases what `open` took, when the feed stops (before the bus subscription ends). */
  close?(): Promise<void>;
  onError(error: unknown): void;
}

/**
 * The loop every live feed shares: subscribe to the topic FIRST (so nothing published from now on
 * is missed), then open and start (replay) while news waits in an inbox, then handle each message
 * in order, one at a time, with a periodic `RECHECK` if asked. Ending the returned iterator stops
 * the timer, drops what waits, closes and unsubscribes.
 */
export async function feed<T>(strategy: FeedStrategy<T>): Promise<Stream<T>> {
  const inbox: unknown[] = [];
  let live = false;
  let pumping = false;
  let unsubscribe: (() => Promise<void>) | null = null;
  const timer = strategy.recheckMs === undefined ? undefined : setInterval(() => receive(RECHECK), strategy.recheckMs);
  timer?.unref();

  const out = stream<T>(() => {
    clearInterval(timer);
    inbox.length = 0;
    const close = strategy.close;
    const stopped = close ? close().then(() => unsubscribe?.()) : unsubscribe?.();
    stopped?.catch(strategy.onError);
  });

  const receive = (message: unknown) => {
    if (out.ended) return;
    const queued = strategy.arrive ? strategy.arrive(message, out, live && !pumping && inbox.length === 0) : message;
    if (queued === DONE) return;
    inbox.push(queued);
    void pump();
  };

  const pump = async () => {
    if (pumping || !live) return;
    pumping = true;
    try {
      while (inbox.length > 0 && !out.ended) {
        try {
          await strategy.handle(inbox.shift(), out);
        } catch (error) {
          if (strategy.onHandleError !== "continue") throw error;
          strategy.onError(error);
        }
      }
    } catch (error) {
      out.end(error);
    } finally {
      pumping = false;
    }
  };

  try {
    unsubscribe = await strategy.bus.subscribe(strategy.topic, receive);
    await strategy.open?.(out);
  } catch (error) {
    await out.return!();
    throw error;
  }
  const goLive = () => {
    live = true;
    void pump();
  };
  if (!strategy.start) goLive();
  else {
    const start = strategy.start;
    void (async () => {
      try {
        await start(out);
        goLive();
      } catch (error) {
        out.end(error);
      }
    })();
  }
  return out;
}
