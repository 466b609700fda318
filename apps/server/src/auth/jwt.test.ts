import { afterEach, describe, expect, it, vi } from "vitest";
import { OrgRole } from "@cosell/schema";
import { sessionTokens } from "./jwt.js";

const user = { id: "0190a7b2-0000-7000-8000-000000000001", organizationId: "0190a7b2-0000-7000-8000-0000000000aa", role: OrgRole.REP };

describe("session tokens", () => {
  afterEach(() => vi.useRealTimers());

  it("turns a token it issued into its viewer, again and again", async () => {
    const tokens = sessionTokens("s".repeat(40));
    const token = await tokens.issue(user);
    const expected = { kind: "user", userId: user.id, organizationId: user.organizationId, role: OrgRole.REP };
    expect(await tokens.verify(token)).toEqual(expected);
    expect(await tokens.verify(token)).toEqual(expected);
  });

  it("refuses a token once it has expired, even one it has verified before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const tokens = sessionTokens("s".repeat(40));
    const token = await tokens.issue(user);
    expect(await tokens.verify(token)).not.toBeNull();
    vi.setSystemTime(Date.now() + 12 * 3600 * 1000 + 1000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it("refuses another secret's token and a tampered one", async () => {
    const ours = sessionTokens("s".repeat(40));
    const theirs = sessionTokens("t".repeat(40));
    const token = await theirs.issue(user);
    expect(await ours.verify(token)).toBeNull();
    const mine = await ours.issue(user);
    const [header, payload, signature] = mine.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), role: "ADMIN" })).toString("base64url");
    expect(await ours.verify(`${header}.${forged}.${signature}`)).toBeNull();
  });
});
