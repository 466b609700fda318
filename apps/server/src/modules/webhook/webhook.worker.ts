import type { DataSource } from "typeorm";
import type { Config } from "../../config.js";
import { returning } from "../../db/sql.js";
import type { Logger } from "../../logger.js";
import { signWebhookBody } from "./webhook.signature.js";
import { describeDeliveryFailure, postWebhook } from "./webhook.targets.js";

/** Deliveries one instance claims per round. */
const BATCH = 20;
/** Longest wait between two attempts of one delivery. */
const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

export interface WebhookWorker {
  /** Sends what is due now; resolves when those attempts are recorded. */
  runOnce(): Promise<number>;
  /** Stops polling, cuts in-flight requests short (they are retried later) and waits for them. */
  stop(): Promise<void>;
}

interface Claimed {
  id: string;
  event_id: string;
  event: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** Wait before attempt `attempts + 1`: base × 2^(attempts − 1), capped. */
export const backoffMs = (baseMs: number, attempts: number): number => Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));

/**
 * Sends queued webhook deliveries. Every instance runs one; they share the queue in PostgreSQL:
 * a round claims due rows with `FOR UPDATE SKIP LOCKED` and leases them (moves `next_attempt_at`
 * past the request timeout) in one statement, so no two instances send the same delivery. If an
 * instance dies mid-request, the lease runs out and another one retries: delivery is at least once,
 * and receivers de-duplicate by the event id.
 */
export function startWebhookWorker(deps: { dataSource: DataSource; config: Config; logger: Logger }): WebhookWorker {
  const { dataSource, config, logger } = deps;
  const leaseSeconds = Math.ceil(config.webhookTimeoutMs / 1000) + 30;
  const aborts = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function claim(): Promise<Claimed[]> {
    return returning<Claimed>(
      dataSource.manager,
      `UPDATE webhook_delivery d
          SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $2)
         FROM webhook w
        WHERE w.id = d.webhook_id
          AND d.id IN (SELECT id FROM webhook_delivery
                        WHERE status = 'PENDING' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.event_id, d.event, d.body, d.attempts, w.url, w.secret`,
      [BATCH, leaseSeconds],
    );
  }

  async function deliver(delivery: Claimed): Promise<void> {
    let status: number | null = null;
    let error: string | null = null;
    const timeout = AbortSignal.timeout(config.webhookTimeoutMs);
    // One time for the header and the signature: receivers refuse deliveries older than 5 minutes.
    const sentAt = Math.floor(Date.now() / 1000);
    try {
      status = await postWebhook({
        url: delivery.url,
        publicOnly: !config.webhookPrivateTargets,
        signal: AbortSignal.any([aborts.signal, timeout]),
        headers: {
          "content-type": "application/json",
          "user-agent": "cosell-webhooks/1",
          "x-cosell-event": delivery.event,
          "x-cosell-event-id": delivery.event_id,
          "x-cosell-delivery-id": delivery.id,
          "x-cosell-attempt": String(delivery.attempts),
          "x-cosell-timestamp": String(sentAt),
          "x-cosell-signature": signWebhookBody(delivery.secret, delivery.body, sentAt),
        },
        body: delivery.body,
      });
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (failure) {
      error = timeout.aborted
        ? `no answer within ${config.webhookTimeoutMs} ms`
        : aborts.signal.aborted
          ? "server shutting down"
          : describeDeliveryFailure(failure);
    }
    // `attempts = $2` ignores a late result when the lease already ran out and someone else took over.
    if (error === null) {
      await dataSource.query(
        `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = now(), last_status_code = $3, last_error = NULL WHERE id = $1 AND attempts = $2`,
        [delivery.id, delivery.attempts, status],
      );
      return;
    }
    if (aborts.signal.aborted) {
      // Cut short by our own shutdown: not the receiver's fault, so hand it back untouched.
      await dataSource.query(
        `UPDATE webhook_delivery SET attempts = attempts - 1, next_attempt_at = now() WHERE id = $1 AND attempts = $2`,
        [delivery.id, delivery.attempts],
      );
      return;
    }
    const giveUp = delivery.attempts >= config.webhookMaxAttempts;
    await dataSource.query(
      `UPDATE webhook_delivery
          SET status = $3, last_status_code = $4, last_error = $5, next_attempt_at = now() + make_interval(secs => $6)
        WHERE id = $1 AND attempts = $2`,
      [
        delivery.id,
        delivery.attempts,
        giveUp ? "FAILED" : "PENDING",
        status,
        error,
        backoffMs(config.webhookRetryBaseMs, delivery.attempts) / 1000,
      ],
    );
    logger.warn(
      { delivery: delivery.id, event: delivery.event, attempts: delivery.attempts, error },
      giveUp ? "webhook delivery given up" : "webhook delivery failed; will retry",
    );
  }

  async function round(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await claim();
      await Promise.all(batch.map((delivery) => deliver(delivery)));
      sent += batch.length;
      if (batch.length < BATCH || stopped) return sent;
    }
  }

  function runOnce(): Promise<number> {
    running ??= round()
      .catch((error: unknown) => {
        if (!stopped) logger.error({ err: error }, "webhook worker round failed");
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), config.webhookPollIntervalMs);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      aborts.abort();
      await running;
    },
  };
}
