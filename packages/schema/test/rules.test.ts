import { describe, expect, it } from "vitest";
import {
  CLOSE_DATE_MAX,
  CLOSE_DATE_MIN,
  COMMITMENT_TITLE_MAX,
  DOMAIN_MAX,
  TITLE_MAX,
  cleanDomain,
  closeDateProblem,
  domainProblem,
  mayChangeOwner,
  normalizeDomain,
  titleProblem,
} from "../src/index.js";

describe("titles", () => {
  it("have something besides white space, up to the limit", () => {
    expect(titleProblem("Acme renewal")).toBeNull();
    expect(titleProblem("x".repeat(TITLE_MAX))).toBeNull();
    expect(titleProblem("x".repeat(TITLE_MAX + 1))).toBe("must be 1 to 200 characters");
    expect(titleProblem("")).toBe("must be 1 to 200 characters");
    expect(titleProblem("  \t ")).toBe("must not be empty");
  });

  it("of commitments may be longer", () => {
    expect(titleProblem("x".repeat(COMMITMENT_TITLE_MAX), COMMITMENT_TITLE_MAX)).toBeNull();
    expect(titleProblem("x".repeat(COMMITMENT_TITLE_MAX + 1), COMMITMENT_TITLE_MAX)).toBe("must be 1 to 500 characters");
  });
});

describe("domains", () => {
  it("are cleaned of a scheme, a trailing slash or dot, surrounding space and upper case", () => {
    expect(cleanDomain(" https://Acme.Example/ ")).toBe("acme.example");
    expect(cleanDomain("HTTP://acme.example")).toBe("acme.example");
    expect(cleanDomain("acme.example.")).toBe("acme.example");
    expect(cleanDomain("WWW.Acme.example")).toBe("www.acme.example");
  });

  it("conflict without www.", () => {
    expect(normalizeDomain("https://WWW.Example.com/")).toBe("example.com");
    expect(normalizeDomain("example.com")).toBe("example.com");
  });

  it("are accepted as people paste them", () => {
    for (const raw of ["example.com", "https://www.Example.com/", "example.com.", "sub.example.co.uk", "xn--bcher-kva.xn--p1ai"]) {
      expect(domainProblem(raw)).toBeNull();
    }
  });

  it("refuse paths, ports, single labels and bad top-level domains", () => {
    for (const raw of [
      "example.com/path",
      "example.com:8080",
      "user@example.com",
      "localhost",
      "example.c0m",
      "example.c",
      "exa mple.com",
    ]) {
      expect(domainProblem(raw)).toBe("must be a domain such as example.com");
    }
  });

  it("refuse labels that start or end with -", () => {
    expect(domainProblem("-acme.example")).toBe("must not have a part that starts or ends with -");
    expect(domainProblem("acme-.example")).toBe("must not have a part that starts or ends with -");
  });

  it("refuse names too long in all or between dots", () => {
    const label = "a".repeat(63);
    expect(domainProblem(`${label}.com`)).toBeNull();
    expect(domainProblem(`${label}a.com`)).toBe("must have at most 63 characters between dots");
    const long = `${Array.from({ length: 4 }, () => label).join(".")}.com`;
    expect(long.length).toBeGreaterThan(DOMAIN_MAX);
    expect(domainProblem(long)).toBe("must be at most 253 characters");
  });
});

describe("close dates", () => {
  it("are real calendar days as YYYY-MM-DD", () => {
    expect(closeDateProblem("2027-01-15")).toBeNull();
    expect(closeDateProblem("2028-02-29")).toBeNull();
    expect(closeDateProblem("2027-02-29")).toBe("is not a real date");
    expect(closeDateProblem("2027-13-01")).toBe("is not a real date");
    expect(closeDateProblem("2027-1-15")).toBe("must be a date as YYYY-MM-DD");
    expect(closeDateProblem("2027-01-15T00:00:00Z")).toBe("must be a date as YYYY-MM-DD");
  });

  it("lie from 1970-01-01 to 9999-12-31", () => {
    expect(closeDateProblem(CLOSE_DATE_MIN)).toBeNull();
    expect(closeDateProblem(CLOSE_DATE_MAX)).toBeNull();
    expect(closeDateProblem("1969-12-31")).toBe("must be from 1970-01-01 to 9999-12-31");
    expect(closeDateProblem("0000-01-01")).not.toBeNull();
  });
});

describe("who hands a deal to another owner rep", () => {
  const deal = { organizationId: "acme", ownerId: "ana" };
  it("is the owner rep, a manager or admin of the deal's organization, or its token; never a partner", () => {
    expect(mayChangeOwner({ organizationId: "acme", userId: "ana", isManager: false }, deal)).toBe(true);
    expect(mayChangeOwner({ organizationId: "acme", userId: "max", isManager: true }, deal)).toBe(true);
    expect(mayChangeOwner({ organizationId: "acme", userId: null, isManager: false }, deal)).toBe(true);
    expect(mayChangeOwner({ organizationId: "acme", userId: "bob", isManager: false }, deal)).toBe(false);
    expect(mayChangeOwner({ organizationId: "pixel", userId: "pat", isManager: true }, deal)).toBe(false);
    expect(mayChangeOwner({ organizationId: "pixel", userId: null, isManager: false }, deal)).toBe(false);
  });
});
