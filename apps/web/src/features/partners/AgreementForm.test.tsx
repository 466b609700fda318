import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PartnershipTermsInput } from "../../gql/graphql";
import { AgreementForm } from "./AgreementForm";
import type { AgreementTermsData } from "./AgreementTerms";
import { draftFrom } from "./agreementDraft";

const IN_FORCE: AgreementTermsData = {
  __typename: "PartnershipTerms",
  revision: 1,
  status: "IN_FORCE",
  complete: true,
  text: "Partnership agreement between Acme Print and Pixel Studio — revision 1",
  relationship: "CO_SELL",
  knownProblems: "None known",
  disputeResolution: "Managers settle within ten days",
  defaultCreditSplitBp: 2000,
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  earlierTerms: null,
  scope: { __typename: "PartnershipScope", accounts: "Retail", regions: "DACH", products: "Catalogs" },
  logistics: { __typename: "PartnershipLogistics", meetingsLedBy: "The owner", leadSharing: "Registered first" },
  proposedAt: "2026-01-01T09:00:00.000Z",
  inForceFrom: "2026-01-02T09:00:00.000Z",
  proposedBy: { __typename: "User", id: "u1", name: "Max Meyer" },
  proposedByOrganization: { __typename: "Organization", id: "o1", name: "Acme Print" },
  signatures: [],
};

function renderForm(props: Partial<Parameters<typeof AgreementForm>[0]> = {}) {
  const sent: PartnershipTermsInput[] = [];
  render(
    <AgreementForm
      heading="Propose a partnership to Pixel Studio"
      submitLabel="Propose"
      busyLabel="Proposing…"
      busy={false}
      error={null}
      onCancel={() => undefined}
      onSubmit={async (terms) => {
        sent.push(terms);
      }}
      {...props}
    />,
  );
  return sent;
}

describe("the agreement form", () => {
  it("names every point left out before sending, and sends nothing", () => {
    const sent = renderForm();
    fireEvent.click(screen.getByRole("button", { name: "Propose" }));
    expect(screen.getByText("11 points need attention.")).toBeTruthy();
    const accounts = screen.getByLabelText("Accounts covered");
    expect(accounts.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(accounts.getAttribute("aria-describedby")!)!.textContent).toBe(
      "Accounts covered: say what you agree (write “all” if unrestricted).",
    );
    expect(screen.getByText("Choose the relationship.")).toBeTruthy();
    expect(screen.getByText("Give the default credit share (0 to 100%).")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Starts on"), { target: { value: "2026-05-01" } });
    fireEvent.change(screen.getByLabelText("Ends on"), { target: { value: "2026-04-01" } });
    expect(screen.getByText("The term must end after it starts.")).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it("sends every point once each is stated, the share in basis points", async () => {
    const sent = renderForm();
    const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    type("Accounts covered", " Retail ");
    type("Regions covered", "DACH");
    type("Products covered", "Catalogs");
    type("Relationship", "REFERRAL");
    type("Who leads customer meetings", "The owner");
    type("How leads are shared", "Registered first");
    type("Known problems", "None known");
    type("How problems and disputes are settled", "Managers settle");
    type("Default credit share of the firm not owning a deal (%)", "12.5");
    type("Starts on", "2026-01-01");
    type("Ends on", "2026-12-31");
    fireEvent.click(screen.getByRole("button", { name: "Propose" }));
    await screen.findByRole("button", { name: "Propose" });
    expect(sent).toEqual([
      {
        scope: { accounts: "Retail", regions: "DACH", products: "Catalogs" },
        relationship: "REFERRAL",
        logistics: { meetingsLedBy: "The owner", leadSharing: "Registered first" },
        knownProblems: "None known",
        disputeResolution: "Managers settle",
        defaultCreditSplitBp: 1250,
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
      },
    ]);
  });

  it("shows an amendment's changes against the revision in force as they are typed", () => {
    renderForm({ heading: "Propose an amendment", initial: draftFrom(IN_FORCE), inForce: IN_FORCE, submitLabel: "Propose the amendment" });
    const diff = screen.getByRole("region", { name: "Changes from revision 1" });
    expect(within(diff).getByText("No point differs yet.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Default credit share of the firm not owning a deal (%)"), { target: { value: "25" } });
    fireEvent.change(screen.getByLabelText("Known problems"), { target: { value: "Pixel also designs for a rival" } });
    const items = within(diff)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(items).toEqual([
      "Known problems: None known → Pixel also designs for a rival",
      "Default credit share of the firm not owning a deal: 20% → 25%",
    ]);
  });
});
