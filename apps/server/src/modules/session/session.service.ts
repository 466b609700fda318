import type { OrgRole } from "@cosell/schema";
import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { SessionClaims, SessionTokens } from "../../auth/jwt.js";
import type { Viewer } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import { preparedRows } from "../../db/prepared.js";
import { forbidden } from "../../errors.js";
import { newId } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { BUS_RESUMED, messageType } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";

/**
 * News about sessions, on every instance: sessions that ended (sign-out, sign-out everywhere) and
 * users whose organization, role or active state changed. Each instance drops what it remembers of
 * them and closes or re-authenticates their sockets (`SessionSockets`).
 */
export const SESSIONS_TOPIC = "sessions";

export type SessionNews =
  | {
      readonly type: "sessionsEnded";
      readonly userId: string;
      /** null: every session of the user */ readonly sessionIds: readonly string[] | null;
    }
  | { readonly type: "userChanged"; readonly userId: string };

/**
 * How long a session and its user's organization, role and active state are remembered without
 * asking the database again, in milliseconds. Changes are announced on the bus and apply at once;
 * this bounds how long an announcement lost with a Redis outage could go unnoticed.
 */
export const SESSION_CACHE_MS = 5_000;

/** Sessions remembered per instance (ended ones included, so they are refused without a query). */
const SESSION_CACHE_SIZE = 10_000;

/** `last_seen_at` is written at most this often per session. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** A session and its user as the database has them. */
export interface SessionRecord {
  readonly userId: string;
  readonly organizationId: string;
  readonly role: OrgRole;
  readonly active: boolean;
  readonly expiresAtMs: number;
  readonly revoked: boolean;
  readonly lastSeenAtMs: number;
}

/** Reads a session; the database by default (the benchmarks pass one without a database). */
export type SessionLookup = (sessionId: string) => Promise<SessionRecord | null>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Listener = (news: SessionNews | typeof BUS_RESUMED) => void;

/** A session that can never be used again: unknown, ended or past its expiry. */
const isOver = (record: SessionRecord | null, now = Date.now()): boolean => record === null || record.revoked || record.expiresAtMs <= now;

