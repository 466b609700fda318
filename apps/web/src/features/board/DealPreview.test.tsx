import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { DealPreviewDocument } from "../../gql/graphql";
import { acmePrint, ana, boardMock, opportunity, pixelStudio } from "../../test/fixtures";
import { Board } from "./Board";

const northwind = opportunity("T3BwOm5vcnRo", { title: "Northwind catalog relaunch", stage: "PROPOSAL", version: 3 });
const wonDeal = opportunity("T3BwOndvbg==", { title: "Umbrella menu cards", stage: "CLOSED_WON", version: 7 });
const lee = { __typename: "User", id: "VXNlcjpsZWU=", name: "Lee Lindqvist" } as const;

const previewMock: MockLink.MockedResponse = {
  request: { query: DealPreviewDocument, variables: { id: northwind.id } },
  result: {
    data: {
      opportunity: {
        __typename: "Opportunity",
        id: northwind.id,
        title: northwind.title,
        stage: "PROPOSAL",
        version: 3,
        closeDate: "2027-05-31",
        amount: { __typename: "Money", amount: "48000.00", currency: "USD" },
        account: { __typename: "Account", id: "QWNjOm5vcnRo", name: "Northwind Traders" },
        organization: acmePrint,
        owner: { __typename: "User", id: ana.id, name: ana.name },
        members: [
          {
            __typename: "RoomMember",
            role: "OWNER",
            access: "WRITE",
            user: { __typename: "User", id: ana.id, name: ana.name, organization: acmePrint },
          },
          { __typename: "RoomMember", role: "PARTNER_REP", access: "WRITE", user: { ...lee, organization: pixelStudio } },
        ],
        commitments: [
          {
            __typename: "Commitment",
            id: "Q29tOjE=",
            title: "Old brief",
            status: "DONE",
            dueAt: "2026-01-01T10:00:00.000Z",
            assignee: lee,
          },
          {
            __typename: "Commitment",
            id: "Q29tOjI=",
            title: "Three cover concepts",
            status: "OPEN",
            dueAt: "2099-01-15T17:00:00.000Z",
            assignee: lee,
          },
        ],
        activities: {
          __typename: "ActivityConnection",
          edges: [
            {
              __typename: "ActivityEdge",
              node: {
                __typename: "Activity",
                id: "QWN0OjE=",
                kind: "NOTE",
                body: "Kick-off call booked",
                createdAt: "2026-01-09T09:00:00.000Z",
                actor: { __typename: "User", id: ana.id, name: ana.name },
                apiTokenName: null,
              },
            },
            {
              __typename: "ActivityEdge",
              node: {
                __typename: "Activity",
                id: "QWN0OjI=",
                kind: "STAGE_CHANGED",
                body: "Stage QUALIFICATION → PROPOSAL",
                createdAt: "2026-01-10T09:00:00.000Z",
                actor: { __typename: "User", id: ana.id, name: ana.name },
                apiTokenName: null,
              },
            },
          ],
        },
      },
    },
  },
};

function renderBoard(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <Board />
    </MockedProvider>,
  );
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("the deal preview", () => {
  it("opens from a card without leaving the board, and Escape closes it with focus back on the card", async () => {
    renderBoard([boardMock({ opportunities: [northwind] }), previewMock]);
    const title = await screen.findByRole("link", { name: northwind.title });
    fireEvent.click(title);

    const panel = await screen.findByRole("dialog", { name: northwind.title });
    expect(window.location.pathname).toBe("/");
    expect(document.activeElement).toBe(within(panel).getByRole("button", { name: "Close the preview" }));
    expect(await within(panel).findByText("Northwind Traders")).toBeTruthy();
    const people = within(panel).getByRole("region", { name: "People" });
    expect(within(people).getByText(/Lee Lindqvist/).textContent).toContain("Pixel Studio · Partner rep");
    const next = within(panel).getByRole("region", { name: "Next commitments" });
    expect(within(next).getByText(/Three cover concepts/)).toBeTruthy();
    expect(within(next).queryByText(/Old brief/)).toBeNull();
    // Newest first, in people's words.
    const recent = within(within(panel).getByRole("region", { name: "Recent activity" }).querySelector("ul")!).getAllByRole("listitem");
    expect(recent.map((item) => item.textContent)).toEqual([
      expect.stringContaining("Stage Qualification → Proposal"),
      expect.stringContaining("Kick-off call booked"),
    ]);
    expect(within(panel).getByRole("link", { name: "Open the room" }).getAttribute("href")).toBe(`/room/${northwind.id}`);

    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(title);
  });
});

describe("a won deal's card", () => {
  it("is locked: no drag handle and no stage menu, and says it is won", async () => {
    renderBoard([boardMock({ opportunities: [northwind, wonDeal] })]);
    const won = within(await screen.findByRole("region", { name: "Closed won" }));
    const card = won.getByRole("link", { name: wonDeal.title }).closest("li")!;
    expect(within(card).getByText("Won")).toBeTruthy();
    expect(screen.queryByRole("button", { name: `Move ${wonDeal.title}` })).toBeNull();
    expect(screen.queryByLabelText(`Move ${wonDeal.title} to stage`)).toBeNull();
    // An open deal keeps both.
    expect(screen.getByRole("button", { name: `Move ${northwind.title}` })).toBeTruthy();
    expect(screen.getByLabelText(`Move ${northwind.title} to stage`)).toBeTruthy();
  });
});
