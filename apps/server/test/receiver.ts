import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly answeredWith: number | "no answer";
  readonly at: number;
}

/**
 * A webhook receiver on a free local port. `answer` decides each response: a status code, or
 * "hang" to never answer (the sender's timeout must fire).
 */
export async function startReceiver(answer: (n: number, body: string) => number | "hang" = () => 200) {
  const received: ReceivedDelivery[] = [];
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const decision = answer(received.length + 1, body);
      received.push({ headers: req.headers, body, answeredWith: decision === "hang" ? "no answer" : decision, at: Date.now() });
      if (decision === "hang") {
        const end = () => res.destroy();
        hanging.add(end);
        return;
      }
      res.writeHead(decision, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/cosell`,
    received,
    /** Deliveries whose body is of the given event type. */
    ofType: (type: string) => received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type),
    async close() {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `check` until it returns something truthy, or fails after `ms`. */
export async function eventually<T>(check: () => T | Promise<T>, ms = 10_000, what = "condition"): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25)); // the polling interval
  }
}
