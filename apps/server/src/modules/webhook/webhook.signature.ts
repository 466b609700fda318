import { createHmac, timingSafeEqual } from "node:crypto";

/** How old a delivery's timestamp may be (or how far ahead) before a receiver refuses it, in seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** The hex HMAC-SHA256 of `<timestamp>.<body>` with the webhook's secret: what `v1=` carries. */
function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

/**
 * The `x-cosell-signature` header value for a body sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Signing the time with the body lets a
 * receiver refuse a delivery captured and replayed later, which a signature of the body alone cannot.
 */
export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/**
 * What a receiver does (see docs/API.md): the header's `t` is within `toleranceSeconds` of `now` and
 * one of its `v1` values is the HMAC of `<t>.<body>`, compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamp = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isInteger(timestamp)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  return parts.some(([key, value]) => {
    if (key !== "v1" || value === undefined) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
