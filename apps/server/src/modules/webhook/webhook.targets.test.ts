import { describe, expect, it } from "vitest";
import {
  RESOLVES_TO_PRIVATE,
  describeDeliveryFailure,
  isPrivateAddress,
  privateTargetProblem,
  publicOnlyLookup,
  specialRangeOf,
} from "./webhook.targets.js";

/** [address, the range it is refused as] */
const REFUSED: readonly (readonly [string, string])[] = [
  // IPv4
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.254", "private"],
  ["192.168.1.1", "private"],
  ["127.0.0.1", "loopback"],
  ["127.255.0.9", "loopback"],
  ["169.254.169.254", "linkLocal"], // cloud metadata
  ["100.64.0.1", "carrierGradeNat"],
  ["100.127.255.254", "carrierGradeNat"],
  ["198.18.0.1", "reserved"], // benchmarking, 198.18/15
  ["198.19.255.254", "reserved"],
  ["192.0.0.8", "reserved"], // IETF protocol assignments
  ["192.0.2.1", "reserved"], // documentation
  ["203.0.113.10", "reserved"], // documentation
  ["240.0.0.1", "reserved"],
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["255.255.255.255", "broadcast"],
  // IPv6
  ["::", "ipv4Compatible"],
  ["::1", "ipv4Compatible"],
  ["[::1]", "ipv4Compatible"],
  ["::10.0.0.1", "ipv4Compatible"], // ::/96, even around a public IPv4 address
  ["::8.8.8.8", "ipv4Compatible"],
  ["::ffff:127.0.0.1", "loopback"], // IPv4-mapped: the embedded address decides
  ["::ffff:10.0.0.1", "private"],
  ["::ffff:169.254.169.254", "linkLocal"],
  ["::ffff:7f00:1", "loopback"],
  ["64:ff9b::a00:1", "rfc6052"], // NAT64
  ["64:ff9b::808:808", "rfc6052"],
  ["2002:a00:1::1", "6to4"],
  ["2002:808:808::1", "6to4"],
  ["2001::1", "teredo"],
  ["2001:db8::1", "reserved"], // documentation
  ["fc00::1", "uniqueLocal"],
  ["fd12:3456::1", "uniqueLocal"],
  ["fe80::1", "linkLocal"],
  ["febf::1", "linkLocal"],
  ["ff02::1", "multicast"],
  ["ff05::2", "multicast"],
  ["100::1", "discard"],
];
const ALLOWED = [
  "93.184.216.34",
  "8.8.8.8",
  "1.1.1.1",
  "172.32.0.1",
  "100.128.0.1",
  "198.20.0.1",
  "2606:4700::1111",
  "2a00:1450:4001::200e",
  "[2606:4700::1111]",
  "::ffff:8.8.8.8",
];

describe("webhook targets when private ones are refused", () => {
  it.each(REFUSED)("refuses %s (%s)", (address, range) => {
    expect(specialRangeOf(address)).toBe(range);
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(ALLOWED)("allows the global unicast address %s", (address) => {
    expect(specialRangeOf(address)).toBeNull();
    expect(isPrivateAddress(address)).toBe(false);
  });

  it("leaves names to the lookup", () => {
    expect(isPrivateAddress("hooks.example.com")).toBe(false);
  });

  it("refuses URLs naming this machine or a special-purpose address, however spelled, and accepts public ones", () => {
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://[::1]/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://2130706433/hook", // 127.0.0.1 as one number
      "http://0x7f.1/hook",
      "http://[::ffff:a9fe:a9fe]/hook", // 169.254.169.254, IPv4-mapped
      "http://[fd00::1]/hook",
      "http://100.64.1.1/hook",
      "http://203.0.113.10/cosell",
    ]) {
      expect(privateTargetProblem(url), url).toMatch(/public address/);
    }
    expect(privateTargetProblem("http://localhost:3000/hook")).toMatch(/this machine/);
    expect(privateTargetProblem("http://localhost.:3000/hook")).toMatch(/this machine/);
    expect(privateTargetProblem("https://db.internal/hook")).toMatch(/this machine/);
    expect(privateTargetProblem("https://hooks.example.com/cosell")).toBeNull();
    expect(privateTargetProblem("https://93.184.216.34/cosell")).toBeNull();
    expect(privateTargetProblem("https://[2606:4700::1111]/cosell")).toBeNull();
  });

  it("refuses, when connecting, a name that resolves to a private address, without saying which", async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup("localhost", {}, (e) => resolve(e)));
    expect(error?.code).toBe("EPRIVATE");
    expect(error?.message).toBe(RESOLVES_TO_PRIVATE);
    expect(error?.message).toBe("refused: the host resolves to a private or reserved address");
  });

  it("logs failures in fixed words, never with the addresses a name resolved to", () => {
    const failure = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(describeDeliveryFailure(failure("EPRIVATE", RESOLVES_TO_PRIVATE))).toBe(RESOLVES_TO_PRIVATE);
    expect(describeDeliveryFailure(failure("ECONNREFUSED", "connect ECONNREFUSED 10.1.2.3:443"))).toBe("connection refused");
    expect(describeDeliveryFailure(failure("ETIMEDOUT", "connect ETIMEDOUT 10.1.2.3:443"))).toBe("connection timed out");
    expect(describeDeliveryFailure(failure("EHOSTUNREACH", "connect EHOSTUNREACH 10.1.2.3:443"))).toBe("the host is unreachable");
    expect(describeDeliveryFailure(failure("ENOTFOUND", "getaddrinfo ENOTFOUND hooks.partner.test"))).toBe(
      "the host name does not resolve",
    );
    expect(describeDeliveryFailure(failure("CERT_HAS_EXPIRED", "certificate has expired"))).toBe("TLS failed (CERT_HAS_EXPIRED)");
    expect(describeDeliveryFailure(failure("EWHATEVER", "something about 10.1.2.3"))).toBe("request failed (EWHATEVER)");
    expect(describeDeliveryFailure(new Error("resolves to 10.1.2.3"))).toBe("request failed");
  });
});
