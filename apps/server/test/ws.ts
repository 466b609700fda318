import { createClient } from "graphql-ws";
import type { Client, ExecutionResult } from "graphql-ws";
import WebSocket from "ws";

/** The socket URL of a server's `/graphql`. */
export const wsUrl = (httpUrl: string): string => `${httpUrl.replace(/^http/, "ws")}/graphql`;

export interface SocketClient {
  readonly client: Client;
  /** Close events the client saw (code, reason). */
  readonly closes: { code: number; reason: string }[];
  /** Resolves once the server acknowledged the connection (`connection_ack`): the socket is open and signed in. */
  readonly connected: Promise<void>;
  dispose(): Promise<void>;
}

/** A graphql-ws client signed in with `token` (none: anonymous); it never retries on its own. */
export function socketClient(httpUrl: string, token?: string): SocketClient {
  const closes: { code: number; reason: string }[] = [];
  let acknowledged!: () => void;
  const connected = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: {
      connected: () => acknowledged(),
      closed: (event) =>
        void closes.push({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }),
    },
  });
  return { client, closes, connected, dispose: () => client.dispose() as Promise<void> };
}

export interface Feed<T> {
  /** Data of every `next` without errors, in order. */
  readonly items: T[];
  /** Every error the operation got, from `next` payloads or an `error` message. */
  readonly errors: { message: string; extensions?: Record<string, unknown> }[];
  /** Close events or other transport failures. */
  readonly failures: unknown[];
  readonly completed: boolean;
  /** Resolves once `count` items arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the operation ends (complete or error). */
  readonly ended: Promise<void>;
  stop(): void;
}

/** Subscribes and records what arrives; `field` picks the subscription's root field from `data`. */
export function follow<T = Record<string, any>>(
  socket: SocketClient,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Feed<T> {
  const items: T[] = [];
  const errors: Feed<T>["errors"] = [];
  const failures: unknown[] = [];
  let completed = false;
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const stop = socket.client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next(result: ExecutionResult<Record<string, T>>) {
        if (result.errors?.length) errors.push(...(result.errors as unknown as Feed<T>["errors"]));
        else if (result.data) items.push(result.data[field]!);
      },
      error(error: unknown) {
        if (Array.isArray(error)) errors.push(...error);
        else failures.push(error);
        end();
      },
      complete() {
        completed = true;
        end();
      },
    },
  );
  return {
    items,
    errors,
    failures,
    get completed() {
      return completed;
    },
    ended,
    stop,
    async waitFor(count, timeoutMs = 5_000) {
      await until(
        () => items.length >= count,
        timeoutMs,
        () => `${items.length}/${count} items; errors ${JSON.stringify(errors)}; failures ${failures.length}`,
      );
      return items.slice(0, count);
    },
  };
}

/** What an operation's first message said: its first result, or the errors it was refused with. */
export interface Answer {
  readonly data?: Record<string, any> | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, any>;
}

/**
 * Sends one operation (query, mutation or subscription) and resolves with its first answer. A
 * subscription goes on until the socket is disposed: stopping the last operation would close the
 * lazy client's socket under the next one.
 */
export function firstAnswer(socket: SocketClient, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    socket.client.subscribe(
      { query, variables },
      {
        next(result) {
          if (!answered) resolve(result as Answer);
          answered = true;
        },
        error(error: unknown) {
          if (Array.isArray(error)) resolve({ errors: error });
          else reject(error instanceof Error ? error : new Error(`socket closed: ${JSON.stringify(socket.closes)}`));
        },
        complete() {
          if (!answered) resolve({});
        },
      },
    );
  });
}

/** Polls `check` until it holds; fails with `describe()` after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, describe: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms ${describe()}`);
    await sleep(20); // the polling interval, not a wait for anything
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A bare protocol-level socket, to send what a well-behaved client never would. */
export async function rawSocket(httpUrl: string): Promise<{
  socket: WebSocket;
  messages: Record<string, any>[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}> {
  const socket = new WebSocket(wsUrl(httpUrl), "graphql-transport-ws");
  const messages: Record<string, any>[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return { socket, messages, closed, send: (message) => socket.send(typeof message === "string" ? message : JSON.stringify(message)) };
}

export const ROOM_ACTIVITY = `subscription ($id: ID!, $after: String) { roomActivity(opportunityId: $id, after: $after) { id seq cursor kind body actor { name } } }`;
export const ROOM_PRESENCE = `subscription ($id: ID!) { roomPresence(opportunityId: $id) { opportunityId users { name } at } }`;
export const STAGE_CHANGES = `subscription ($filter: StageChangeFilter, $after: String) { dealStageChanged(filter: $filter, after: $after) { opportunity { id title stage } fromStage toStage changedBy { name } at cursor } }`;

export interface ActivityItem {
  id: string;
  seq: number;
  cursor: string;
  kind: string;
  body: string | null;
  actor: { name: string } | null;
}
