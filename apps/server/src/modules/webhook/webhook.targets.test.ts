import { describe, expect, it } from "vitest";
import { isPrivateAddress, privateTargetProblem, publicOnlyLookup } from "./webhook.targets.js";

describe("webhook targets when private ones are refused", () => {
  it("tells private, loopback, link-local and reserved addresses from public ones", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "[::1]", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "hooks.example.com"]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it("refuses URLs naming this machine or a private address, and accepts public names", () => {
    expect(privateTargetProblem("http://127.0.0.1:8080/hook")).toMatch(/public address/);
    expect(privateTargetProblem("http://[::1]/hook")).toMatch(/public address/);
    expect(privateTargetProblem("http://169.254.169.254/latest/meta-data")).toMatch(/public address/);
    expect(privateTargetProblem("http://localhost:3000/hook")).toMatch(/this machine/);
    expect(privateTargetProblem("https://db.internal/hook")).toMatch(/this machine/);
    expect(privateTargetProblem("https://hooks.example.com/cosell")).toBeNull();
    expect(privateTargetProblem("https://203.0.113.10/cosell")).toBeNull();
  });

  it("refuses, when connecting, a name that resolves to a private address", async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup("localhost", {}, (e) => resolve(e)));
    expect(error?.code).toBe("EPRIVATE");
    expect(error?.message).toMatch(/localhost resolves to a private address/);
  });
});
