import type { Unmasked } from "@apollo/client/masking";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import {
  AcceptCommitmentDocument,
  AddCommitmentDocument,
  CompleteCommitmentDocument,
  DeclineCommitmentDocument,
  RoomPlanDocument,
} from "../../gql/graphql";
import type {
  AcceptCommitmentMutationVariables,
  AddCommitmentMutationVariables,
  CommitmentStatus,
  CompleteCommitmentMutationVariables,
  DeclineCommitmentMutationVariables,
  RoomPlanQuery,
} from "../../gql/graphql";
import { acmePrint, ana, apiError, pixelStudio } from "../../test/fixtures";
import { CommitmentPlan, dueAtFromDate } from "./CommitmentPlan";

const roomId = "T3BwOm5vcnRo";
const lee = { id: "VXNlcjpsZWU=", name: "Lee Lindqvist" };

interface PlannedCommitment {
  id: string;
  title: string;
  status: CommitmentStatus;
  assignee: "ana" | "lee";
  viewerCanAnswer?: boolean;
  declineReason?: string;
  dueAt?: string;
}

function plan(commitments: PlannedCommitment[]): { data: Unmasked<RoomPlanQuery> } {
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
          dueAt: c.dueAt ?? "2099-01-15T17:00:00.000Z",
          completedAt: c.status === "DONE" ? "2027-01-14T10:00:00.000Z" : null,
          onTime: c.status === "DONE" ? true : null,
          declineReason: c.declineReason ?? null,
          viewerCanAnswer: c.viewerCanAnswer ?? false,
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

function renderPlan(mocks: MockLink.MockedResponse[], viewerId: string = ana.id) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <CommitmentPlan opportunityId={roomId} viewerId={viewerId} writable members={members} />
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
          return { data: { addCommitment: { __typename: "Commitment", id: "Q29tOjE=", status: "PROPOSED" } } };
        },
      },
      {
        request: { query: RoomPlanDocument, variables: { id: roomId } },
        result: plan([{ id: "Q29tOjE=", title: "Three cover concepts", status: "PROPOSED", assignee: "lee" }]),
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
    // Lee has not agreed yet: Ana sees it awaiting him, with no way to answer for him.
    expect(within(row).getByText("Awaiting acceptance").className).toContain("commitment-status-proposed");
    expect(row.className).toContain("commitment-proposed");
    expect(within(row).getByText("Waiting for Lee Lindqvist to accept or decline.")).toBeTruthy();
    expect(within(row).getByLabelText(/Lee Lindqvist: 90% on time/)).toBeTruthy();
    expect(within(row).queryByRole("button", { name: /^Accept/ })).toBeNull();
    expect(within(row).getByRole("button", { name: "Withdraw “Three cover concepts”" })).toBeTruthy();
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
              completeCommitment: {
                __typename: "Commitment",
                id: "Q29tOjI=",
                status: "DONE",
                completedAt: "2027-01-14T10:00:00.000Z",
                onTime: true,
              },
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

  it("lets the assignee accept a proposed commitment, showing progress, then shows it open", async () => {
    const sent: AcceptCommitmentMutationVariables["input"][] = [];
    const proposed = { id: "Q29tOjM=", title: "Die-cut template", assignee: "lee" } as const;
    renderPlan(
      [
        {
          request: { query: RoomPlanDocument, variables: { id: roomId } },
          result: plan([{ ...proposed, status: "PROPOSED", viewerCanAnswer: true }]),
        },
        {
          request: { query: AcceptCommitmentDocument, variables: () => true },
          delay: 50,
          result: (variables: AcceptCommitmentMutationVariables) => {
            sent.push(variables.input);
            return { data: { acceptCommitment: { __typename: "Commitment", id: proposed.id, status: "OPEN", viewerCanAnswer: false } } };
          },
        },
        { request: { query: RoomPlanDocument, variables: { id: roomId } }, result: plan([{ ...proposed, status: "OPEN" }]) },
      ],
      lee.id,
    );

    const row = (await screen.findByText("Die-cut template")).closest("li")!;
    expect(within(row).getByText("Awaiting acceptance")).toBeTruthy();
    expect(within(row).queryByRole("button", { name: "Mark done" })).toBeNull(); // not before it is accepted
    expect(within(row).queryByRole("button", { name: /^Withdraw/ })).toBeNull(); // the assignee declines instead
    fireEvent.click(within(row).getByRole("button", { name: "Accept “Die-cut template”" }));
    expect(await within(row).findByText("Accepting…")).toBeTruthy();

    await waitFor(() => expect(within(row).getByText("Open")).toBeTruthy());
    expect(sent).toEqual([{ id: proposed.id }]);
    expect(within(row).queryByRole("button", { name: /^Accept/ })).toBeNull();
    expect(within(row).getByRole("button", { name: "Mark done" })).toBeTruthy();
  });

  it("declines with a reason typed in the row, and shows the reason", async () => {
    const sent: DeclineCommitmentMutationVariables["input"][] = [];
    const proposed = { id: "Q29tOjQ=", title: "Holiday rush job", assignee: "lee" } as const;
    renderPlan(
      [
        {
          request: { query: RoomPlanDocument, variables: { id: roomId } },
          result: plan([{ ...proposed, status: "PROPOSED", viewerCanAnswer: true }]),
        },
        {
          request: { query: DeclineCommitmentDocument, variables: () => true },
          delay: 50,
          result: (variables: DeclineCommitmentMutationVariables) => {
            sent.push(variables.input);
            return {
              data: {
                declineCommitment: {
                  __typename: "Commitment",
                  id: proposed.id,
                  status: "DECLINED",
                  declineReason: variables.input.reason,
                  viewerCanAnswer: false,
                },
              },
            };
          },
        },
        {
          request: { query: RoomPlanDocument, variables: { id: roomId } },
          result: plan([{ ...proposed, status: "DECLINED", declineReason: "Booked until January" }]),
        },
      ],
      lee.id,
    );

    const row = (await screen.findByText("Holiday rush job")).closest("li")!;
    fireEvent.click(within(row).getByRole("button", { name: "Decline “Holiday rush job”" }));
    const form = within(row).getByRole("form", { name: "Decline “Holiday rush job”" });
    const submit = () => within(form).getByRole("button", { name: "Decline" }) as HTMLButtonElement;
    expect(submit().disabled).toBe(true); // a reason is required
    fireEvent.change(within(form).getByLabelText("Why decline?"), { target: { value: "   " } });
    expect(submit().disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText("Why decline?"), { target: { value: "  Booked until January " } });
    fireEvent.click(submit());
    expect(await within(row).findByText("Declining…")).toBeTruthy();

    await waitFor(() => expect(within(row).getByText("Declined: Booked until January")).toBeTruthy());
    expect(sent).toEqual([{ id: proposed.id, reason: "Booked until January" }]);
    expect(within(row).getByText("Declined").className).toContain("commitment-status-declined");
    expect(within(row).queryByRole("button", { name: /^(Accept|Decline)/ })).toBeNull();
  });

  it("lets a manager answer for the assignee, and shows why an answer was refused", async () => {
    const proposed = { id: "Q29tOjU=", title: "Spot-colour swatches", assignee: "lee", status: "PROPOSED", viewerCanAnswer: true } as const;
    renderPlan([
      { request: { query: RoomPlanDocument, variables: { id: roomId } }, result: plan([proposed]) },
      {
        request: { query: AcceptCommitmentDocument, variables: () => true },
        result: { errors: [apiError("Only a proposed commitment can be accepted; this one is declined", "CONFLICT")] },
      },
    ]);

    const row = (await screen.findByText("Spot-colour swatches")).closest("li")!;
    fireEvent.click(within(row).getByRole("button", { name: "Accept “Spot-colour swatches” for Lee Lindqvist" }));
    expect((await within(row).findByRole("alert")).textContent).toBe("Only a proposed commitment can be accepted; this one is declined");
    expect((within(row).getByRole("button", { name: /^Accept/ }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("cannot accept a proposal whose due date has passed, only decline it", async () => {
    renderPlan(
      [
        {
          request: { query: RoomPlanDocument, variables: { id: roomId } },
          result: plan([
            {
              id: "Q29tOjY=",
              title: "Late proofs",
              assignee: "lee",
              status: "PROPOSED",
              viewerCanAnswer: true,
              dueAt: "2020-01-15T17:00:00.000Z",
            },
          ]),
        },
      ],
      lee.id,
    );

    const row = (await screen.findByText("Late proofs")).closest("li")!;
    expect((within(row).getByRole("button", { name: "Accept “Late proofs”" }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(row).getByRole("button", { name: "Decline “Late proofs”" }) as HTMLButtonElement).disabled).toBe(false);
    expect(within(row).getByText(/Its due date has passed/)).toBeTruthy();
  });
});
