import { GraphQLError, execute as executeGraphQLJs, getOperationAST } from "graphql";
import { noteOperation } from "./db/projection.js";
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import type { CompiledQuery } from "graphql-jit";

/**
 * Compiled execution: each distinct operation (document and operation name) is compiled once by
 * graphql-jit into a function that resolves exactly that selection, and every later request runs
 * that function; measured here about three times graphql-js's `execute` on a small query.
 *
 * Results and errors are graphql-js's, by construction or by falling back to it:
 * - an operation graphql-jit cannot compile runs on graphql-js (remembered, so it is tried once);
 * - variables that do not coerce are answered by graphql-js, whose messages (and Apollo's
 *   BAD_USER_INPUT mapping) clients see today: nothing has run at that point, so running it there
 *   costs nothing and changes nothing;
 * - with `mode: "verify"`, every query and subscription event is executed both ways and a
 *   difference is reported (`onDifference`) and answered with graphql-js's result; mutations run
 *   once, compiled. The test suite can run in this mode (`GRAPHQL_EXECUTION=verify`).
 * Errors keep their `originalError`, so `toClientError` masks them the same way on both paths.
 */
export type ExecutionMode = "compiled" | "graphql-js" | "verify";

export type Execute = (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;

export interface CompiledExecutorOptions {
  readonly mode?: ExecutionMode;
  /** Compiled operations kept; the least recently used goes first. Default 1,000. */
  readonly capacity?: number;
  /** Told of every result that differs between the two executors (`verify` mode). */
  readonly onDifference?: (difference: ExecutionDifference) => void;
}

export interface ExecutionDifference {
  readonly operationName: string | null;
  readonly document: DocumentNode;
  readonly compiled: unknown;
  readonly reference: unknown;
}

export interface CompiledExecutor {
  readonly execute: Execute;
  /** Compiled operations held now. */
  readonly size: number;
  /** Operations run on graphql-js because graphql-jit could not compile them. */
  readonly fallbacks: number;
}

/** A compiled operation, or `null` for one graphql-jit refused. */
type Entry = CompiledQuery | null;

/** A document's compiled operations by name, and when it was last used (a tick of the executor's clock). */
interface Compiled {
  readonly byName: Map<string, Entry>;
  used: number;
}

export function compiledExecutor(schema: GraphQLSchema, options: CompiledExecutorOptions = {}): CompiledExecutor {
  const mode = options.mode ?? "compiled";
  const capacity = options.capacity ?? 1_000;
  // Keyed by the document object: Apollo's document store and the socket's DocumentCache hand the
  // same parsed document for the same query text, so a repeated operation is one lookup. A hit only
  // stamps its document as used: moving it to the end of the map (a delete and a re-insert) left a
  // deleted slot behind on every execution, and V8 rebuilt the map's table each time they filled it.
  const entries = new Map<DocumentNode, Compiled>();
  let clock = 0;
  let size = 0;
  let fallbacks = 0;

  /** Drops the least recently used document's operations (a scan: only when one more is compiled past the capacity). */
  const evictOldest = () => {
    let oldest: DocumentNode | undefined;
    let oldestUse = Infinity;
    for (const [document, { used }] of entries) {
      if (used < oldestUse) [oldest, oldestUse] = [document, used];
    }
    size -= entries.get(oldest!)!.byName.size;
    entries.delete(oldest!);
  };

  const compiled = (document: DocumentNode, operationName: string | null | undefined): Entry => {
    const name = operationName ?? "";
    let held = entries.get(document);
    if (held) {
      held.used = ++clock;
      const found = held.byName.get(name);
      if (found !== undefined) return found;
    } else {
      entries.set(document, (held = { byName: new Map(), used: ++clock }));
    }
    const result = compileQuery(schema, document, operationName ?? undefined);
    const entry = isCompiledQuery(result) ? result : null;
    if (!entry) fallbacks += 1;
    held.byName.set(name, entry);
    size += 1;
    while (size > capacity) evictOldest();
    return entry;
  };

  const runCompiled = (args: ExecutionArgs): Promise<ExecutionResult> | ExecutionResult => {
    // Custom resolvers or another schema: compiled operations would not know them.
    if (args.fieldResolver || args.typeResolver || args.subscribeFieldResolver || args.schema !== schema) return executeGraphQLJs(args);
    const entry = compiled(args.document, args.operationName);
    if (!entry) return executeGraphQLJs(args);
    const answer = (result: ExecutionResult) => {
      if (!result.errors?.length) return result;
      // No data at all: the variables did not coerce, so nothing ran. graphql-js words the refusal
      // as clients know it (and as Apollo maps it to BAD_USER_INPUT).
      if (result.data === undefined) return executeGraphQLJs(args);
      return { ...result, errors: result.errors.map(asGraphQLJsError) };
    };
    const result = entry.query(args.rootValue, args.contextValue, args.variableValues ?? {});
    return isPromiseLike(result) ? result.then(answer) : answer(result);
  };

  const verify = async (args: ExecutionArgs): Promise<ExecutionResult> => {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation === "mutation") return runCompiled(args);
    const [mine, reference] = await Promise.all([runCompiled(args), executeGraphQLJs(args)]);
    const a = comparable(mine);
    const b = comparable(reference);
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      options.onDifference?.({ operationName: args.operationName ?? null, document: args.document, compiled: a, reference: b });
    }
    return reference;
  };

  const run = mode === "graphql-js" ? executeGraphQLJs : mode === "verify" ? verify : runCompiled;
  return {
    // The context learns its operation first: its loaders then read only the columns it needs.
    execute: (args) => {
      noteOperation(args);
      return run(args);
    },
    get size() {
      return size;
    },
    get fallbacks() {
      return fallbacks;
    },
  };
}

/**
 * graphql-jit's errors carry the same message, path, locations and cause as graphql-js's, but leave
 * `extensions` undefined where graphql-js gives `{}` (Apollo's error formatting reads it): the
 * same error, made by graphql-js.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  if (error.extensions !== undefined) return error;
  const copy = new GraphQLError(error.message, {
    path: error.path,
    ...(error.originalError ? { originalError: error.originalError } : {}),
  });
  // Locations as graphql-jit computed them from the same nodes (the constructor takes only nodes).
  (copy as { locations: GraphQLError["locations"] }).locations = error.locations;
  return copy;
}

/** What a client can tell apart: data, and each error's message, path, locations, extensions and cause. */
export function comparable(result: ExecutionResult): unknown {
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({
      message: error.message,
      path: error.path,
      locations: error.locations,
      extensions: error.extensions,
      cause: originOf(error),
    })),
  };
}

/** The error a resolver threw, as masking sees it (its class and message). */
function originOf(error: Error): string | null {
  let original: unknown = error;
  while (original && typeof original === "object" && "originalError" in original && original.originalError)
    original = original.originalError;
  return original === error ? null : `${(original as Error).constructor.name}: ${(original as Error).message}`;
}

/** Whether an execution answered with a promise (it awaited something) rather than its result. */
export function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
