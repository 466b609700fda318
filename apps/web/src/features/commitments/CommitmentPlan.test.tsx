import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { AddCommitmentDocument, CompleteCommitmentDocument, RoomPlanDocument } from "../../gql/graphql";
import type {
  AddCommitmentMutationVariables,
  CommitmentStatus,
  CompleteCommitmentMutationVariables,
  RoomPlanQuery,
} from "../../gql/graphql";
import { acmePrint, ana, pixelStudio } from "../../test/fixtures";
import { CommitmentPlan, dueAtFromDate } from "./CommitmentPlan";

const roomId = "T3BwOm5vcnRo";
const lee = { id: "VXNlcjpsZWU=", name: "Lee Lindqvist" };

function plan(commitments: { id: string; title: string; status: CommitmentStatus; assignee: "ana" | "lee" }[]): { data: RoomPlanQuery } {
  return {
    data: {
      opportunity: {
        __typename: "Opportunity",
        id: roomId,
        commitments: commitments.map((c) => ({
          __typename: "Commitment",
          id: c.id,
          title: c.title,
          status: c.status,
          dueAt: "2027-01-15T17:00:00.000Z",
          completedAt: c.status === "DONE" ? "2027-01-14T10:00:00.000Z" : null,
          onTime: c.status === "DONE" ? true : null,
          assignee: {
            __typename: "User",
            ...(c.assignee === "ana" ? { id: ana.id, name: ana.name } : lee),
            organization: c.assignee === "ana" ? acmePrint : pixelStudio,
            reliability: {
              __typename: "Reliability",
              delivered: 9,
              deliveredOnTime: c.assignee === "ana" ? 6 : 9,
              missed: 1,
              open: 1,
              onTimeRate: c.assignee === "ana" ? 0.6 : 0.9,
            },
          },
        })),
      },
    },
  };
}

const members = [
  { id: ana.id, name: ana.name, organizationName: "Acme Print" },
  { id: lee.id, name: lee.name, organizationName: "Pixel Studio" },
];

function renderPlan(mocks: MockLink.MockedResponse[]) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <CommitmentPlan opportunityId={roomId} viewerId={ana.id} writable members={members} />
    </MockedProvider>,
  );
}

describe("CommitmentPlan", () => {
  it("adds a commitment for a member, due at the end of the chosen day", async () => {
    const sent: AddCommitmentMutationVariables["input"][] = [];
    renderPlan([
      { request: { query: RoomPlanDocument, variables: { id: roomId } }, result: plan([]) },
      {
        request: { query: AddCommitmentDocument, variables: () => true },
        result: (variables: AddCommitmentMutationVariables) => {
          sent.push(variables.input);
          return { data: { addCommitment: { __typename: "Commitment", id: "Q29tOjE=", status: "OPEN" } } };
        },
      },
      {
        request: { query: RoomPlanDocument, variables: { id: roomId } },
        result: plan([{ id: "Q29tOjE=", title: "Three cover concepts", status: "OPEN", assignee: "lee" }]),
      },
    ]);

    await screen.findByText("No commitments yet. Agree who delivers what, by when.");
    fireEvent.click(screen.getByRole("button", { name: "Add commitment" }));
    const add = () => screen.getByRole("button", { name: "Add" }) as HTMLButtonElement;
    fireEvent.change(screen.getByLabelText("What"), { target: { value: "Three cover concepts" } });
    expect(add().disabled).toBe(true); // no assignee yet
    fireEvent.change(screen.getByLabelText("Who"), { target: { value: lee.id } });
    fireEvent.change(screen.getByLabelText("Due"), { target: { value: "2027-01-15" } });
    fireEvent.click(add());

    const item = await screen.findByText("Three cover concepts");
    expect(sent).toEqual([
      { opportunityId: roomId, assigneeId: lee.id, title: "Three cover concepts", dueAt: dueAtFromDate("2027-01-15") },
    ]);
    expect(new Date(sent[0]!.dueAt).getHours()).toBe(17);
    const row = item.closest("li")!;
    expect(within(row).getByText("Open")).toBeTruthy();
    expect(within(row).getByLabelText(/Lee Lindqvist: 90% on time/)).toBeTruthy();
    // Only the assignee marks it done; Ana is not Lee.
    expect(within(row).queryByRole("button", { name: "Mark done" })).toBeNull();
    // The form closes when the mutation (with its awaited refetch) resolves: a tick after the list shows the item.
    await waitFor(() => expect(screen.queryByRole("form", { name: "Add a commitment" })).toBeNull());
  });

  it("lets the assignee mark a commitment done, and shows it done", async () => {
    const sent: CompleteCommitmentMutationVariables["input"][] = [];
    renderPlan([
      {
        request: { query: RoomPlanDocument, variables: { id: roomId } },
        result: plan([{ id: "Q29tOjI=", title: "Send the priced proposal", status: "OPEN", assignee: "ana" }]),
      },
      {
        request: { query: CompleteCommitmentDocument, variables: () => true },
        result: (variables: CompleteCommitmentMutationVariables) => {
          sent.push(variables.input);
          return {
            data: {
              completeCommitment: { __typename: "Commitment", id: "Q29tOjI=", status: "DONE", completedAt: "2027-01-14T10:00:00.000Z", onTime: true },
            },
          };
        },
      },
      {
        request: { query: RoomPlanDocument, variables: { id: roomId } },
        result: plan([{ id: "Q29tOjI=", title: "Send the priced proposal", status: "DONE", assignee: "ana" }]),
      },
    ]);

    const row = (await screen.findByText("Send the priced proposal")).closest("li")!;
    expect(within(row).getByLabelText(/Ana Rivera: 60% on time/).className).toContain("reliability-poor");
    fireEvent.click(within(row).getByRole("button", { name: "Mark done" }));

    await waitFor(() => expect(within(row).getByText("Done")).toBeTruthy());
    expect(sent).toEqual([{ id: "Q29tOjI=" }]);
    expect(within(row).queryByRole("button", { name: "Mark done" })).toBeNull();
  });
});
