import { Kind, createSourceEventStream, execute, getOperationAST } from "graphql";
import type { DocumentNode, ExecutionArgs, ExecutionResult } from "graphql";

/**
 * Subscribers that ask the same thing with the same rights get the same answer, so an event is
 * executed once per group, not once per subscriber: the work per event grows with the number of
 * distinct operations, not with the number of sockets.
 *
 * A group is (document, operation, variables except the cursor, permission class). Each subscriber
 * keeps its own source stream (its own authorization, replay, gap fill and access checks); only the
 * execution of a shareable event — a log entry, identified within its group by its `seq` — is
 * shared. Anything else (an access-ended notice, a stage change) runs per subscriber as before.
 */
export interface SharedExecution {
  /** For graphql-ws's `subscribe` option: `createSourceEventStream`, then one shared `execute` per event. */
  subscribe(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult>;
  /** Executions run for source events so far (shared ones count once). */
  readonly executions: number;
  /** Groups with at least one subscriber now. */
  readonly groups: number;
}

export interface SharedExecutionOptions {
  /**
   * What the subscriber's rights depend on (see `permissionClassOf`); subscribers with equal classes
   * see equal results. null: never share (e.g. anonymous).
   */
  permissionClass(contextValue: unknown): string | null;
  /** Results kept per group for subscribers that reach an event a little later. Default 64. */
  readonly recentEvents?: number;
}

/** The argument of a subscription field that only says where the stream starts, not what an event is. */
const CURSOR_ARGUMENT = "after";

interface Group {
  members: number;
  readonly recent: Map<number, Promise<ExecutionResult>>;
}

export function sharedExecution(options: SharedExecutionOptions): SharedExecution {
  const recentEvents = options.recentEvents ?? 64;
  const groups = new Map<string, Group>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 1;
  let executions = 0;

  const run = (args: ExecutionArgs, event: unknown): Promise<ExecutionResult> => {
    executions += 1;
    return Promise.resolve(execute({ ...args, rootValue: event }));
  };

  const groupKeyOf = (args: ExecutionArgs): string | null => {
    const permission = options.permissionClass(args.contextValue);
    if (permission === null) return null;
    let documentId = documentIds.get(args.document);
    if (documentId === undefined) documentIds.set(args.document, (documentId = nextDocumentId++));
    const variables = { ...(args.variableValues ?? {}) };
    for (const name of cursorVariables(args.document, args.operationName)) delete variables[name];
    const sorted = Object.keys(variables)
      .sort()
      .map((name) => [name, variables[name]]);
    return JSON.stringify([documentId, args.operationName ?? null, sorted, permission]);
  };

  return {
    get executions() {
      return executions;
    },
    get groups() {
      return groups.size;
    },
    async subscribe(args) {
      const source = await createSourceEventStream(args);
      if (!isAsyncIterator(source)) return source as ExecutionResult;
      const key = groupKeyOf(args);
      if (key === null) return mapEvents(source, (event) => run(args, event), () => undefined);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { members: 0, recent: new Map() }));
      group.members += 1;
      const joined = group;
      const leave = () => {
        joined.members -= 1;
        if (joined.members === 0 && groups.get(key) === joined) groups.delete(key);
      };
      return mapEvents(
        source,
        (event) => {
          const seq = shareableSeq(event);
          if (seq === null) return run(args, event);
          let result = joined.recent.get(seq);
          if (!result) {
            result = run(args, event);
            joined.recent.set(seq, result);
            if (joined.recent.size > recentEvents) joined.recent.delete(joined.recent.keys().next().value!);
          }
          return result;
        },
        leave,
      );
    },
  };
}

/** A room feed's log entry (`{ kind: "entry", entry: { seq } }`) is shareable; its seq names it within a group. */
function shareableSeq(event: unknown): number | null {
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
function mapEvents(source: AsyncIterator<unknown>, map: (event: unknown) => Promise<ExecutionResult>, onEnd: () => void): AsyncGenerator<ExecutionResult> {
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
