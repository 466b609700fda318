import type { DataSource } from "typeorm";
import type { Config } from "../../config.js";
import { returning } from "../../db/sql.js";
import { startPeriodic } from "../../jobs/periodic.js";
import type { Logger } from "../../logger.js";
import type { Mail, Mailer } from "../../mail/mailer.js";

/** Unread notifications listed in one digest; the rest are counted. */
export const DIGEST_ITEMS_MAX = 50;

/** People whose digest one check sends; the next check goes on with the rest. */
const DIGEST_USERS_PER_CHECK = 500;

/**
 * Sends each person who wants it (`email_digest`) one digest a day of their unread notifications
 * that arrived since their last digest, from `hourUtc` on. Each person is claimed with a
 * conditional UPDATE of `digest_sent_at` before the mail goes out, so two instances, or a restart
 * in the middle, never send a day's digest twice; a mail the server refuses releases the claim for
 * the next check. (The claim locks the person's row FOR NO KEY UPDATE, so notifications written
 * meanwhile, whose foreign key takes a KEY SHARE lock on it, do not wait.) Returns how many digests
 * were sent.
 */
export async function sendDueDigests(
  dataSource: DataSource,
  send: (mail: Mail) => Promise<void>,
  options: { readonly hourUtc: number; readonly publicUrl: string; readonly logger: Logger },
  now: Date = new Date(),
): Promise<number> {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), options.hourUtc));
  if (now < dayStart) return 0;
  const due: { id: string }[] = await dataSource.query(
    `SELECT u.id FROM app_user u
      WHERE u.active AND u.email_digest AND (u.digest_sent_at IS NULL OR u.digest_sent_at < $1)
        AND EXISTS (SELECT 1 FROM notification n WHERE n.recipient_id = u.id AND n.read_at IS NULL
                       AND n.created_at > coalesce(u.digest_sent_at, '-infinity'))
      ORDER BY u.id LIMIT $2`,
    [dayStart, DIGEST_USERS_PER_CHECK],
  );
  let sent = 0;
  for (const { id } of due) {
    const [claimed] = await returning<{ email: string; name: string; previous: Date | null }>(
      dataSource.manager,
      `UPDATE app_user u SET digest_sent_at = $2
         FROM (SELECT id, digest_sent_at FROM app_user WHERE id = $1 FOR NO KEY UPDATE) old
        WHERE u.id = old.id AND u.active AND u.email_digest AND (old.digest_sent_at IS NULL OR old.digest_sent_at < $3)
        RETURNING u.email, u.name, old.digest_sent_at AS previous`,
      [id, now, dayStart],
    );
    if (!claimed) continue; // another instance took it, or the person turned the digest off meanwhile
    const items: { text: string; url: string; total: number }[] = await dataSource.query(
      `SELECT text, url, count(*) OVER ()::int AS total FROM notification
        WHERE recipient_id = $1 AND read_at IS NULL AND created_at > coalesce($2::timestamptz, '-infinity')
        ORDER BY id DESC LIMIT $3`,
      [id, claimed.previous, DIGEST_ITEMS_MAX],
    );
    if (items.length === 0) continue;
    try {
      await send(digestMail(claimed, items, options.publicUrl));
      sent += 1;
    } catch (error) {
      options.logger.warn({ err: error, userId: id }, "notification digest not sent; will retry at the next check");
      await dataSource.query(`UPDATE app_user SET digest_sent_at = $3 WHERE id = $1 AND digest_sent_at = $2`, [id, now, claimed.previous]);
    }
  }
  return sent;
}

function digestMail(
  to: { email: string; name: string },
  items: readonly { text: string; url: string; total: number }[],
  publicUrl: string,
): Mail {
  const total = items[0]?.total ?? items.length;
  const lines = items.map((item) => `• ${item.text}\n  ${publicUrl}${item.url}`);
  if (total > items.length) lines.push(`…and ${total - items.length} more: ${publicUrl}/`);
  return {
    to: to.email,
    subject: `cosell: ${total} unread notification${total === 1 ? "" : "s"}`,
    text: [
      `Hello ${to.name},`,
      "",
      "These need you in cosell:",
      "",
      ...lines,
      "",
      `You get this digest once a day while you have unread notifications. Turn it off in Settings: ${publicUrl}/settings`,
    ].join("\n"),
  };
}

export interface DigestScheduler {
  /** Sends the digests due now (0 when e-mail is off); what the timer runs. */
  runOnce(now?: Date): Promise<number>;
  /** Stops scheduling and waits for a check in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Checks for due digests every `DIGEST_CHECK_SECONDS`, in process. Without `SMTP_URL` (or with the
 * check at 0) nothing is ever sent. Checks never overlap; a failed one is logged and the next tries again.
 */
export function startDigestScheduler(deps: {
  readonly dataSource: DataSource;
  readonly config: Pick<Config, "digestHourUtc" | "digestCheckSeconds" | "publicUrl">;
  readonly mailer: Mailer;
  readonly logger: Logger;
}): DigestScheduler {
  const { config, logger, mailer } = deps;
  if (!mailer.enabled || config.digestCheckSeconds <= 0) return { runOnce: async () => 0, stop: async () => {} };
  const options = { hourUtc: config.digestHourUtc, publicUrl: config.publicUrl, logger };
  const runOnce = (now?: Date) => sendDueDigests(deps.dataSource, (mail) => mailer.send(mail), options, now);
  const job = startPeriodic("notification digest check", config.digestCheckSeconds, logger, async () => {
    const sent = await runOnce();
    if (sent > 0) logger.info({ sent }, "sent notification digests");
  });
  return { runOnce, stop: () => job.stop() };
}
