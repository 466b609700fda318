import { describe, expect, it } from "vitest";
import type { LiveStageChange } from "../live/live";
import { mergeMoves } from "./recentStageChanges";

const move = (id: string, at: string, toStage: LiveStageChange["toStage"] = "PROPOSAL"): LiveStageChange => ({
  __typename: "StageChange",
  fromStage: "QUALIFICATION",
  toStage,
  at,
  changedBy: null,
  opportunity: {
    __typename: "Opportunity",
    id,
    title: `Deal ${id}`,
    stage: toStage,
    version: 2,
    amount: { __typename: "Money", amount: "1.00", currency: "USD" },
    account: { __typename: "Account", id: "a", name: "Account" },
  },
});

describe("the stage stream on open", () => {
  const now = new Date("2026-05-20T12:00:00Z").getTime();
  it("shows this week's stored moves behind the live ones, newest first, each once", () => {
    const stored = [move("b", "2026-05-19T10:00:00.000Z"), move("c", "2026-05-10T10:00:00.000Z")];
    const live = [move("d", "2026-05-20T11:00:00.000Z"), move("b", "2026-05-19T10:00:00.000Z")];
    expect(mergeMoves(live, stored, now).map((m) => m.opportunity.id)).toEqual(["d", "b"]);
  });
});
