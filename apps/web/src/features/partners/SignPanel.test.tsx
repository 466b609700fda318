import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { SignPartnershipDocument } from "../../gql/graphql";
import type { AgreementTermsData } from "./AgreementTerms";
import { SignPanel } from "./PartnersPage";

const TERMS: AgreementTermsData = {
  __typename: "PartnershipTerms",
  revision: 2,
  status: "PENDING",
  complete: true,
  text: "Partnership agreement between Pixel Studio and Paperworks — revision 2\n\n5. Credit. … 25% …",
  relationship: "CO_SELL",
  knownProblems: "None known",
  disputeResolution: "Managers settle",
  defaultCreditSplitBp: 2500,
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  earlierTerms: null,
  scope: { __typename: "PartnershipScope", accounts: "Retail", regions: "DACH", products: "Catalogs" },
  logistics: { __typename: "PartnershipLogistics", meetingsLedBy: "The owner", leadSharing: "Registered first" },
  proposedAt: "2026-03-01T09:00:00.000Z",
  inForceFrom: null,
  proposedBy: { __typename: "User", id: "u1", name: "Pat Park" },
  proposedByOrganization: { __typename: "Organization", id: "o1", name: "Pixel Studio" },
  signatures: [],
};
const CODE = {
  version: 1,
  title: "cosell partner code of conduct",
  text: "Sharing leads. Registered first.\n\nConfidentiality. Stays in the room.",
};

describe("signing a revision", () => {
  it("shows the agreement, asks for the code of conduct to be read and accepted, and signs the revision read with its version", async () => {
    const sent: unknown[] = [];
    const mocks: MockLink.MockedResponse[] = [
      {
        request: { query: SignPartnershipDocument, variables: () => true },
        result: (variables: { input: unknown }) => {
          sent.push(variables.input);
          return { data: { signPartnership: { __typename: "Partnership", id: "P1", status: "SIGNED", revision: 2, inForceRevision: 2 } } };
        },
      },
    ];
    render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <SignPanel partnershipId="P1" terms={TERMS} code={CODE} />
      </MockedProvider>,
    );
    expect(screen.getByRole("region", { name: "Agreement to sign, revision 2" }).textContent).toContain("revision 2");
    const sign = screen.getByRole("button", { name: "Sign revision 2" }) as HTMLButtonElement;
    expect(sign.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Read the code of conduct (version 1)" }));
    expect(screen.getByRole("region", { name: "cosell partner code of conduct" }).textContent).toContain("Stays in the room.");
    fireEvent.click(screen.getByLabelText("We accept the code of conduct, version 1"));
    expect(sign.disabled).toBe(false);
    fireEvent.click(sign);
    await waitFor(() => expect(sent).toEqual([{ id: "P1", revision: 2, codeOfConductVersion: 1 }]));
  });

  it("cannot sign terms that do not state every point", () => {
    render(
      <MockedProvider mocks={[]} cache={createCache()}>
        <SignPanel partnershipId="P1" terms={{ ...TERMS, complete: false, endsOn: null }} code={CODE} />
      </MockedProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Read the code of conduct (version 1)" }));
    fireEvent.click(screen.getByLabelText("We accept the code of conduct, version 1"));
    expect((screen.getByRole("button", { name: "Sign revision 2" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
