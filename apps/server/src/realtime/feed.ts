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
  const stopRechecks = strategy.recheckMs === undefined ? undefined : recheckEvery(strategy.recheckMs, () => receive(RECHECK));

  const out = stream<T>(() => {
    stopRechecks?.();
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

/** Turns of a recheck wheel per period: feeds that joined within the same turn re-check together. */
const RECHECK_SLOTS = 30;

/**
 * The longest a `spreadEvery` wheel waits between turns, in ms (it turns at least `RECHECK_SLOTS`
 * times a period). Short, so that a turn is a few members: with 10,000 sockets pinged every 12 s a
 * 10 ms turn is about 8 pings and their pongs, a fifth of a ms, where a 50 ms one was about 40, a
 * ms or more in which no event was delivered, and every 50 ms. An empty turn costs a timer tick.
 */
const SPREAD_TURN_MS = 10;

/**
 * One timer per period that ticks through slots, each member called on its slot's tick, once a
 * period. How a member gets its slot is the wheel's kind:
 * - `together` (`recheckEvery`): the slot the wheel is on, so a member runs one period after it
 *   joined and every period after, as with a timer of its own, and members that joined in the same
 *   turn (a burst of subscribes, and in steady state whoever started in the same 1/30 of the period)
 *   run in the same tick: their access checks and log heads go to the database as one batched query
 *   (DataLoader) instead of one query per feed spread over the period.
 * - `spread` (`spreadEvery`): the slots in turn, whenever the member joined, on a wheel that turns
 *   every `SPREAD_TURN_MS` at most: for work that gains nothing from going together (a ping is a
 *   write of its own), so that thousands of members are a few calls every turn, not a burst.
 */
class Wheel {
  private readonly slots: Set<() => void>[];
  private at = 0;
  private dealt = 0;
  private members = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly periodMs: number,
    private readonly spread: boolean,
    private readonly onEmpty: () => void,
  ) {
    const count = spread ? Math.max(RECHECK_SLOTS, Math.ceil(periodMs / SPREAD_TURN_MS)) : RECHECK_SLOTS;
    this.slots = Array.from({ length: count }, () => new Set<() => void>());
  }

  join(member: () => void): () => void {
    const slot = this.slots[this.spread ? this.dealt++ % this.slots.length : this.at]!;
    slot.add(member);
    if (this.members++ === 0) {
      this.timer = setInterval(() => this.turn(), this.periodMs / this.slots.length);
      this.timer.unref();
    }
    return () => {
      if (!slot.delete(member) || --this.members > 0) return;
      clearInterval(this.timer);
      this.onEmpty();
    };
  }

  private turn(): void {
    this.at = (this.at + 1) % this.slots.length;
    const slot = this.slots[this.at]!;
    if (slot.size > 0) for (const member of [...slot]) member();
  }
}

const wheels = new Map<string, Wheel>();

function wheelOf(periodMs: number, spread: boolean): Wheel {
  const key = `${periodMs}:${spread ? "spread" : "together"}`;
  let wheel = wheels.get(key);
  if (!wheel) {
    const made = new Wheel(periodMs, spread, () => {
      if (wheels.get(key) === made) wheels.delete(key);
    });
    wheels.set(key, (wheel = made));
  }
  return wheel;
}

/**
 * Calls `recheck` every `periodMs`, the first time one period from now, until the returned
 * function is called; re-checks that started in the same turn of the shared wheel run together.
 */
export function recheckEvery(periodMs: number, recheck: () => void): () => void {
  return wheelOf(periodMs, false).join(recheck);
}

/**
 * Calls `task` every `periodMs`, the first time within one period, until the returned function is
 * called; the tasks of a period are dealt evenly over it, however they arrived (see `Wheel`).
 */
export function spreadEvery(periodMs: number, task: () => void): () => void {
  return wheelOf(periodMs, true).join(task);
}
