import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { MoveOpportunityStageDocument, ViewerDocument } from "../../gql/graphql";
import type { DealStage, ViewerQuery } from "../../gql/graphql";
import { acmePrint, ana, apiError, asViewer, boardMock, cardMember, opportunity, paperworks, pixelStudio } from "../../test/fixtures";
import { Board } from "./Board";
import { SEARCH_DEBOUNCE_MS } from "./BoardFiltersBar";
import { noFilters } from "./filters";
import { useMoveStage } from "./useMoveStage";

/** The board; `viewer` is who the app's header says is signed in (in the cache), if anyone. */
function renderBoard(mocks: MockLink.MockedResponse[], viewer?: ViewerQuery["viewer"]) {
  const cache = createCache();
  if (viewer) cache.writeQuery({ query: ViewerDocument, data: { viewer } });
  render(
    <MockedProvider mocks={mocks} cache={cache}>
      <Board />
    </MockedProvider>,
  );
}

/** A stage's column, found by its heading as a screen reader user would. */
function column(stage: string) {
  return screen.getByRole("region", { name: stage });
}

/** The stages of the columns on screen, left to right. */
function stageColumns() {
  return screen
    .getAllByRole("region")
    .map((region) => region.getAttribute("data-stage"))
    .filter((stage) => stage !== null);
}

function moveMock(
  input: { id: string; stage: DealStage; expectedVersion: number },
  outcome: { version: number } | { error: ReturnType<typeof apiError> },
): MockLink.MockedResponse {
  return {
    request: { query: MoveOpportunityStageDocument, variables: { input } },
    // Long enough to see the optimistic move before the answer, even on a busy machine.
    delay: 800,
    result:
      "error" in outcome
        ? { errors: [outcome.error] }
        : {
            data: {
              moveOpportunityStage: {
                __typename: "Opportunity",
                id: input.id,
                stage: input.stage,
                version: outcome.version,
              },
            },
          },
  };
}

function moveWithMenu(title: string, stage: string) {
  fireEvent.change(screen.getByLabelText(`Move ${title} to stage`), { target: { value: stage } });
}

afterEach(() => window.history.replaceState(null, "", "/"));

const northwind = opportunity("T3BwOm5vcnRo", {
  title: "Northwind catalog relaunch",
  stage: "PROPOSAL",
  version: 3,
  amount: { __typename: "Money", amount: "48000.00", currency: "USD" },
  members: [cardMember(ana.id, acmePrint), cardMember("VXNlcjpsZWU=", pixelStudio), cardMember("VXNlcjpzYW0=", paperworks)],
});
const initech = opportunity("T3BwOmluaXQ=", {
  title: "Initech annual report",
  stage: "PROPOSAL",
  amount: { __typename: "Money", amount: "12500.50", currency: "USD" },
  members: [cardMember(ana.id, acmePrint), cardMember("VXNlcjpzYW0=", paperworks)],
});
const berlin = opportunity("T3BwOmJlcmw=", {
  title: "Berlin trade fair banners",
  stage: "PROPOSAL",
  amount: { __typename: "Money", amount: "1000.00", currency: "EUR" },
});
const umbrella = opportunity("T3BwOnVtYnI=", {
  title: "Umbrella menu cards",
  stage: "PROSPECTING",
  amount: { __typename: "Money", amount: "9200.00", currency: "USD" },
});

