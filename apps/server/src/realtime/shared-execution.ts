import { Kind, createSourceEventStream, execute, getOperationAST } from "graphql";
import type { DocumentNode, ExecutionArgs, ExecutionResult } from "graphql";
import { isPromiseLike } from "../execution.js";

/**
 * Subscribers that ask the same thing and may see the same thing get the same answer, so an event
 * is executed once per group, not once per subscriber: the work per event grows with the number of
 * distinct (operation, access class) pairs, not with the number of sockets.
 *
 * A group is (document, operation, variables except the cursor, access class). The access class
 * says what the operation's answer depends on besides the event (see `viewer-dependence.ts`): for a
 * selection that reads nothing from the viewer it is the same for every subscriber, so a room's
 * members of every organization share one execution. Each subscriber keeps its own source stream
 * (its own authorization, replay, gap fill and access checks): only events that stream let through
 * reach it. Only the execution of a shareable event (`eventSeq`) is shared; anything else (an
 * access-ended notice) runs per subscriber as before.
 */
export interface SharedExecution {
  /** For graphql-ws's `subscribe` option: `createSourceEventStream`, then one shared `execute` per event. */
  subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult>;
  /** Executions run for source events so far by this instance (shared ones count once). */
  readonly executions: number;
  /** Groups with at least one subscriber now. */
  readonly groups: number;
  /** Results held now for members of their group that have not asked for them yet. */
  readonly heldResults: number;
}

/** A subscriber's socket, written to directly with a shared result's JSON. */
export interface DirectSink {
  /**
   * Sends `{"id":…,"type":"next","payload":<resultJson>}` (`result` is what `resultJson` holds);
   * false when it cannot (the result then goes the usual way).
   */
  next(resultJson: string, result: ExecutionResult): boolean;
}

export interface SharedExecutionOptions {
  /**
   * What this subscriber's answer to this operation depends on besides the event (see
   * `accessClassOf`); subscribers of one operation with equal classes get equal results. null:
   * never share (e.g. anonymous).
   */
  accessClass(args: ExecutionArgs): string | null;
  /**
   * A shareable event's position in its stream, which names it within a group (a log's `seq`);
   * null: the event is executed for its subscriber alone. Default: room feed entries.
   */
  eventSeq?(event: unknown): number | null;
  /**
   * Where a subscriber's shared results may be written straight away, already serialized, instead
   * of being handed one by one through the transport's iterator. None: everything is handed over.
   */
  sinkOf?(contextValue: unknown): DirectSink | null;
  /** How an event is executed (e.g. compiled); default graphql-js's `execute`. */
  readonly execute?: (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;
  /** The context each event is executed with, from its operation's; default the operation's own. */
  readonly eventContext?: (contextValue: unknown) => unknown;
  /**
   * Results kept per group for subscribers that reach an event a little later, at most: a result
   * leaves as soon as every member of the group has asked for it. Default 64.
   */
  readonly recentEvents?: number;
}

/** The argument of a subscription field that only says where the stream starts, not what an event is. */
const CURSOR_ARGUMENT = "after";

/**
 * One event's shared execution: once settled the result and (on first need) its JSON; while it runs
 * (an execution that awaits something), its promise. A synchronous execution is settled at once.
 */
interface SharedResult {
  promise: Promise<ExecutionResult> | undefined;
  result: ExecutionResult | undefined;
  json: string | undefined;
  /** Members of the group that have not asked for it yet; at 0 it leaves `recent` (nobody else will ask). */
  unasked: number;
  /** Direct subscribers waiting for the result: called in one loop when it settles, no promise each. */
  waiting: { resume: () => void; fail: (error: unknown) => void }[] | undefined;
}

interface Group {
  members: number;
  readonly recent: Map<number, SharedResult>;
}

/**
 * Executions of subscription events run so far in this process, by every `sharedExecution` (shared
 * ones count once): for tests and benchmarks that measure executions per event.
 */
export const executionCounter = { executions: 0 };

export function sharedExecution(options: SharedExecutionOptions): SharedExecution {
  const recentEvents = options.recentEvents ?? 64;
  const shareableSeq = options.eventSeq ?? roomEntrySeq;
  const executeEvent = options.execute ?? execute;
  const eventContext = options.eventContext ?? ((contextValue: unknown) => contextValue);
  const groups = new Map<string, Group>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 1;
  let executions = 0;

  /** The one place an event is executed (a compiled executor may take graphql-js's place here). */
  const run = (args: ExecutionArgs, event: unknown): Promise<ExecutionResult> | ExecutionResult => {
    executions += 1;
    executionCounter.executions += 1;
    return executeEvent({ ...args, rootValue: event, contextValue: eventContext(args.contextValue) });
  };
  const runAsync = (args: ExecutionArgs, event: unknown): Promise<ExecutionResult> => Promise.resolve(attempt(() => run(args, event)));

  const groupKeyOf = (args: ExecutionArgs): string | null => {
    const access = options.accessClass(args);
    if (access === null) return null;
    let documentId = documentIds.get(args.document);
    if (documentId === undefined) documentIds.set(args.document, (documentId = nextDocumentId++));
    const variables = { ...(args.variableValues ?? {}) };
    for (const name of cursorVariables(args.document, args.operationName)) delete variables[name];
    const sorted = Object.keys(variables)
      .sort()
      .map((name) => [name, variables[name]]);
    return JSON.stringify([documentId, args.operationName ?? null, sorted, access]);
  };

  return {
    get executions() {
      return executions;
    },
    get groups() {
      return groups.size;
    },
    get heldResults() {
      let held = 0;
      for (const group of groups.values()) held += group.recent.size;
      return held;
    },
    async subscribe(args) {
      const source = await createSourceEventStream(args);
      if (!isAsyncIterator(source)) return source as ExecutionResult;
      const key = groupKeyOf(args);
      if (key === null)
        return mapEvents(
          source,
          (event) => runAsync(args, event),
          () => undefined,
        );
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { members: 0, recent: new Map() }));
      group.members += 1;
      const joined = group;
      const leave = () => {
        joined.members -= 1;
        if (joined.members === 0 && groups.get(key) === joined) groups.delete(key);
      };
      const share = (event: unknown): SharedResult | null => {
        const seq = shareableSeq(event);
        if (seq === null) return null;
        let shared = joined.recent.get(seq);
        if (!shared) {
          shared = executeShared(() => run(args, event), joined.members);
          joined.recent.set(seq, shared);
          if (joined.recent.size > recentEvents) joined.recent.delete(joined.recent.keys().next().value!);
        }
        // Once every member has it, nobody keeps it but those members: in a quiet room a result
        // would otherwise stay (and be promoted to the old generation) until 64 newer events push it out.
        if (--shared.unasked <= 0 && joined.recent.get(seq) === shared) joined.recent.delete(seq);
        return shared;
      };
      const sink = options.sinkOf?.(args.contextValue) ?? null;
      if (sink && isPushSource(source)) return directEvents(source, share, (event) => runAsync(args, event), sink, leave);
      return mapEvents(
        source,
        (event) => {
          const shared = share(event);
          if (!shared) return runAsync(args, event);
          return shared.promise ?? Promise.resolve(shared.result!);
        },
        leave,
      );
    },
  };
}

