import type { MockLink } from "@apollo/client/testing";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DealConflictDocument, RoomDocument, UpdateDealDocument } from "../../gql/graphql";
import { apiError, acmePrint, ana, pixelStudio } from "../../test/fixtures";
import { lee, renderRoom, room, roomId } from "../../test/roomFixtures";
import { showTime } from "./dealConflict";
import { roomVariables } from "./roomQuery";

const roomMock = (data = room()): MockLink.MockedResponse => ({
  request: { query: RoomDocument, variables: roomVariables(roomId) },
  result: { data },
});

/** The server's answer to an edit, late enough to see the optimistic one first. */
function updateMock(
  input: Record<string, unknown>,
  outcome: { version: number; title?: string; amount?: { amount: string; currency: string } } | { conflict: true },
): MockLink.MockedResponse {
  const base = room().opportunity;
  return {
    request: { query: UpdateDealDocument, variables: { input: { id: roomId, ...input } } },
    delay: 600,
    result:
      "conflict" in outcome
        ? { errors: [apiError("The opportunity was changed by someone else (now version 4); reload and try again", "CONFLICT")] }
        : {
            data: {
              updateOpportunity: {
                __typename: "Opportunity",
                id: roomId,
                version: outcome.version,
                title: outcome.title ?? base.title,
                closeDate: base.closeDate,
                amount: { __typename: "Money", ...(outcome.amount ?? base.amount) },
                owner: base.owner,
              },
            },
          },
  };
}

const header = () => screen.getByRole("banner");

describe("editing the deal in the room header", () => {
  it("shows the new title at once, before the server answers, and sends the version on screen", async () => {
    const { sent } = renderRoom([
      roomMock(),
      updateMock({ expectedVersion: 3, title: "North catalogue 2027" }, { version: 4, title: "North catalogue 2027" }),
    ]);
    fireEvent.click(await screen.findByRole("button", { name: "Edit title" }));
    const form = screen.getByRole("form", { name: "Edit title" });
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: "  North catalogue 2027 " } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));

    // Optimistic: the heading changes before the 600 ms answer.
    expect(await screen.findByRole("heading", { name: "North catalogue 2027" }, { timeout: 300 })).toBeTruthy();
    await waitFor(() => expect(sent).toContain("UpdateDeal"));
    // Focus is back on the ✎ button once the editor has closed.
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Edit title" }));
  });

  it("refuses a blank title with its reason next to the field, sending nothing", async () => {
    const { sent } = renderRoom([roomMock()]);
    fireEvent.click(await screen.findByRole("button", { name: "Edit title" }));
    const form = screen.getByRole("form", { name: "Edit title" });
    expect(form.hasAttribute("novalidate")).toBe(true);
    const input = within(form).getByLabelText("Title");
    fireEvent.change(input, { target: { value: "   " } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(input.getAttribute("aria-describedby")!)?.textContent).toBe("Enter a title.");
    // Escape leaves without saving.
    fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByRole("form", { name: "Edit title" })).toBeNull();
    expect(sent).toEqual(["Room"]);
  });

  it("puts the amount back on CONFLICT, says who changed it to what and when, and applies the edit again on request", async () => {
    const changedAt = new Date();
    changedAt.setSeconds(0, 0);
    const max = { __typename: "User", id: "VXNlcjptYXg=", name: "Max Meyer" } as const;
    const theirs = room();
    theirs.opportunity.version = 4;
    theirs.opportunity.amount = { __typename: "Money", amount: "120.00", currency: "USD" };
    renderRoom([
      roomMock(),
      updateMock({ expectedVersion: 3, amount: { amount: "150.00", currency: "USD" } }, { conflict: true }),
      {
        request: { query: DealConflictDocument, variables: { id: roomId } },
        result: {
          data: {
            opportunity: {
              __typename: "Opportunity",
              id: roomId,
              version: 4,
              stage: "PROPOSAL",
              activities: {
                __typename: "ActivityConnection",
                edges: [
                  {
                    __typename: "ActivityEdge",
                    node: {
                      __typename: "Activity",
                      id: "QWN0Ojk=",
                      kind: "OPPORTUNITY_UPDATED",
                      createdAt: changedAt.toISOString(),
                      apiTokenName: null,
                      actor: max,
                      changes: [{ __typename: "FieldChange", field: "amount", from: "100.00 USD", to: "120.00 USD" }],
                    },
                  },
                ],
              },
            },
          },
        },
      },
      roomMock(theirs),
      updateMock(
        { expectedVersion: 4, amount: { amount: "150.00", currency: "USD" } },
        { version: 5, amount: { amount: "150.00", currency: "USD" } },
      ),
    ]);

    fireEvent.click(await screen.findByRole("button", { name: "Edit amount" }));
    const form = screen.getByRole("form", { name: "Edit amount" });
    fireEvent.change(within(form).getByLabelText("Amount"), { target: { value: "150.00" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(header()).findByText("$150.00", {}, { timeout: 300 })).toBeTruthy();

    const alert = await screen.findByRole("alert", {}, { timeout: 3000 });
    expect(alert.textContent).toContain(
      `Max Meyer changed amount from $100.00 to $120.00 at ${showTime(changedAt.toISOString())} — your edit was not saved.`,
    );
    expect(await within(header()).findByText("$120.00")).toBeTruthy();

    fireEvent.click(within(alert).getByRole("button", { name: "Apply my edit again" }));
    expect(await within(header()).findByText("$150.00")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull(), { timeout: 2000 });
  });

  it("offers the owner control only to those who may hand the deal over", async () => {
    renderRoom([roomMock()]);
    expect(await screen.findByRole("button", { name: "Edit owner" })).toBeTruthy();
  });

  it("lets a partner rep with write access edit the title but not hand the deal over", async () => {
    const asLee = room();
    asLee.viewer = { __typename: "User", id: lee.id, role: "REP", organization: { __typename: "Organization", id: pixelStudio.id } };
    renderRoom([roomMock(asLee)]);
    expect(await screen.findByRole("button", { name: "Edit title" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Edit amount" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit owner" })).toBeNull();
  });
});

