import { SplitType } from "@cosell/schema";
import { describe, expect, it } from "vitest";
import { approversOf, lineChanges, organizationsCutBy } from "./revision.js";

const line = (userId: string, organizationId: string, basisPoints: number, type: SplitType = SplitType.REVENUE) => ({
  userId,
  organizationId,
  basisPoints,
  type,
});
const agreed = [line("ana", "acme", 7000), line("lee", "pixel", 3000), line("lee", "pixel", 500, SplitType.OVERLAY)];

describe("who must approve a new revision", () => {
  it("includes an organization whose agreed line is removed, though none of its people are in the new lines", () => {
    const proposed = [line("ana", "acme", 10000)];
    expect(organizationsCutBy(proposed, agreed)).toEqual(["pixel"]);
    expect(approversOf(proposed, agreed)).toEqual(["acme", "pixel"]);
  });

  it("includes an organization whose line is lowered, of either type, and not one whose lines only grow", () => {
    expect(organizationsCutBy([line("ana", "acme", 7000), line("lee", "pixel", 3000)], agreed)).toEqual(["pixel"]); // the overlay is gone
    const raise = [line("ana", "acme", 6000), line("lee", "pixel", 4000), line("lee", "pixel", 500, SplitType.OVERLAY)];
    expect(organizationsCutBy(raise, agreed)).toEqual(["acme"]);
    expect(approversOf(raise, null)).toEqual(["acme", "pixel"]);
  });

  it("describes the changes against the revision in force", () => {
    const changes = lineChanges([line("ana", "acme", 10000), line("sam", "paper", 100, SplitType.OVERLAY)], agreed, (l) => l.userId);
    expect(changes).toEqual([
      { field: "ana REVENUE", from: "70.00%", to: "100.00%" },
      { field: "lee REVENUE", from: "30.00%", to: "" },
      { field: "lee OVERLAY", from: "5.00%", to: "" },
      { field: "sam OVERLAY", from: "", to: "1.00%" },
    ]);
    expect(lineChanges(agreed, agreed, (l) => l.userId)).toEqual([]);
  });
});
