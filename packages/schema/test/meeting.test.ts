import { describe, expect, it } from "vitest";
import { MEETING_HORIZON_DAYS, meetingDurationProblem, meetingStartProblem, zonedTimeProblem } from "../src/index.js";

describe("the meeting rules both apps apply", () => {
  it("takes a whole number of minutes from 5 to 480", () => {
    expect([5, 60, 480].map(meetingDurationProblem)).toEqual([null, null, null]);
    for (const minutes of [4, 481, 30.5, Number.NaN]) expect(meetingDurationProblem(minutes)).toMatch(/from 5 to 480/);
  });

  it("starts in the future, within the horizon", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect(meetingStartProblem(new Date("2027-01-01T00:01:00Z"), now)).toBeNull();
    expect(meetingStartProblem(now, now)).toBe("must be in the future");
    expect(meetingStartProblem(new Date(now.getTime() + (MEETING_HORIZON_DAYS + 1) * 86_400_000), now)).toMatch(/within/);
    expect(meetingStartProblem(new Date(Number.NaN), now)).toBe("is not a real time");
  });

  it("wants a time with a zone, since one without means another instant on every machine", () => {
    expect(zonedTimeProblem("2027-01-15T16:00:00Z")).toBeNull();
    expect(zonedTimeProblem("2027-01-15T17:00+01:00")).toBeNull();
    expect(zonedTimeProblem("2027-01-15T16:00:00")).toMatch(/with Z or an offset/);
    expect(zonedTimeProblem("tomorrow")).toMatch(/with Z or an offset/);
    expect(zonedTimeProblem("2027-13-45T16:00:00Z")).toBe("is not a real time");
  });
});
