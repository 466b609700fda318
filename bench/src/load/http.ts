import autocannon from "autocannon";
import { serveParent } from "../lib/proc.js";

/**
 * The HTTP load generator (autocannon), in a process of its own. Every response is checked: a
 * non-2xx status or a body that fails the check counts as an error, never as speed.
 */
export interface HttpLoad {
  readonly url: string;
  readonly body: string;
  readonly headers?: Record<string, string>;
  readonly connections: number;
  readonly seconds: number;
  /** "exact": every body must equal `expect`; "graphql": a JSON body with `data.<expect>` and no `errors`. */
  readonly check: "exact" | "graphql";
  readonly expect: string;
  /** A `{{n}}` in the body is replaced by a counter (unique idempotency keys, spread rooms). */
  readonly templated?: boolean;
  /** With "graphql": the smallest body accepted, in bytes (an error or an empty page is shorter). */
  readonly minBytes?: number;
  readonly variants?: readonly string[];
}

export interface HttpResult {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly mismatches: number;
  readonly timeouts: number;
  readonly bytesPerResponse: number;
}

function verifier(load: HttpLoad): (body: string | Buffer | undefined) => boolean {
  if (load.check === "exact") return (body) => String(body ?? "") === load.expect;
  const marker = `{"data":{"${load.expect}":`;
  const minBytes = load.minBytes ?? 0;
  return (raw) => {
    const body = String(raw ?? "");
    return body.length >= minBytes && body.startsWith(marker) && !body.includes(`"errors":`);
  };
}

async function run(load: HttpLoad): Promise<HttpResult> {
  let n = 0;
  const variants = load.variants ?? [load.body];
  const result = await autocannon({
    url: load.url,
    method: "POST",
    headers: { "content-type": "application/json", ...load.headers },
    body: load.body,
    connections: load.connections,
    duration: load.seconds,
    verifyBody: verifier(load),
    ...(load.templated
      ? {
          requests: [
            {
              setupRequest: (request: any) => {
                n += 1;
                const template = variants[n % variants.length]!;
                return { ...request, body: template.replaceAll("{{n}}", `${process.pid}-${n}`) };
              },
            },
          ],
        }
      : {}),
  });
  const ok = result.requests.total;
  return {
    requests: ok,
    rps: ok / load.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    mismatches: (result as unknown as { mismatches: number }).mismatches ?? 0,
    timeouts: result.timeouts,
    bytesPerResponse: result.throughput.total / Math.max(1, ok),
  };
}

serveParent({}, { run: (message: { load: HttpLoad }) => run(message.load) });
