import { createHmac, timingSafeEqual } from "node:crypto";

/** The `x-cosell-signature` header value for a body: `sha256=` and the hex HMAC-SHA256 with the webhook's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** Constant-time check of a received signature (what a receiver does; see docs/API.md). */
export function verifyWebhookSignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