export class SessionService {
  private readonly cache = new Map<string, { record: SessionRecord | null; loadedAtMs: number }>();
  private readonly listeners = new Set<Listener>();
  /** Bumped whenever remembered sessions are dropped, so a lookup that started before is not kept. */
  private epoch = 0;
  private readonly lookup: SessionLookup;
  /** Lookups under way, by session: sockets of one session arriving together share one. */
  private readonly loading = new Map<string, { readonly epoch: number; readonly record: Promise<SessionRecord | null> }>();
  /** Sessions read from the database together: every lookup started in one tick takes one query. */
  private readonly reads = new DataLoader<string, SessionRecord | null>((ids) => this.readMany(ids), { cache: false, maxBatchSize: 1000 });

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly tokens: SessionTokens,
    private readonly logger: Logger,
    private readonly options: { readonly ttlSeconds: number; readonly lookup?: SessionLookup },
  ) {
    this.lookup = options.lookup ?? ((id) => this.reads.load(id));
  }

  /** Opens a session for the user and signs its token. */
  async start(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const sessionId = newId();
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + this.options.ttlSeconds * 1000);
    await this.dataSource.query(`INSERT INTO session (id, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)`, [
      sessionId,
      userId,
      createdAt,
      expiresAt,
    ]);
    return { token: await this.tokens.issue({ userId, sessionId, expiresAt }), expiresAt };
  }

  /** The viewer for a session token whose session stands and whose user is active, else null. */
  async authenticate(token: string): Promise<Viewer | null> {
    const claims = await this.tokens.verify(token);
    return claims ? this.viewerOf(claims) : null;
  }

  /** The session's viewer as of now (organization and role from the database), or null once it is over. */
  async viewerOf(claims: Pick<SessionClaims, "userId" | "sessionId">): Promise<Viewer | null> {
    const record = await this.record(claims.sessionId);
    if (!record || isOver(record) || !record.active || record.userId !== claims.userId) return null;
    return {
      kind: "user",
      userId: record.userId,
      organizationId: record.organizationId,
      role: record.role,
      sessionId: claims.sessionId,
      sessionExpiresAtMs: record.expiresAtMs,
    };
  }

  /** Whether this instance already knows the session is over (no query: for a socket being registered). */
  isKnownOver(sessionId: string): boolean {
    const known = this.cache.get(sessionId);
    return known !== undefined && isOver(known.record);
  }

  /** Ends the caller's session, or with `everywhere` every session of theirs; returns how many ended. */
  async end(viewer: Viewer, everywhere: boolean): Promise<number> {
    if (viewer.kind !== "user") throw forbidden("An API token has no session to end: revoke the token instead");
    const ended = await returning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id = $2) RETURNING id`,
      [viewer.userId, everywhere ? null : viewer.sessionId],
    );
    await this.announce({ type: "sessionsEnded", userId: viewer.userId, sessionIds: everywhere ? null : [viewer.sessionId] });
    return ended.length;
  }

  /**
   * Call after revoking every session of a user in the database (a deactivated user): each
   * instance refuses them at once and closes their sockets with 4401.
   */
  endAllOf(userId: string): Promise<void> {
    return this.announce({ type: "sessionsEnded", userId, sessionIds: null });
  }

  /** Call after revoking some sessions of a user in the database (a password change ends their other sessions). */
  ended(userId: string, sessionIds: readonly string[]): Promise<void> {
    return this.announce({ type: "sessionsEnded", userId, sessionIds });
  }

  /**
   * Call after changing a user's organization, role or active state: their next request, on every
   * instance, is judged by the new row, and their open sockets are re-authenticated (closed with
   * 4401 if they may no longer sign in, asked to reconnect if their organization or role changed).
   */
  userChanged(userId: string): Promise<void> {
    return this.announce({ type: "userChanged", userId });
  }

  /** Hears the other instances' news on the bus; returns the function that stops listening. */
  listen(): Promise<() => Promise<void>> {
    return this.bus.subscribe(SESSIONS_TOPIC, (message) => {
      const type = messageType(message);
      if (type === "sessionsEnded" || type === "userChanged") this.hear(message as SessionNews);
      else if (type === BUS_RESUMED.type) {
        // News may have been lost while the bus was cut off: ask the database again.
        this.forget(() => true);
        for (const listener of [...this.listeners]) listener(BUS_RESUMED);
      }
    });
  }

  /** Calls `listener` with every piece of news this instance hears (its own included). */
  onNews(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Applies news here at once (the next request on this instance sees it), then tells the others. */
  private async announce(news: SessionNews): Promise<void> {
    this.hear(news);
    await this.bus
      .publish(SESSIONS_TOPIC, news)
      .catch((error: unknown) => this.logger.warn({ err: error }, "could not announce a session change"));
  }

  private hear(news: SessionNews): void {
    if (news.type === "sessionsEnded") {
      const ended = (id: string, record: SessionRecord | null) =>
        record?.userId === news.userId && (news.sessionIds === null || news.sessionIds.includes(id));
      for (const [id, entry] of this.cache) {
        if (entry.record && ended(id, entry.record))
          this.cache.set(id, { record: { ...entry.record, revoked: true }, loadedAtMs: entry.loadedAtMs });
      }
      this.epoch++;
    } else {
      this.forget((record) => record?.userId === news.userId);
    }
    for (const listener of [...this.listeners]) listener(news);
  }

  /** Drops remembered sessions that are not over and match `which`; over is over, whatever changed. */
  private forget(which: (record: SessionRecord | null) => boolean): void {
    for (const [id, entry] of this.cache) if (!isOver(entry.record) && which(entry.record)) this.cache.delete(id);
    this.epoch++;
  }

  private async record(sessionId: string): Promise<SessionRecord | null> {
    if (!UUID.test(sessionId)) return null;
    const known = this.cache.get(sessionId);
    if (known && (isOver(known.record) || Date.now() - known.loadedAtMs < SESSION_CACHE_MS)) return known.record;
    // Joined only if no news came since it started (news may have ended the session meanwhile).
    const under = this.loading.get(sessionId);
    if (under?.epoch === this.epoch) return under.record;
    const loading = { epoch: this.epoch, record: this.load(sessionId) };
    this.loading.set(sessionId, loading);
    const done = () => void (this.loading.get(sessionId) === loading && this.loading.delete(sessionId));
    loading.record.then(done, done);
    return loading.record;
  }

  private async load(sessionId: string): Promise<SessionRecord | null> {
    const epoch = this.epoch;
    const record = await this.lookup(sessionId);
    if (epoch === this.epoch) {
      if (this.cache.size >= SESSION_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(sessionId, { record, loadedAtMs: Date.now() });
    }
    if (record && !isOver(record) && Date.now() - record.lastSeenAtMs > LAST_SEEN_RESOLUTION_MS) {
      await this.dataSource.query(`UPDATE session SET last_seen_at = now() WHERE id = $1`, [sessionId]);
    }
    return record;
  }

  private async readMany(sessionIds: readonly string[]): Promise<(SessionRecord | null)[]> {
    const rows: {
      id: string;
      user_id: string;
      organization_id: string;
      role: OrgRole;
      active: boolean;
      expires_at: Date;
      revoked: boolean;
      last_seen_at: Date;
    }[] = await preparedRows(
      this.dataSource,
      `SELECT s.id, s.user_id, u.organization_id, u.role, u.active, s.expires_at, s.revoked_at IS NOT NULL AS revoked, s.last_seen_at
           FROM session s JOIN app_user u ON u.id = s.user_id
          WHERE s.id = ANY($1::uuid[])`,
      [sessionIds],
    );
    const byId = new Map(
      rows.map((row): [string, SessionRecord] => [
        row.id,
        {
          userId: row.user_id,
          organizationId: row.organization_id,
          role: row.role,
          active: row.active,
          expiresAtMs: row.expires_at.getTime(),
          revoked: row.revoked,
          lastSeenAtMs: row.last_seen_at.getTime(),
        },
      ]),
    );
    return sessionIds.map((id) => byId.get(id) ?? null);
  }
}