describe("Board", () => {
  it("shows each stage's deals with their count and total per currency", async () => {
    renderBoard([boardMock({ opportunities: [northwind, initech, berlin, umbrella] })]);

    expect(screen.getByRole("status").textContent).toBe("Loading opportunities…");
    const proposal = await screen.findByRole("region", { name: "Proposal" });
    expect(within(proposal).getByLabelText("3 deals").textContent).toBe("3");
    expect(within(proposal).getByLabelText("Total").textContent).toBe("$60,500.50 · €1,000.00");
    expect(
      within(proposal)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["Northwind catalog relaunch", "Initech annual report", "Berlin trade fair banners"]);
    expect(within(column("Prospecting")).getByLabelText("Total").textContent).toBe("$9,200.00");
    expect(within(column("Closed won")).getByLabelText("0 deals")).toBeTruthy();
    expect(within(column("Closed won")).getByLabelText("Total").textContent).toBe("—");
    // The card names the partner firms: the members' organizations other than the owner's.
    const card = within(proposal).getByRole("link", { name: "Northwind catalog relaunch" }).closest("li")!;
    expect(within(card).getByRole("list", { name: "Partner organizations" }).textContent).toBe("PaperworksPixel Studio");
  });

  it("moves a card at once, and puts it back with a clear message when someone else changed the deal", async () => {
    const changedMeanwhile = { ...northwind, title: "Northwind catalog relaunch (v2)", version: 4 };
    renderBoard([
      boardMock({ opportunities: [northwind, umbrella] }),
      moveMock(
        { id: northwind.id, stage: "NEGOTIATION", expectedVersion: 3 },
        { error: apiError("The opportunity was changed by someone else", "CONFLICT") },
      ),
      // The board reloads the latest after a conflict.
      boardMock({ opportunities: [changedMeanwhile, umbrella] }),
    ]);
    await screen.findByRole("region", { name: "Proposal" });

    moveWithMenu(northwind.title, "NEGOTIATION");

    // Optimistic: in Negotiation before the server has answered.
    expect(await within(column("Negotiation")).findByText(northwind.title, {}, { timeout: 400 })).toBeTruthy();
    expect(within(column("Proposal")).queryByText(northwind.title)).toBeNull();
    expect(within(column("Negotiation")).getByLabelText("Total").textContent).toBe("$48,000.00");

    const alert = await screen.findByRole("alert", {}, { timeout: 3000 });
    expect(alert.textContent).toContain("Someone else changed “Northwind catalog relaunch” — reloaded.");
    expect(within(column("Negotiation")).queryByText(/Northwind/)).toBeNull();
    expect(await within(column("Proposal")).findByText("Northwind catalog relaunch (v2)")).toBeTruthy();
  });

  it("keeps the move when the server agrees, with the version it expects", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind] }),
      moveMock({ id: northwind.id, stage: "CLOSED_LOST", expectedVersion: 3 }, { version: 4 }),
      moveMock({ id: northwind.id, stage: "NEGOTIATION", expectedVersion: 4 }, { version: 5 }),
    ]);
    await screen.findByRole("region", { name: "Proposal" });

    // A lost deal may be reopened (a won one is final and has no menu).
    moveWithMenu(northwind.title, "CLOSED_LOST");
    expect(await screen.findByText("Moved “Northwind catalog relaunch” to Closed lost.", {}, { timeout: 3000 })).toBeTruthy();
    // The next move sends the version the server returned (a stale one would be a CONFLICT).
    moveWithMenu(northwind.title, "NEGOTIATION");
    expect(await screen.findByText("Moved “Northwind catalog relaunch” to Negotiation.", {}, { timeout: 3000 })).toBeTruthy();
    expect(within(column("Negotiation")).getByText(northwind.title)).toBeTruthy();
  });

  it("puts the card back and says so when the viewer has read-only access", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind] }),
      moveMock(
        { id: northwind.id, stage: "QUALIFICATION", expectedVersion: 3 },
        { error: apiError("You have read-only access to this opportunity", "FORBIDDEN") },
      ),
    ]);
    await screen.findByRole("region", { name: "Proposal" });

    moveWithMenu(northwind.title, "QUALIFICATION");
    expect(await within(column("Qualification")).findByText(northwind.title, {}, { timeout: 400 })).toBeTruthy();

    expect((await screen.findByRole("alert", {}, { timeout: 3000 })).textContent).toContain(
      "You have read-only access to “Northwind catalog relaunch”; it stays in Proposal.",
    );
    expect(within(column("Proposal")).getByText(northwind.title)).toBeTruthy();
    expect(within(column("Qualification")).queryByText(northwind.title)).toBeNull();
  });

  it("offers the closed stages only to the deal's own organization: a partner rep is told whom to ask, and the server is not asked", async () => {
    const lee = asViewer({ ...ana, id: "VXNlcjpsZWU=", name: "Lee Lindqvist", email: "lee@pixel.test", organization: pixelStudio });
    renderBoard([boardMock({ opportunities: [northwind] })], asViewer(ana));
    await screen.findByRole("region", { name: "Proposal" });
    await waitFor(() => expect(within(screen.getByLabelText(`Move ${northwind.title} to stage`)).queryByText("Closed won")).toBeTruthy());
    cleanup();

    renderBoard([boardMock({ opportunities: [northwind] })], lee);
    await screen.findByRole("region", { name: "Proposal" });
    const menu = screen.getByLabelText(`Move ${northwind.title} to stage`);
    await waitFor(() => expect(within(menu).queryByText("Closed won")).toBeNull());
    expect(within(menu).queryByText("Closed lost")).toBeNull();
    expect(within(menu).getByText("Negotiation")).toBeTruthy();

    // A drop on a closed column (the drag offers every column) is refused before any request:
    // no move is mocked, so one sent would end in "Could not move".
    const cache = createCache();
    cache.writeQuery({ query: ViewerDocument, data: { viewer: lee } });
    const { result } = renderHook(() => useMoveStage(), {
      wrapper: ({ children }) => (
        <MockedProvider mocks={[]} cache={cache}>
          {children}
        </MockedProvider>
      ),
    });
    let moved: boolean | undefined;
    await act(async () => {
      moved = await result.current.move(northwind, "CLOSED_WON");
    });
    expect(moved).toBe(false);
    expect(result.current.notice?.message).toBe(
      "Only Acme Print closes “Northwind catalog relaunch”: ask its owner rep or a manager there. It stays in Proposal.",
    );
  });

  it("says so when the viewer has no deals at all, and still offers to add one", async () => {
    renderBoard([boardMock({ opportunities: [] })]);

    expect(await screen.findByText("No opportunities yet.")).toBeTruthy();
    expect(within(column("Prospecting")).getByRole("button", { name: "Add a deal to Prospecting" })).toBeTruthy();
  });

  it("shows the error and a way to try again when the board cannot load", async () => {
    renderBoard([boardMock({ error: apiError("Too many requests, slow down.", "RATE_LIMITED") })]);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Too many requests, slow down.");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("offers the next page of deals beyond the first hundred", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind], hasNextPage: true }),
      boardMock({ opportunities: [umbrella] }, { after: `cursor:${northwind.id}` }),
    ]);

    fireEvent.click(await screen.findByRole("button", { name: "Show more" }));

    expect(await within(column("Prospecting")).findByText(umbrella.title)).toBeTruthy();
    expect(within(column("Proposal")).getByText(northwind.title)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
  });
});

