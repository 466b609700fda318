import { describe, expect, it } from "vitest";
import { isAllowedOrigin, readSessionCookie, sessionCookieOptions } from "./web-session.js";

describe("the web session cookie", () => {
  it("is read from a Cookie header among others", () => {
    expect(readSessionCookie("a=1; cosell_session=abc.def.ghi; b=2")).toBe("abc.def.ghi");
    expect(readSessionCookie("cosell_session=")).toBeNull();
    expect(readSessionCookie("xcosell_session=1")).toBeNull();
    expect(readSessionCookie(undefined)).toBeNull();
  });

  it("is httpOnly, SameSite=Strict on every path, and Secure over TLS", () => {
    const expires = new Date("2030-01-01T00:00:00Z");
    expect(sessionCookieOptions(true, expires)).toEqual({ httpOnly: true, secure: true, sameSite: "strict", path: "/", expires });
    expect(sessionCookieOptions(false)).toEqual({ httpOnly: true, secure: false, sameSite: "strict", path: "/" });
  });

  it("is accepted from the server's own origin and the configured web origins only", () => {
    expect(isAllowedOrigin("https://cosell.example", "cosell.example", [])).toBe(true);
    expect(isAllowedOrigin("http://localhost:5173", "localhost:4000", ["http://localhost:5173"])).toBe(true);
    expect(isAllowedOrigin("https://evil.example", "cosell.example", ["http://localhost:5173"])).toBe(false);
    expect(isAllowedOrigin("https://cosell.example.evil.example", "cosell.example", [])).toBe(false);
    expect(isAllowedOrigin("null", "cosell.example", [])).toBe(false);
    expect(isAllowedOrigin(undefined, "cosell.example", [])).toBe(true);
  });
});
