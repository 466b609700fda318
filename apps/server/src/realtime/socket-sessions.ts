import type { WebSocket } from "ws";
import type { Viewer } from "../auth/viewer.js";
import type { Logger } from "../logger.js";
import type { SessionService } from "../modules/session/session.service.js";

/**
 * Close codes of a socket opened with a session token or the session cookie. 4401 is graphql-ws's
 * "Unauthorized", which its clients do not retry: sign in again. 4205 asks the client to reconnect,
 * which authenticates the socket afresh (after the user's organization or role changed).
 */
export const SESSION_ENDED = { code: 4401, reason: "Session ended" } as const;
export const SESSION_EXPIRED = { code: 4401, reason: "Session expired" } as const;
export const SESSION_CHANGED = { code: 4205, reason: "Sign-in changed: reconnect" } as const;

/** setTimeout's longest delay; a later expiry re-arms the timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type UserViewer = Extract<Viewer, { kind: "user" }>;

/**
 * The open sockets of each signed-in user. A socket closes with 4401 when its session expires (a
 * timer per socket, so no message needs to arrive) or ends on any instance, and is re-authenticated
 * when its user changes.
 */
export class SessionSockets {
  private readonly byUser = new Map<string, Map<WebSocket, UserViewer>>();

  constructor(
    private readonly sessions: SessionService,
    private readonly logger: Logger,
  ) {}

  /** Starts hearing session news; returns the function that stops it. */
  start(): () => void {
    return this.sessions.onNews((news) => {
      if (news.type === "sessionsEnded") {
        for (const [socket, viewer] of this.byUser.get(news.userId) ?? []) {
          if (news.sessionIds === null || news.sessionIds.includes(viewer.sessionId))
            socket.close(SESSION_ENDED.code, SESSION_ENDED.reason);
        }
      } else if (news.type === "userChanged") {
        this.recheck([...(this.byUser.get(news.userId) ?? [])]);
      } else {
        this.recheck([...this.byUser.values()].flatMap((sockets) => [...sockets]));
      }
    });
  }

  /** Registers `socket` until it closes; false if its session is already known to be over. */
  add(viewer: UserViewer, socket: WebSocket): boolean {
    if (this.sessions.isKnownOver(viewer.sessionId)) return false;
    let sockets = this.byUser.get(viewer.userId);
    if (!sockets) this.byUser.set(viewer.userId, (sockets = new Map()));
    sockets.set(socket, viewer);
    let timer: NodeJS.Timeout;
    const arm = () => {
      const delay = viewer.sessionExpiresAtMs - Date.now();
      timer =
        delay > MAX_TIMER_MS
          ? setTimeout(arm, MAX_TIMER_MS)
          : setTimeout(() => socket.close(SESSION_EXPIRED.code, SESSION_EXPIRED.reason), Math.max(delay, 0));
    };
    arm();
    socket.once("close", () => {
      clearTimeout(timer);
      sockets.delete(socket);
      if (sockets.size === 0 && this.byUser.get(viewer.userId) === sockets) this.byUser.delete(viewer.userId);
    });
    return true;
  }

  /** Asks the database about each socket's session and user: over closes it, changed reconnects it. */
  private recheck(entries: [WebSocket, UserViewer][]): void {
    for (const [socket, viewer] of entries) {
      this.sessions.viewerOf(viewer).then(
        (now) => {
          if (!now) socket.close(SESSION_ENDED.code, SESSION_ENDED.reason);
          else if (now.organizationId !== viewer.organizationId || (now.kind === "user" && now.role !== viewer.role)) {
            socket.close(SESSION_CHANGED.code, SESSION_CHANGED.reason);
          }
        },
        (error: unknown) => this.logger.error({ err: error }, "could not re-authenticate a socket"),
      );
    }
  }
}