/**
 * Starts an event's shared execution for `members` subscribers. One that answers synchronously (a
 * compiled operation whose resolvers await nothing, as a room entry's usually is) is settled at
 * once, so its subscribers write it in the same turn, with no promise or waiting list; otherwise
 * the waiting subscribers are resumed (or failed) in one loop when it settles.
 */
function executeShared(execute: () => Promise<ExecutionResult> | ExecutionResult, members: number): SharedResult {
  const executed = attempt(execute);
  // Every entry has the same fields in the same order (one hidden class on the delivery path).
  const entry: SharedResult = { promise: undefined, result: undefined, json: undefined, unasked: members, waiting: undefined };
  if (!isPromiseLike(executed)) {
    entry.result = executed;
    return entry;
  }
  entry.promise = executed.then(
    (result) => {
      entry.result = result;
      for (const waiter of entry.waiting?.splice(0) ?? []) waiter.resume();
      return result;
    },
    (error: unknown) => {
      for (const waiter of entry.waiting?.splice(0) ?? []) waiter.fail(error);
      throw error;
    },
  );
  // Direct subscribers hear of a failure through `waiting`; an unawaited rejection must not crash.
  entry.promise.catch(() => undefined);
  return entry;
}

/** `execute()`, a synchronous throw turned into a rejected promise. */
function attempt<T>(execute: () => Promise<T> | T): Promise<T> | T {
  try {
    return execute();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A room feed's log entry (`{ kind: "entry", entry: { seq } }`) is shareable; its seq names it within a group. */
export function roomEntrySeq(event: unknown): number | null {
  const item = event as { kind?: unknown; entry?: { seq?: unknown } } | null;
  return item?.kind === "entry" && typeof item.entry?.seq === "number" ? item.entry.seq : null;
}

/** Variables passed as the cursor argument of the operation's root fields. */
function cursorVariables(document: DocumentNode, operationName: string | null | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  const names: string[] = [];
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    for (const argument of selection.arguments ?? []) {
      if (argument.name.value === CURSOR_ARGUMENT && argument.value.kind === Kind.VARIABLE) names.push(argument.value.name.value);
    }
  }
  return names;
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> {
  return typeof (value as { [Symbol.asyncIterator]?: unknown })?.[Symbol.asyncIterator] === "function";
}

/** The source's events turned into results; ending either side ends the source and calls `onEnd` once. */
function mapEvents(
  source: AsyncIterator<unknown>,
  map: (event: unknown) => Promise<ExecutionResult>,
  onEnd: () => void,
): AsyncGenerator<ExecutionResult> {
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    onEnd();
    await source.return?.();
  };
  const results: AsyncGenerator<ExecutionResult> = {
    async next() {
      const next = await source.next().catch(async (error: unknown) => {
        await end();
        throw error;
      });
      if (next.done) {
        await end();
        return { value: undefined, done: true };
      }
      return { value: await map(next.value), done: false };
    },
    async return() {
      await end();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  };
  return results;
}

/** A source that can push its events to a consumer as they come (see `Stream.consume`). */
interface PushSource extends AsyncIterator<unknown> {
  consume(onEvent: (event: unknown) => void, onEnd: (error?: unknown) => void): void;
}

function isPushSource(source: AsyncIterator<unknown>): source is PushSource {
  return typeof (source as Partial<PushSource>).consume === "function";
}

/**
 * Like `mapEvents`, but pushed: each event is taken from the source the moment it is pushed, and
 * an error-free shared result is written to the subscriber's sink, serialized once for the whole
 * group, with no promise, iterator step or JSON.stringify per subscriber. Whatever cannot go that
 * way (a result with errors, an event executed per subscriber, a result the sink declines) is
 * handed to the transport's iterator, in order: nothing later is written until it has been taken.
 */
function directEvents(
  source: PushSource,
  share: (event: unknown) => SharedResult | null,
  runAlone: (event: unknown) => Promise<ExecutionResult>,
  sink: DirectSink,
  onEnd: () => void,
): AsyncGenerator<ExecutionResult> {
  const queue: unknown[] = [];
  let ended = false;
  let sourceEnded = false;
  /** Waiting for an execution or for the transport to take a result. */
  let busy = false;
  /** The transport's pending `next()`. */
  let reader: { resolve: (result: IteratorResult<ExecutionResult>) => void; reject: (error: unknown) => void } | null = null;
  /** A result for the transport to take. */
  let offered: ExecutionResult | null = null;
  /** The transport has taken a result; its next `next()` says it has sent it (then the queue goes on). */
  let inFlight = false;
  let failure: { error: unknown } | null = null;
  /** The shared execution this subscriber waits for (its result is the next to go out). */
  let awaited: SharedResult | null = null;

  const end = () => {
    if (ended) return;
    ended = true;
    queue.length = 0;
    awaited = null;
    offered = null;
    onEnd();
    inFlight = false;
    void source.return?.();
  };
  const settle = () => {
    if (!reader) return;
    const current = reader;
    if (offered) {
      reader = null;
      const result = offered;
      offered = null;
      inFlight = true;
      current.resolve({ value: result, done: false });
    } else if (failure) {
      reader = null;
      current.reject(failure.error);
    } else if (ended) {
      reader = null;
      current.resolve({ value: undefined, done: true });
    }
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    end();
    settle();
  };
  /** Hands `result` to the transport; the queue goes on once the transport asks for more (it has sent this). */
  const handOver = (result: ExecutionResult) => {
    busy = true;
    offered = result;
    settle();
  };
  /** Writes a settled shared result to the sink, or hands it to the transport if it cannot go that way. */
  const deliver = (shared: SharedResult) => {
    const result = shared.result!;
    if (!result.errors?.length && sink.next((shared.json ??= JSON.stringify(result)), result)) return;
    handOver(result);
  };
  const resume = () => {
    busy = false;
    if (ended) return;
    if (awaited) {
      const shared = awaited;
      awaited = null;
      deliver(shared);
    }
    drain();
  };
  /** What waits in a shared result's `waiting` list for this subscriber (one object for all its events). */
  const waiter = { resume, fail };
  /** Takes the next event: delivered now, or `busy` until its execution settles or the transport has sent it. */
  const take = (event: unknown) => {
    const shared = share(event);
    if (!shared) {
      busy = true;
      runAlone(event).then(handOver, fail);
    } else if (shared.result === undefined) {
      busy = true;
      awaited = shared;
      (shared.waiting ??= []).push(waiter);
    } else deliver(shared);
  };
  const drain = () => {
    while (!busy && !ended && queue.length > 0) take(queue.shift());
    if (sourceEnded && queue.length === 0 && !busy) {
      end();
      settle();
    }
  };

  source.consume(
    (event) => {
      if (ended) return;
      // A subscriber with nothing in hand takes the event at once: no queue (in a quiet room, every event).
      if (busy) queue.push(event);
      else take(event);
    },
    (error) => {
      sourceEnded = true;
      if (error !== undefined) fail(error);
      else drain();
    },
  );

  const results: AsyncGenerator<ExecutionResult> = {
    next() {
      const sent = inFlight;
      inFlight = false;
      return new Promise((resolve, reject) => {
        reader = { resolve, reject };
        if (sent) resume();
        settle();
      });
    },
    async return() {
      end();
      settle();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      end();
      settle();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  };
  return results;
}
