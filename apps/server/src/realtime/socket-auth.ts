import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import type { Viewer } from "../auth/viewer.js";
import { isAllowedOrigin, readSessionCookie } from "../auth/web-session.js";
import type { Config } from "../config.js";
import type { Services } from "../context.js";
import { viewerFromAuthorization, viewerFromRequest } from "../context.js";
import { INTERNAL_ERROR_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, isOutage } from "../errors.js";
import { callerKey } from "../limits/index.js";
import type { Logger } from "../logger.js";
import { onApiTokenRevoked } from "../modules/api-token/api-token.service.js";
import { SessionSockets } from "./socket-sessions.js";

/**
 * Who a socket speaks for, and for how long: the caller from `connectionParams.authorization` or
 * the web session cookie, the caps on sockets per caller, and the closing of sockets whose API
 * token is revoked (on any instance) or whose session ends or expires (`SessionSockets`). Knows
 * nothing of graphql-ws: the protocol glue in websocket.ts asks `admit` and acts on its answer.
 */

/** WebSocket close code for "the server cannot take this now, reconnect later" (RFC 6455 registry). */
export const TRY_AGAIN_LATER = 1013;

/** Close code and reason for a socket whose API token was revoked (graphql-ws's "Forbidden", as for a bad token). */
export const TOKEN_REVOKED = { code: 4403, reason: "API token revoked" } as const;

/** Close code and reason for a socket over its caller's cap (`MAX_SOCKETS_PER_USER` / `MAX_SOCKETS_PER_API_TOKEN`). */
export const TOO_MANY_SOCKETS = { code: 4429, reason: "Too many open sockets for this caller" } as const;

/** Revoked token ids remembered to close the race "authenticated, then revoked, then registered". */
const REMEMBERED_REVOCATIONS = 10_000;

/**
 * The open sockets of each caller (user or API token) on this instance: to cap how many each may
 * hold, and so that a token revocation heard on the bus closes that token's sockets. Tokens
 * revoked while a socket was still being authenticated are remembered, so such a socket is refused too.
 */
class CallerSockets {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly revoked = new Set<string>();

  constructor(private readonly capOf: (viewer: Viewer) => number) {}

  /** Ids of the API tokens with open sockets. */
  get tokenIds(): string[] {
    return [...this.sockets.keys()].filter((key) => key.startsWith("token:")).map((key) => key.slice("token:".length));
  }

  /** Registers `socket` for its caller until it closes: "revoked" if its token was revoked meanwhile, "full" over the cap. */
  add(viewer: Viewer, socket: WebSocket): "added" | "revoked" | "full" {
    if (viewer.kind === "token" && this.revoked.has(viewer.tokenId)) return "revoked";
    const key = callerKey(viewer, null);
    let set = this.sockets.get(key);
    if (set && set.size >= this.capOf(viewer)) return "full";
    if (!set) this.sockets.set(key, (set = new Set()));
    set.add(socket);
    socket.once("close", () => {
      set.delete(socket);
      if (set.size === 0 && this.sockets.get(key) === set) this.sockets.delete(key);
    });
    return "added";
  }

  /** Closes every socket of `tokenId` with 4403 and refuses its sockets still being authenticated. */
  revoke(tokenId: string): void {
    this.revoked.add(tokenId);
    if (this.revoked.size > REMEMBERED_REVOCATIONS) this.revoked.delete(this.revoked.values().next().value!);
    for (const socket of this.sockets.get(`token:${tokenId}`) ?? []) socket.close(TOKEN_REVOKED.code, TOKEN_REVOKED.reason);
  }
}

export interface SocketAuth {
  /**
   * Browsers send cookies on a WebSocket upgrade from any page, and the same-origin policy does not
   * apply: a socket that would sign in with the session cookie must come from our own origin.
   */
  mayUpgrade(request: IncomingMessage): boolean;
  /**
   * The caller of a new socket, registered until the socket closes; null to refuse it (graphql-ws
   * then closes with 4403 unless this already closed it with a more telling code). Throws (an
   * internal error) when the caller could not be looked up for another reason than an outage.
   */
  admit(socket: WebSocket, request: IncomingMessage, authorization: unknown): Promise<Viewer | null>;
  /** Stops hearing revocations and session news. */
  stop(): Promise<void>;
}

/** Starts listening for revocations before the first socket is accepted, so none goes unheard. */
export async function socketAuth(deps: {
  services: Services;
  logger: Logger;
  config: Pick<Config, "maxSocketsPerUser" | "maxSocketsPerApiToken"> & Partial<Pick<Config, "webOrigins">>;
}): Promise<SocketAuth> {
  const { services, logger, config } = deps;
  const callerSockets = new CallerSockets((viewer) => (viewer.kind === "token" ? config.maxSocketsPerApiToken : config.maxSocketsPerUser));
  const stopListening = await onApiTokenRevoked(
    services.bus,
    ({ tokenId }) => callerSockets.revoke(tokenId),
    () => {
      // The bus was cut off: revocations may have been lost, so ask the database.
      services.apiTokens.revokedAmong(callerSockets.tokenIds).then(
        (revoked) => revoked.forEach((tokenId) => callerSockets.revoke(tokenId)),
        (error: unknown) => logger.error({ err: error }, "could not look up revoked API tokens"),
      );
    },
  );
  const sessionSockets = new SessionSockets(services.sessions, logger);
  const stopSessionNews = sessionSockets.start();
  const webOrigins = config.webOrigins ?? [];

  return {
    mayUpgrade(request) {
      return (
        readSessionCookie(request.headers.cookie) === null || isAllowedOrigin(request.headers.origin, request.headers.host, webOrigins)
      );
    },
    async admit(socket, request, authorization) {
      let viewer: Viewer | null;
      try {
        viewer =
          authorization === undefined
            ? (await viewerFromRequest(services, { cookie: request.headers.cookie })).viewer
            : await viewerFromAuthorization(services, authorization);
      } catch (error) {
        logger.error({ err: error }, "could not authenticate a socket");
        if (isOutage(error)) {
          // 1013 Try Again Later: the client should reconnect after a pause, not give up. (The
          // first close wins: graphql-ws's own for a refusal goes nowhere.)
          socket.close(TRY_AGAIN_LATER, SERVICE_UNAVAILABLE_MESSAGE);
          return null;
        }
        throw new Error(INTERNAL_ERROR_MESSAGE);
      }
      // Anonymous sockets are refused outright (4403 Forbidden): signing in is done over HTTP.
      if (!viewer) return null;
      const added = callerSockets.add(viewer, socket);
      if (added === "revoked") return null;
      if (added === "full") {
        // graphql-ws would close with 4403 after a refusal; this close comes first and wins.
        socket.close(TOO_MANY_SOCKETS.code, TOO_MANY_SOCKETS.reason);
        return null;
      }
      // A session's socket closes when the session ends or expires (4401).
      if (viewer.kind === "user" && !sessionSockets.add(viewer, socket)) return null;
      return viewer;
    },
    async stop() {
      await stopListening();
      stopSessionNews();
    },
  };
}
