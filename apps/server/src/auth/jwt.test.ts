import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionTokens } from "./jwt.js";

const session = { userId: "0190a7b2-0000-7000-8000-000000000001", sessionId: "0190a7b2-0000-7000-8000-0000000000ss" };
const inHours = (hours: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + hours * 3600 * 1000);

describe("session tokens", () => {
  afterEach(() => vi.useRealTimers());

  it("turns a token it issued into its session's claims, again and again", async () => {
    const tokens = sessionTokens("s".repeat(40));
    const expiresAt = inHours(12);
    const token = await tokens.issue({ ...session, expiresAt });
    const expected = { ...session, expiresAtMs: expiresAt.getTime() };
    expect(await tokens.verify(token)).toEqual(expected);
    expect(await tokens.verify(token)).toEqual(expected);
  });

  it("refuses a token once it has expired, even one it has verified before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const tokens = sessionTokens("s".repeat(40));
    const token = await tokens.issue({ ...session, expiresAt: inHours(1) });
    expect(await tokens.verify(token)).not.toBeNull();
    vi.setSystemTime(Date.now() + 3600 * 1000 + 1000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it("refuses another secret's token and a tampered one", async () => {
    const ours = sessionTokens("s".repeat(40));
    const theirs = sessionTokens("t".repeat(40));
    const token = await theirs.issue({ ...session, expiresAt: inHours(1) });
    expect(await ours.verify(token)).toBeNull();
    const mine = await ours.issue({ ...session, expiresAt: inHours(1) });
    const [header, payload, signature] = mine.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), sid: "another" })).toString(
      "base64url",
    );
    expect(await ours.verify(`${header}.${forged}.${signature}`)).toBeNull();
  });
});
