import { AsyncLocalStorage } from "node:async_hooks";
import type { DataSource, EntityManager } from "typeorm";
import type { EventBus } from "../realtime/bus.js";
import type { Logger } from "../logger.js";

/** Messages a transaction wants published once it has committed; dropped if it rolls back. */
export interface Outbox {
  publish(topic: string, message: unknown): void;
}

export interface UnitOfWork {
  run<T>(work: (em: EntityManager, outbox: Outbox) => Promise<T>): Promise<T>;
}

/**
 * Set while a unit of work's transaction is open, for the code it runs (and only until it ends).
 * Used only on data sources that refuse second connections: on Node 20, the first `run` of any
 * AsyncLocalStorage turns on async hooks for the life of the process, and from then on every
 * promise pays for them (promise-heavy code runs at about half speed).
 */
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

/** The data sources `refuseSecondConnections` was applied to. */
const guarded = new WeakSet<DataSource>();

/** Thrown when code inside a transaction asks the pool for another connection. */
export class SecondConnectionError extends Error {
  constructor() {
    super(
      "A query inside a transaction asked the pool for a second connection: pass the transaction's EntityManager down instead of using the DataSource. " +
        "(The embedded database has one connection, so this would wait for the pool's timeout and fail; on PostgreSQL it would read and write outside the transaction.)",
    );
    this.name = "SecondConnectionError";
  }
}

/**
 * Makes a second connection taken inside a unit of work's transaction fail at once, on every
 * database, instead of only on the embedded one after the pool's timeout. The transaction's own
 * connection is taken before its work starts, so every connection asked for while the work is
 * running is a second one.
 *
 * A check for mistakes in our own code, with a price on every promise (see `openTransaction`):
 * `openDatabase` applies it outside production only, as tests and development run.
 */
export function refuseSecondConnections(dataSource: DataSource): void {
  guarded.add(dataSource);
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<unknown> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = () => (openTransaction.getStore()?.open ? Promise.reject(new SecondConnectionError()) : obtain());
}

/**
 * Runs `work` in one transaction and publishes what it queued only after COMMIT, so a subscriber
 * never hears of a row it cannot read yet, and a rolled-back write is never announced.
 */
export function unitOfWork(dataSource: DataSource, bus: EventBus, logger: Logger): UnitOfWork {
  const guard = guarded.has(dataSource);
  return {
    async run(work) {
      const queued: { topic: string; message: unknown }[] = [];
      const outbox: Outbox = { publish: (topic, message) => void queued.push({ topic, message }) };
      const result = await dataSource.transaction(async (tx) => {
        if (!guard) return work(tx, outbox);
        // Work the transaction started but did not wait for may outlive it: the mark ends with it.
        const mark = { open: true };
        try {
          return await openTransaction.run(mark, () => work(tx, outbox));
        } finally {
          mark.open = false;
        }
      });
      // Sent one after another without waiting for each (the bus keeps their order; a group commit
      // queues many). A lost publish is recovered by subscribers from the log (gap fill); never
      // fail the write for it.
      await Promise.all(
        queued.map(({ topic, message }) =>
          bus.publish(topic, message).catch((error: unknown) => logger.warn({ err: error, topic }, "publish failed")),
        ),
      );
      return result;
    },
  };
}