describe("Board filters", () => {
  it("searches titles on the server after a pause in typing", async () => {
    renderBoard([
      boardMock({ opportunities: [northwind, initech, umbrella] }),
      boardMock({ opportunities: [northwind] }, { filters: { ...noFilters, search: "north" } }),
    ]);
    await screen.findByText(umbrella.title);

    fireEvent.change(screen.getByLabelText("Search deals by title"), { target: { value: "north" } });
    // Not yet: typing is still going on. A bounded wait, as it checks that nothing is sent: half the
    // debounce cannot reach the debounce's timer, which was set before this one with twice the delay.
    await act(() => new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS / 2)));
    expect(screen.getByText(umbrella.title)).toBeTruthy();

    await waitFor(() => expect(screen.queryByText(umbrella.title)).toBeNull());
    expect(screen.getByText(northwind.title)).toBeTruthy();
    expect(screen.queryByText(initech.title)).toBeNull();
    expect(window.location.search).toBe("?q=north");
  });

  it("shows only the chosen stages' columns", async () => {
    renderBoard([boardMock({ opportunities: [northwind, umbrella] })]);
    await screen.findByText(umbrella.title);

    const chips = screen.getByRole("group", { name: "Show stages" });
    fireEvent.click(within(chips).getByRole("button", { name: "Negotiation" }));
    fireEvent.click(within(chips).getByRole("button", { name: "Proposal" }));

    expect(stageColumns()).toEqual(["PROPOSAL", "NEGOTIATION"]);
    expect(within(chips).getByRole("button", { name: "Proposal" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.queryByText(umbrella.title)).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(stageColumns()).toHaveLength(6);
  });

  it("shows only the deals a partner firm works on", async () => {
    renderBoard([boardMock({ opportunities: [northwind, initech, umbrella] })]);
    await screen.findByText(umbrella.title);
    const partner = screen.getByLabelText("Partner organization") as HTMLSelectElement;
    expect([...partner.options].map((option) => option.textContent)).toEqual(["All partners", "Paperworks", "Pixel Studio"]);

    fireEvent.change(partner, { target: { value: pixelStudio.id } });

    expect(screen.getByText(northwind.title)).toBeTruthy();
    expect(screen.queryByText(initech.title)).toBeNull();
    expect(screen.queryByText(umbrella.title)).toBeNull();
    expect(within(column("Proposal")).getByLabelText("Total").textContent).toBe("$48,000.00");
  });

  it("says when nothing matches, with a way back", async () => {
    renderBoard([boardMock({ opportunities: [umbrella] }), boardMock({ opportunities: [] }, { filters: { ...noFilters, search: "zzz" } })]);
    await screen.findByText(umbrella.title);

    fireEvent.change(screen.getByLabelText("Search deals by title"), { target: { value: "zzz" } });
    fireEvent.keyDown(screen.getByLabelText("Search deals by title"), { key: "Enter" });

    expect(await screen.findByText("No deals match these filters.")).toBeTruthy();
  });
});
