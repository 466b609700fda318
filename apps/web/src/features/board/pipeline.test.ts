import { describe, expect, it } from "vitest";
import { partnerOrganizations } from "./pipeline";

describe("partnerOrganizations", () => {
  const acme = { id: "acme", name: "Acme Print" };
  const pixel = { id: "pixel", name: "Pixel Studio" };
  const paper = { id: "paper", name: "Paperworks" };

  it("lists the members' organizations other than the owner's, once each, by name", () => {
    expect(
      partnerOrganizations({
        organization: acme,
        members: [pixel, acme, paper, pixel].map((organization) => ({ user: { organization } })),
      }),
    ).toEqual([paper, pixel]);
  });
});
