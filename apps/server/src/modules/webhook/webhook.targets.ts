import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";

/**
 * Where webhooks may not point when private targets are refused (the default in production): a
 * partner's webhook URL must not reach cosell's own network (loopback, private ranges, link-local
 * and cloud metadata addresses, and the like), neither by an address in the URL nor by a name that
 * resolves to one. The name is checked when the connection is made, with the very addresses it
 * connects to, so a name that changes its answer after the check cannot slip through.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

/** Whether `address` (an IPv4 or IPv6 literal) is one a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  const family = isIP(bare);
  if (family === 0) return false;
  return PRIVATE.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** Names that always mean this machine or its local network. */
const LOCAL_NAMES = /^(localhost|.+\.localhost|.+\.local|.+\.internal)$/i;

/** Why `url` may not be a webhook target when private targets are refused, or null when it may. */
export function privateTargetProblem(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return "is not a valid URL";
  }
  if (LOCAL_NAMES.test(host)) return "must not point to this machine or a local network";
  if (isPrivateAddress(host)) return "must be a public address, not a private, loopback or link-local one";
  return null;
}

/** A DNS lookup that fails when any address of the name is private. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(Object.assign(new Error(`${hostname} resolves to a private address (${refused.address})`), { code: "EPRIVATE" }), "", 0);
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
};

export interface WebhookPost {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly signal: AbortSignal;
  /** Refuse private targets (see above). */
  readonly publicOnly: boolean;
}

/** POSTs a delivery and answers the receiver's status code; never follows redirects. */
export function postWebhook(post: WebhookPost): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(post.url);
    if (post.publicOnly) {
      const problem = privateTargetProblem(post.url);
      if (problem) return reject(Object.assign(new Error(`the URL ${problem}`), { code: "EPRIVATE" }));
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...post.headers, "content-length": String(Buffer.byteLength(post.body)) },
        signal: post.signal,
        ...(post.publicOnly ? { lookup: publicOnlyLookup } : {}),
      },
      (response) => {
        response.resume(); // the body is not read; its status is the answer
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(post.body);
  });
}
