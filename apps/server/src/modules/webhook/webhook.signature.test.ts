import { describe, expect, it } from "vitest";
import { SIGNATURE_TOLERANCE_SECONDS, signWebhookBody, verifyWebhookSignature } from "./webhook.signature.js";

const SECRET = "receiver-secret-0123456789";
const BODY = '{"id":"019a","type":"ACTIVITY_LOGGED"}';
const NOW = 1_767_225_600;

describe("webhook signatures", () => {
  it("sign the timestamp with the body, as t=<seconds>,v1=<hex>", () => {
    expect(signWebhookBody(SECRET, BODY, NOW)).toMatch(new RegExp(`^t=${NOW},v1=[0-9a-f]{64}$`));
    expect(signWebhookBody(SECRET, BODY, NOW)).not.toBe(signWebhookBody(SECRET, BODY, NOW + 1));
  });

  it("verify a fresh delivery, and refuse a tampered body, another secret, a moved timestamp or an old one", () => {
    const header = signWebhookBody(SECRET, BODY, NOW);
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: NOW })).toBe(true);
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: NOW + SIGNATURE_TOLERANCE_SECONDS })).toBe(true);
    expect(verifyWebhookSignature(SECRET, BODY.replace("019a", "019b"), header, { now: NOW })).toBe(false);
    expect(verifyWebhookSignature("another-secret-0123456789", BODY, header, { now: NOW })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, header.replace(`t=${NOW}`, `t=${NOW + 60}`), { now: NOW })).toBe(false);
    // A delivery captured and replayed later, with its signature intact.
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: NOW + SIGNATURE_TOLERANCE_SECONDS + 1 })).toBe(false);
    for (const bad of [null, "", "sha256=00", `t=${NOW}`, `v1=${"0".repeat(64)}`, `t=x,v1=${"0".repeat(64)}`]) {
      expect(verifyWebhookSignature(SECRET, BODY, bad, { now: NOW }), String(bad)).toBe(false);
    }
  });
});
