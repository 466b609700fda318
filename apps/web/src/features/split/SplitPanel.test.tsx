import type { Unmasked } from "@apollo/client/masking";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { formatBasisPoints, parseMinor, payouts as payoutsMinor, splitProblem } from "@cosell/schema";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { ApproveSplitDocument, RoomSplitDocument, SuggestedSplitDocument } from "../../gql/graphql";
import type { ApproveSplitMutationVariables, RoomSplitQuery, SplitStatus } from "../../gql/graphql";
import { acmePrint, ana, max, pixelStudio } from "../../test/fixtures";
import { SplitPanel } from "./SplitPanel";

const roomId = "T3BwOm5vcnRo";
const lee = { __typename: "User", id: "VXNlcjpsZWU=", name: "Lee Lindqvist" } as const;

type Line = NonNullable<NonNullable<Unmasked<RoomSplitQuery>["opportunity"]["split"]>["agreed"]>["lines"][number];
const line = (user: { id: string; name: string }, organization: typeof acmePrint | typeof pixelStudio, basisPoints: number): Line => ({
  __typename: "SplitLine",
  basisPoints,
  type: "REVENUE",
  payout: null,
  user: { __typename: "User", id: user.id, name: user.name },
  organization,
});
const maxOkafor = { id: "VXNlcjptYXg=", name: "Max Okafor" };
const threeWays = () => [line(ana, acmePrint, 3333), line(maxOkafor, acmePrint, 3333), line(lee, pixelStudio, 3334)];

/** A room whose split is one revision (3): pending (PROPOSED) or in force (AGREED / LOCKED). */
function roomSplit(status: SplitStatus, approvedByAcme: boolean): Unmasked<RoomSplitQuery> {
  const revision = { revision: 3, lines: threeWays() };
  return {
    opportunity: {
      __typename: "Opportunity",
      id: roomId,
      stage: "NEGOTIATION",
      amount: { __typename: "Money", amount: "100.00", currency: "USD" },
      split: {
        __typename: "CreditSplit",
        id: "U3BsaXQ6MQ==",
        status,
        revision: 3,
        agreed: status === "PROPOSED" ? null : { __typename: "SplitRevision", status, agreedAt: "2025-11-20T10:00:00.000Z", ...revision },
        pending:
          status !== "PROPOSED"
            ? null
            : {
                __typename: "SplitRevision",
                ...revision,
                proposedBy: { __typename: "User", id: ana.id, name: ana.name },
                approvals: approvedByAcme
                  ? [
                      {
                        __typename: "SplitApproval",
                        revision: 3,
                        organization: acmePrint,
                        approvedBy: { __typename: "User", id: max.id, name: max.name },
                      },
                    ]
                  : [],
                awaitingApprovalFrom: approvedByAcme ? [pixelStudio] : [acmePrint, pixelStudio],
              },
      },
      splitDraft: { __typename: "SuggestedSplit", explanation: [], lines: [] },
    },
  };
}

describe("split arithmetic", () => {
  it("pays out exactly the amount, the leftover cent going to the largest remainder", () => {
    const lines = [
      { basisPoints: 3333, type: "REVENUE" as const },
      { basisPoints: 3333, type: "REVENUE" as const },
      { basisPoints: 3334, type: "REVENUE" as const },
    ];
    const payouts = payoutsMinor(parseMinor("100.00", "USD"), lines);
    expect(payouts).toEqual([3333n, 3333n, 3334n]);
    expect(payouts.reduce((a, b) => a + b, 0n)).toBe(10000n);
    // 10.00 split three ways by 3333/3333/3334 bp: 333.3, 333.3, 333.4 → the largest remainder gets the cent.
    expect(payoutsMinor(1000n, lines)).toEqual([333n, 333n, 334n]);
    expect(
      payoutsMinor(1001n, [
        { basisPoints: 5000, type: "REVENUE" },
        { basisPoints: 5000, type: "REVENUE" },
      ]),
    ).toEqual([501n, 500n]);
  });

  it("refuses revenue shares that do not add up to 100%, ignoring overlays", () => {
    expect(
      splitProblem([
        { basisPoints: 6000, type: "REVENUE" },
        { basisPoints: 3000, type: "REVENUE" },
      ]),
    ).toBe("Revenue shares add up to 90%, not 100%.");
    expect(
      splitProblem([
        { basisPoints: 10000, type: "REVENUE" },
        { basisPoints: 2000, type: "OVERLAY" },
      ]),
    ).toBeNull();
    expect(formatBasisPoints(3333)).toBe("33.33%");
  });
});