describe("a won deal's room", () => {
  function wonRoom() {
    const data = room();
    const line = (user: { id: string; name: string }, organization: typeof acmePrint | typeof pixelStudio, bp: number, payout: string) => ({
      __typename: "SplitLine" as const,
      basisPoints: bp,
      type: "REVENUE" as const,
      payout: { __typename: "Money" as const, amount: payout, currency: "USD" },
      user: { __typename: "User" as const, ...user },
      organization,
    });
    data.opportunity.stage = "CLOSED_WON";
    data.opportunity.split = {
      __typename: "CreditSplit",
      id: "U3BsaXQ6MQ==",
      status: "LOCKED",
      revision: 2,
      agreed: {
        __typename: "SplitRevision",
        revision: 2,
        status: "LOCKED",
        agreedAt: "2026-01-10T10:00:00.000Z",
        lines: [
          line(ana, acmePrint, 3500, "35.00"),
          line({ id: "VXNlcjptYXg=", name: "Max Meyer" }, acmePrint, 3500, "35.00"),
          line(lee, pixelStudio, 3000, "30.00"),
        ],
      },
      pending: null,
    };
    return data;
  }

  it("locks: no edit controls and no stage picker; celebrates with each firm's payout; offers the open steps for closing", async () => {
    renderRoom([roomMock(wonRoom())]);
    const celebration = await screen.findByRole("region", { name: "Won — $100.00" });
    expect(within(celebration).getByRole("row", { name: "Acme Print 70% $70.00" })).toBeTruthy();
    expect(within(celebration).getByRole("row", { name: "Pixel Studio 30% $30.00" })).toBeTruthy();

    expect(screen.queryByRole("button", { name: /^Edit / })).toBeNull();
    expect(screen.queryByRole("combobox", { name: "Stage" })).toBeNull();
    expect(within(header()).getByText("Closed won")).toBeTruthy();

    // Lee's open commitment: Ana may cancel it (she writes) but only Lee marks it done.
    const steps = screen.getByRole("region", { name: "Before you close" });
    expect(within(steps).getByText("Three cover concepts")).toBeTruthy();
    expect(within(steps).getByRole("button", { name: "Cancel “Three cover concepts”" })).toBeTruthy();
    expect(within(steps).queryByRole("button", { name: /Mark .* done/ })).toBeNull();
  });
});
