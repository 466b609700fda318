import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where webhooks may not point when private targets are refused (the default in production): a
 * partner's webhook URL must not reach cosell's own network (loopback, private ranges, link-local
 * and cloud metadata addresses, and the like), neither by an address in the URL nor by a name that
 * resolves to one. The name is checked when the connection is made, with the very addresses it
 * connects to, so a name that changes its answer after the check cannot slip through.
 *
 * Only global unicast addresses are allowed: ipaddr.js names every special-purpose range of the
 * IANA registries (private, loopback, link-local, CGNAT, benchmarking, documentation, reserved,
 * multicast, broadcast; unique-local, NAT64, 6to4, Teredo, …) and anything it does not call
 * `unicast` is refused. An IPv4-mapped address (`::ffff:a.b.c.d`) is judged by the IPv4 address it
 * carries; the deprecated IPv4-compatible block `::/96` is refused whole.
 */

/** `::/96`: IPv4-compatible IPv6 addresses (deprecated by RFC 4291), `::` and `::1` included. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/** The special-purpose range `address` (an IPv4 or IPv6 literal) lies in, or null for a global unicast address or a name. */
export function specialRangeOf(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return null;
  // ipaddr.js reads any dotted tail as IPv4-mapped (`::8.8.8.8` as `::ffff:8.8.8.8`): hand it
  // IPv6 in hex only, as the URL parser writes it.
  let ip = ipaddr.parse(family === 6 ? new URL(`http://[${bare}]`).hostname.slice(1, -1) : bare);
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    else if (v6.match(IPV4_COMPATIBLE)) return "ipv4Compatible";
  }
  const range = ip.range();
  return range === "unicast" ? null : range;
}

/** Whether `address` (an IPv4 or IPv6 literal) is one a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  return specialRangeOf(address) !== null;
}

/** Names that always mean this machine or its local network. */
const LOCAL_NAMES = /^(localhost|.+\.localhost|.+\.local|.+\.internal)\.?$/i;

/** Why `url` may not be a webhook target when private targets are refused, or null when it may. */
export function privateTargetProblem(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return "is not a valid URL";
  }
  if (LOCAL_NAMES.test(host)) return "must not point to this machine or a local network";
  if (isPrivateAddress(host)) return "must be a public address, not a private, loopback, link-local or otherwise reserved one";
  return null;
}

/**
 * Why a delivery to a name was refused. Deliberately says neither the name's addresses nor which
 * range they fell in: the delivery log is read by the partner, and cosell's DNS answers for
 * internal names are none of its business.
 */
export const RESOLVES_TO_PRIVATE = "refused: the host resolves to a private or reserved address";

/** A DNS lookup that fails (code `EPRIVATE`) when any address of the name is private. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    if (addresses.some((a) => isPrivateAddress(a.address)))
      return callback(Object.assign(new Error(RESOLVES_TO_PRIVATE), { code: "EPRIVATE" }), "", 0);
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0]!;
    return callback(null, first.address, first.family);
  });
};

/** What the delivery log says about a failed request: fixed words per error code, never the error's own message, which may name the addresses a host resolved to. */
export function describeDeliveryFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "EPRIVATE":
      return (error as Error).message; // written here, without addresses
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
    case "EPIPE":
      return "connection closed by the receiver before it answered";
    case "ENOTFOUND":
      return "the host name does not resolve";
    case "EAI_AGAIN":
      return "the host name could not be resolved for now";
    case "ETIMEDOUT":
      return "connection timed out";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "the host is unreachable";
    case "HPE_INVALID_CONSTANT":
    case "HPE_INVALID_STATUS":
    case "HPE_INVALID_HEADER_TOKEN":
      return "the receiver did not answer with valid HTTP";
    default:
      if (code && /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code)) return `TLS failed (${code})`;
      return code ? `request failed (${code})` : "request failed";
  }
}

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
