import { describe, expect, it } from "vitest";
import {
  ActivityKind,
  DealStage,
  ErrorCode,
  LOGGABLE_ACTIVITY_KINDS,
  OPEN_STAGES,
  STAGE_ORDER,
  SYSTEM_ACTIVITY_KINDS,
  isClosedStage,
  isDealStage,
  isErrorCode,
  isLoggableActivityKind,
} from "../src/index.js";

describe("stages", () => {
  it("run in pipeline order, every stage once", () => {
    expect(STAGE_ORDER).toEqual(["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION", "CLOSED_WON", "CLOSED_LOST"]);
    expect([...STAGE_ORDER].sort()).toEqual(Object.values(DealStage).sort());
  });

  it("close a deal only at CLOSED_WON or CLOSED_LOST", () => {
    expect(STAGE_ORDER.filter(isClosedStage)).toEqual(["CLOSED_WON", "CLOSED_LOST"]);
    expect(OPEN_STAGES).toEqual(["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"]);
  });

  it("are recognized in plain strings", () => {
    expect([isDealStage("PROPOSAL"), isDealStage("proposal"), isDealStage("WON")]).toEqual([true, false, false]);
  });
});

describe("activity kinds", () => {
  it("are logged by people or written by the system, never both", () => {
    expect(LOGGABLE_ACTIVITY_KINDS).toEqual(["NOTE", "CALL", "MEETING", "EMAIL", "HELP_REQUEST", "RESULT"]);
    expect([...LOGGABLE_ACTIVITY_KINDS, ...SYSTEM_ACTIVITY_KINDS].sort()).toEqual(Object.values(ActivityKind).sort());
    expect(SYSTEM_ACTIVITY_KINDS).toContain("STAGE_CHANGED");
    expect([isLoggableActivityKind("CALL"), isLoggableActivityKind("DEAL_WON")]).toEqual([true, false]);
  });
});

describe("error codes", () => {
  it("include the limits and outages as well as the domain's refusals", () => {
    expect(Object.values(ErrorCode)).toEqual([
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "NOT_FOUND",
      "BAD_USER_INPUT",
      "CONFLICT",
      "RATE_LIMITED",
      "LIMIT_EXCEEDED",
      "SERVICE_UNAVAILABLE",
      "REGISTRATION_CONFLICT",
    ]);
    expect([isErrorCode("RATE_LIMITED"), isErrorCode("INTERNAL_SERVER_ERROR"), isErrorCode(42)]).toEqual([true, false, false]);
  });
});
