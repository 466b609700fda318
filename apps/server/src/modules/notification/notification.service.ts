import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, forbidden, notFound } from "../../errors.js";
import { idOf } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { connection, decodeCursor, encodeCursor, pageSize } from "../../paging.js";
import { messageType, topics } from "../../realtime/bus.js";
import type { EventBus } from "../../realtime/bus.js";
import { topicFeed } from "../../realtime/topic-feed.js";
import type { MarkNotificationsReadInput, NotificationsArgs, UpdateNotificationSettingsInput } from "./notification.inputs.js";
import type { NotificationMessage } from "./notify.js";
import { MarkNotificationsReadPayload, Notification, NotificationConnection, NotificationSettings } from "./notification.types.js";
import type { NotificationRow } from "./notification.types.js";

const COLUMNS = "id, recipient_id, kind, opportunity_id, subject_id, actor_id, text, url, created_at, read_at";

/**
 * A person's inbox. Notifications are written by `notify` inside the transaction of the write that
 * causes them; this service reads them, marks them read and follows new ones, always for the
 * signed-in person only: someone else's notification answers NOT_FOUND, like a random id.
 */
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async list(policy: Policy, args: NotificationsArgs): Promise<NotificationConnection> {
    const me = recipientOf(policy.viewer);
    const first = pageSize(args.first);
    const params: unknown[] = [me];
    const where = ["recipient_id = $1"];
    if (args.unreadOnly) where.push("read_at IS NULL");
    if (args.after) {
      const [id] = decodeCursor(args.after);
      if (typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw badInput("after", "is not a cursor of this list");
      params.push(id);
      // UUIDv7 ids are time-ordered: the id alone is an exact "newest first" key.
      where.push(`id < $${params.length}::uuid`);
    }
    params.push(first + 1);
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor([row.id]), node: Notification.fromRow(row) }));
    return Object.assign(new NotificationConnection(), {
      ...connection(edges, rows.length > first, Boolean(args.after)),
      unreadCount: await this.unreadCount(me),
    });
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row?.n ?? 0;
  }

  /** Marks the named notifications (all of them: one not yours is NOT_FOUND and nothing is marked), or all. */
  async markRead(policy: Policy, input: MarkNotificationsReadInput): Promise<MarkNotificationsReadPayload> {
    const me = recipientOf(policy.viewer);
    const globalIds = input.ids ?? [];
    if (!input.all && globalIds.length === 0) throw badInput("ids", "name at least one notification, or pass all: true");
    if (input.all && globalIds.length > 0) throw badInput("all", "marks every notification read; leave ids out with it");
    const ids = [...new Set(globalIds.map((globalId) => idOf("Notification", globalId) ?? missing()))];
    const { marked, rows } = await this.uow.run(async (em) => {
      if (input.all) {
        const updated = await returning(
          em,
          `UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL RETURNING id`,
          [me],
        );
        return { marked: updated.length, rows: [] as NotificationRow[] };
      }
      const mine: { id: string }[] = await em.query(
        `SELECT id FROM notification WHERE recipient_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE`,
        [me, ids],
      );
      if (mine.length !== ids.length) missing();
      const updated = await returning(
        em,
        `UPDATE notification SET read_at = now() WHERE recipient_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL RETURNING id`,
        [me, ids],
      );
      const now: NotificationRow[] = await em.query(`SELECT ${COLUMNS} FROM notification WHERE id = ANY($1::uuid[]) ORDER BY id DESC`, [
        ids,
      ]);
      return { marked: updated.length, rows: now };
    });
    return Object.assign(new MarkNotificationsReadPayload(), {
      marked,
      unreadCount: await this.unreadCount(me),
      notifications: rows.map((row) => Notification.fromRow(row)),
    });
  }

  /** The signed-in person's new notifications as they are written (after their transaction commits). */
  follow(policy: Policy): Promise<AsyncIterableIterator<Notification>> {
    const me = recipientOf(policy.viewer);
    return topicFeed<Notification>({
      bus: this.bus,
      topic: topics.notifications(me),
      accept: async (message) => {
        if (messageType(message) !== "notification") return null;
        const row = (message as NotificationMessage).notification;
        return row.recipient_id === me ? Notification.fromRow(row) : null;
      },
      onError: (error) => this.logger.warn({ err: error }, "notification feed cleanup failed"),
    });
  }

  async settings(policy: Policy): Promise<NotificationSettings> {
    const me = recipientOf(policy.viewer);
    const [row] = await this.dataSource.query<{ email_digest: boolean }[]>(`SELECT email_digest FROM app_user WHERE id = $1`, [me]);
    return Object.assign(new NotificationSettings(), { emailDigest: row?.email_digest ?? false });
  }

  async updateSettings(policy: Policy, input: UpdateNotificationSettingsInput): Promise<NotificationSettings> {
    const me = recipientOf(policy.viewer);
    if (input.emailDigest == null) throw badInput("emailDigest", "say true or false");
    await this.dataSource.query(`UPDATE app_user SET email_digest = $2 WHERE id = $1`, [me, input.emailDigest]);
    return this.settings(policy);
  }
}

/** The person whose inbox this is; an API token has none (FORBIDDEN, whatever it asks). */
export function recipientOf(viewer: Viewer): string {
  if (viewer.kind !== "user") {
    throw forbidden("Notifications belong to people: an API token has no inbox. Sign in as a user to read or follow notifications");
  }
  return viewer.userId;
}

function missing(): never {
  throw notFound("Notification");
}
