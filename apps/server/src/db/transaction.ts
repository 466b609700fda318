import type { DataSource, EntityManager } from "typeorm";
import type { EventBus } from "../realtime/bus.js";
import type { Logger } from "../logger.js";

/** Messages a transaction wants published once it has committed; dropped if it rolls back. */
export interface Outbox {
  publish(topic: string, message: unknown): void;
}

export interface UnitOfWork {
  run<T>(work: (em: EntityManager, outbox: Outbox) => Promise<T>): Promise<T>;
  /**
   * For work that is a single SQL statement (atomic on its own): the same publish-after-success,
   * without the BEGIN and COMMIT round trips. Work of more than one statement belongs in `run`.
   */
  runStatement<T>(work: (em: EntityManager, outbox: Outbox) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` in one transaction and publishes what it queued only after COMMIT, so a subscriber
 * never hears of a row it cannot read yet, and a rolled-back write is never announced.
 */
export function unitOfWork(dataSource: DataSource, bus: EventBus, logger: Logger): UnitOfWork {
  async function publishing<T>(work: (em: EntityManager, outbox: Outbox) => Promise<T>, em: EntityManager | null): Promise<T> {
    const queued: { topic: string; message: unknown }[] = [];
    const outbox: Outbox = { publish: (topic, message) => void queued.push({ topic, message }) };
    const result = em ? await work(em, outbox) : await dataSource.transaction((tx) => work(tx, outbox));
    for (const { topic, message } of queued) {
      // A lost publish is recovered by subscribers from the log (gap fill); never fail the write for it.
      await bus.publish(topic, message).catch((error: unknown) => logger.warn({ err: error, topic }, "publish failed"));
    }
    return result;
  }
  return {
    run: (work) => publishing(work, null),
    runStatement: (work) => publishing(work, dataSource.manager),
  };
}