describe("SplitPanel", () => {
  it("shows each line's share and what it would be paid, and lets Max approve for Acme", async () => {
    const sent: ApproveSplitMutationVariables["input"][] = [];
    const mocks: MockLink.MockedResponse[] = [
      { request: { query: RoomSplitDocument, variables: { id: roomId } }, result: { data: roomSplit("PROPOSED", false) } },
      {
        request: { query: ApproveSplitDocument, variables: () => true },
        result: (variables: ApproveSplitMutationVariables) => {
          sent.push(variables.input);
          return { data: { approveSplit: { __typename: "CreditSplit", id: "U3BsaXQ6MQ==", status: "PROPOSED", revision: 3 } } };
        },
      },
      { request: { query: RoomSplitDocument, variables: { id: roomId } }, result: { data: roomSplit("PROPOSED", true) } },
    ];
    render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <SplitPanel
          opportunityId={roomId}
          viewer={{ id: max.id, role: "MANAGER", organization: { id: acmePrint.id } }}
          writable
          people={[]}
        />
      </MockedProvider>,
    );

    const table = await screen.findByRole("table");
    const leeRow = within(table).getByRole("row", { name: /Lee Lindqvist/ });
    expect(leeRow.textContent).toContain("33.34%");
    expect(leeRow.textContent).toContain("$33.34");
    expect(screen.getByText("Proposed")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Approve for my organization" }));

    const approvals = screen.getByRole("list", { name: "Approvals" });
    await waitFor(() => expect(approvals.textContent).toContain("Acme Print approved by Max Okafor"));
    expect(sent).toEqual([{ splitId: "U3BsaXQ6MQ==", revision: 3 }]);
    // Acme has approved: Max is not asked again.
    expect(screen.queryByRole("button", { name: /Approv/ })).toBeNull();
    expect(approvals.textContent).toContain("Pixel Studio has not approved yet");
  });

  it("does not offer a rep the approval, and blocks a proposal that does not add up", async () => {
    const data = roomSplit("PROPOSED", false);
    data.opportunity.splitDraft = {
      __typename: "SuggestedSplit",
      explanation: ["Pixel Studio's default revenue share is 30% (partnership)."],
      lines: [
        { __typename: "SplitLine", basisPoints: 7000, type: "REVENUE", user: { __typename: "User", id: ana.id } },
        { __typename: "SplitLine", basisPoints: 3000, type: "REVENUE", user: { __typename: "User", id: lee.id } },
      ],
    };
    render(
      <MockedProvider
        mocks={[
          { request: { query: RoomSplitDocument, variables: { id: roomId } }, result: { data } },
          {
            request: { query: SuggestedSplitDocument, variables: { opportunityId: roomId } },
            result: { data: { suggestedSplit: { __typename: "SuggestedSplit", explanation: [], lines: [] } } },
          },
        ]}
        cache={createCache()}
      >
        <SplitPanel
          opportunityId={roomId}
          viewer={{ id: ana.id, role: "REP", organization: { id: acmePrint.id } }}
          writable
          people={[
            { id: ana.id, name: ana.name, organizationName: "Acme Print" },
            { id: lee.id, name: lee.name, organizationName: "Pixel Studio" },
          ]}
        />
      </MockedProvider>,
    );

    await screen.findByRole("table");
    expect(screen.queryByRole("button", { name: "Approve for my organization" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Propose a new split" }));
    expect(screen.getByText("Pixel Studio's default revenue share is 30% (partnership).")).toBeTruthy();
    const propose = () => screen.getByRole("button", { name: "Propose split" }) as HTMLButtonElement;
    expect(propose().disabled).toBe(false);

    fireEvent.change(screen.getByLabelText("Share of line 2 in percent"), { target: { value: "20" } });

    expect(propose().disabled).toBe(true);
    expect(screen.getByText(/Revenue total:/).textContent).toContain("90% — Revenue shares add up to 90%, not 100%.");
  });

  it("celebrates a won deal and shows the locked payouts", async () => {
    const data = roomSplit("LOCKED", true);
    data.opportunity.stage = "CLOSED_WON";
    const agreed = data.opportunity.split!.agreed!;
    agreed.lines = agreed.lines.map((line, index) => ({
      ...line,
      payout: { __typename: "Money", amount: ["33.33", "33.33", "33.34"][index]!, currency: "USD" },
    }));
    render(
      <MockedProvider
        mocks={[{ request: { query: RoomSplitDocument, variables: { id: roomId } }, result: { data } }]}
        cache={createCache()}
      >
        <SplitPanel
          opportunityId={roomId}
          viewer={{ id: max.id, role: "MANAGER", organization: { id: acmePrint.id } }}
          writable
          people={[]}
        />
      </MockedProvider>,
    );

    expect((await screen.findByText(/Locked at the win/)).closest("[role=status]")?.textContent).toContain("payouts are fixed");
    expect(screen.getByRole("columnheader", { name: "Payout" })).toBeTruthy();
    expect(within(screen.getByRole("row", { name: /Lee Lindqvist/ })).getByText("$33.34")).toBeTruthy();
    // A locked split takes no new proposal and no approval.
    expect(screen.queryByRole("button", { name: /Propose/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Approve/ })).toBeNull();
  });

  it("shows Pixel's manager that the agreed split stays in force while a proposal that drops Lee awaits Pixel", async () => {
    const data = roomSplit("PROPOSED", true);
    const split = data.opportunity.split!;
    split.revision = 4;
    split.agreed = {
      __typename: "SplitRevision",
      revision: 3,
      status: "AGREED",
      agreedAt: "2025-11-20T10:00:00.000Z",
      lines: [line(ana, acmePrint, 7000), line(lee, pixelStudio, 3000)],
    };
    split.pending = { ...split.pending!, revision: 4, lines: [line(ana, acmePrint, 10000)] };
    const sent: ApproveSplitMutationVariables["input"][] = [];
    render(
      <MockedProvider
        mocks={[
          { request: { query: RoomSplitDocument, variables: { id: roomId } }, result: { data } },
          {
            request: { query: ApproveSplitDocument, variables: () => true },
            result: (variables: ApproveSplitMutationVariables) => {
              sent.push(variables.input);
              return { data: { approveSplit: { __typename: "CreditSplit", id: split.id, status: "PROPOSED", revision: 4 } } };
            },
          },
          { request: { query: RoomSplitDocument, variables: { id: roomId } }, result: { data } },
        ]}
        cache={createCache()}
      >
        <SplitPanel
          opportunityId={roomId}
          viewer={{ id: "VXNlcjpwYXQ=", role: "MANAGER", organization: { id: pixelStudio.id } }}
          writable={false}
          people={[]}
        />
      </MockedProvider>,
    );

    const inForce = await screen.findByRole("table", { name: "Split in force" });
    expect(within(inForce).getByRole("row", { name: /Lee Lindqvist/ }).textContent).toContain("30%");
    expect(screen.getByText(/stays in force until every organization below approves/)).toBeTruthy();
    const proposal = screen.getByRole("table", { name: "Pending proposal" });
    expect(within(proposal).queryByRole("row", { name: /Lee Lindqvist/ })).toBeNull();
    expect(screen.getByText(/revision 4, proposed by Ana/)).toBeTruthy();
    const approvals = screen.getByRole("list", { name: "Approvals" });
    expect(approvals.textContent).toContain("Acme Print approved by");
    expect(approvals.textContent).toContain("Pixel Studio has not approved yet");
    // Read-only in the room, Pat still decides for Pixel: approving is Pixel's consent to the cut.
    fireEvent.click(screen.getByRole("button", { name: "Approve for my organization" }));
    await waitFor(() => expect(sent).toEqual([{ splitId: split.id, revision: 4 }]));
    expect(screen.queryByRole("button", { name: /Propose/ })).toBeNull();
  });
});
