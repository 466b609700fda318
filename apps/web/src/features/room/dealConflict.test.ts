import { describe, expect, it } from "vitest";
import { explainConflict, showChangedValue, showTime } from "./dealConflict";
import type { LoggedEdit } from "./dealConflict";

const at = "2026-03-03T14:02:00.000Z";
const max = { id: "max", name: "Max Meyer" };
const edit = (changes: LoggedEdit["changes"], actor: LoggedEdit["actor"] = max): LoggedEdit => ({
  kind: "OPPORTUNITY_UPDATED",
  createdAt: at,
  actor,
  changes,
});

describe("explaining a refused edit", () => {
  it("names the newest change of the same field, even when a later edit touched another one", () => {
    const log = [
      edit([{ field: "amount", from: "10000.00 EUR", to: "12000.00 EUR" }]),
      edit([{ field: "title", from: "Old", to: "New" }], { id: "ana", name: "Ana Alvarez" }),
    ];
    expect(explainConflict("amount", log, { stage: "PROPOSAL" })).toBe(
      `Max Meyer changed amount from €10,000.00 to €12,000.00 at ${showTime(at)} — your edit was not saved.`,
    );
  });

  it("falls back to the newest edit or stage move when the field itself did not change", () => {
    const moved: LoggedEdit = { kind: "STAGE_CHANGED", createdAt: at, actor: max, changes: [] };
    expect(explainConflict("title", [edit([{ field: "amount", from: "1.00 USD", to: "2.00 USD" }]), moved], { stage: "NEGOTIATION" })).toBe(
      `Max Meyer moved the deal to Negotiation at ${showTime(at)} — your edit was not saved.`,
    );
    const byToken: LoggedEdit = { ...edit([{ field: "closeDate", from: "", to: "2027-01-31" }], null), apiTokenName: "Pixel CRM sync" };
    expect(explainConflict("owner", [byToken], { stage: "PROPOSAL" })).toBe(
      `Pixel CRM sync changed close date from no close date to 2027-01-31 at ${showTime(at)} — your edit was not saved.`,
    );
    expect(explainConflict("title", [], { stage: "PROPOSAL" })).toBe("Someone else changed this deal — your edit was not saved.");
  });

  it("shows logged values in people's words", () => {
    expect(showChangedValue("amount", "125000 JPY")).toBe("¥125,000");
    expect(showChangedValue("title", "")).toBe("—");
  });
});
