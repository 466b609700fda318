import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { MoveOpportunityStageDocument } from "../../gql/graphql";
import type { DealStage } from "../../gql/graphql";
import { acmePrint, ana, apiError, boardMock, cardMember, opportunity, pixelStudio } from "../../test/fixtures";
import { Board } from "./Board";
import { summarizeDeals } from "./BoardSummary";

afterEach(() => window.history.replaceState(null, "", "/"));

function renderBoard(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <Board />
    </MockedProvider>,
  );
}

const column = (stage: string) => screen.getByRole("region", { name: stage });
const summary = () => screen.getByTestId("board-summary").textContent ?? "";
const usd = (amount: string) => ({ __typename: "Money", amount, currency: "USD" }) as const;

const northwind = opportunity("T3BwOm5vcnRo", {
  title: "Northwind catalog relaunch",
  stage: "PROPOSAL",
  version: 3,
  amount: usd("48000.00"),
  members: [cardMember(ana.id, acmePrint), cardMember("VXNlcjpsZWU=", pixelStudio)],
});
const umbrella = opportunity("T3BwOnVtYnI=", { title: "Umbrella menu cards", stage: "PROSPECTING", amount: usd("9200.00") });
const contoso = opportunity("T3BwOmNvbnQ=", { title: "Contoso holiday packaging", stage: "NEGOTIATION", amount: usd("1000.00") });
const globexWon = opportunity("T3BwOmdsb2I=", { title: "Globex signage", stage: "CLOSED_WON", amount: usd("500.00") });

function moveMock(input: { id: string; stage: DealStage; expectedVersion: number }, outcome: { version: number } | "FORBIDDEN") {
  return {
    request: { query: MoveOpportunityStageDocument, variables: { input } },
    result:
      outcome === "FORBIDDEN"
        ? { errors: [apiError("You have read-only access to this opportunity", "FORBIDDEN")] }
        : { data: { moveOpportunityStage: { __typename: "Opportunity", id: input.id, stage: input.stage, version: outcome.version } } },
  } satisfies MockLink.MockedResponse;
}

describe("the board's header totals", () => {
  it("follow the stage and partner filters, counting only the deals on screen", async () => {
    renderBoard([boardMock({ opportunities: [northwind, umbrella, contoso, globexWon] })]);
    await screen.findByText(umbrella.title);
    expect(summary()).toMatch(/^3 open deals · \$58,200\.00/);

    const chips = screen.getByRole("group", { name: "Show stages" });
    fireEvent.click(within(chips).getByRole("button", { name: "Proposal" }));
    fireEvent.click(within(chips).getByRole("button", { name: "Negotiation" }));
    expect(summary()).toMatch(/^2 open deals · \$49,000\.00/);

    fireEvent.change(screen.getByLabelText("Partner organization"), { target: { value: pixelStudio.id } });
    expect(summary()).toMatch(/^1 open deal · \$48,000\.00/);
  });

  it("sum the closed deals when only closed stages are shown", () => {
    expect(summarizeDeals([globexWon])).toMatchObject({ label: "1 closed deal", totals: [{ amount: "500.00", currency: "USD" }] });
    expect(summarizeDeals([])).toMatchObject({ label: "0 open deals", totals: [] });
  });
});

describe("focus after a move", () => {
  it("stays on the moved card, in its new column", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind, umbrella] }),
      moveMock({ id: northwind.id, stage: "NEGOTIATION", expectedVersion: 3 }, { version: 4 }),
    ]);
    await screen.findByText(northwind.title);
    const menu = screen.getByLabelText(`Move ${northwind.title} to stage`);
    menu.focus();

    fireEvent.change(menu, { target: { value: "NEGOTIATION" } });

    const handle = await within(column("Negotiation")).findByRole("button", { name: `Move ${northwind.title}` });
    await waitFor(() => expect(document.activeElement).toBe(handle));
    await screen.findByText("Moved “Northwind catalog relaunch” to Negotiation.");
    expect(document.activeElement).toBe(within(column("Negotiation")).getByRole("button", { name: `Move ${northwind.title}` }));
  });

  it("follows the card back to its column when the server refuses the move", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind] }),
      moveMock({ id: northwind.id, stage: "QUALIFICATION", expectedVersion: 3 }, "FORBIDDEN"),
    ]);
    await screen.findByText(northwind.title);

    fireEvent.change(screen.getByLabelText(`Move ${northwind.title} to stage`), { target: { value: "QUALIFICATION" } });

    await screen.findByRole("alert");
    const handle = within(column("Proposal")).getByRole("button", { name: `Move ${northwind.title}` });
    await waitFor(() => expect(document.activeElement).toBe(handle));
  });
});

describe("the phone layout's stage picker", () => {
  it("lists the shown stages with their deal counts and marks the picked column", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind, umbrella, contoso] }),
      moveMock({ id: umbrella.id, stage: "QUALIFICATION", expectedVersion: 1 }, { version: 2 }),
    ]);
    await screen.findByText(umbrella.title);
    const picker = screen.getByLabelText("Stage") as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      "Prospecting (1)",
      "Qualification (0)",
      "Proposal (1)",
      "Negotiation (1)",
      "Closed won (0)",
      "Closed lost (0)",
    ]);
    expect(column("Prospecting").classList.contains("board-column-phone")).toBe(true);

    fireEvent.change(picker, { target: { value: "NEGOTIATION" } });
    expect(column("Negotiation").classList.contains("board-column-phone")).toBe(true);
    expect(column("Prospecting").classList.contains("board-column-phone")).toBe(false);

    // A move shows the stage the deal went to, with the deal in it.
    fireEvent.change(picker, { target: { value: "PROSPECTING" } });
    fireEvent.change(screen.getByLabelText(`Move ${umbrella.title} to stage`), { target: { value: "QUALIFICATION" } });
    await waitFor(() => expect(picker.value).toBe("QUALIFICATION"));
    expect(within(column("Qualification")).getByText(umbrella.title)).toBeTruthy();
    expect(column("Qualification").classList.contains("board-column-phone")).toBe(true);
    await screen.findByText("Moved “Umbrella menu cards” to Qualification.");
    expect(picker.options[1]!.textContent).toBe("Qualification (1)");
  });

  it("offers only the stages the filters show", async () => {
    renderBoard([boardMock({ opportunities: [northwind, umbrella] })]);
    await screen.findByText(umbrella.title);
    fireEvent.click(within(screen.getByRole("group", { name: "Show stages" })).getByRole("button", { name: "Proposal" }));

    const picker = screen.getByLabelText("Stage") as HTMLSelectElement;
    expect([...picker.options].map((option) => option.value)).toEqual(["PROPOSAL"]);
    expect(column("Proposal").classList.contains("board-column-phone")).toBe(true);
  });
});
