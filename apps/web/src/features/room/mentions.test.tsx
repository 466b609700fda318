import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { LogActivityDocument, RoomFeedDocument } from "../../gql/graphql";
import type { LogActivityMutationVariables } from "../../gql/graphql";
import { roomFeedVariables } from "./ActivityFeed";
import { Composer } from "./Composer";
import { insertMention, mentionOptions, mentionQuery, mentionedIds } from "./mentions";

const lee = { id: "VXNlcjpsZWU", name: "Lee Lindqvist" };
const sam = { id: "VXNlcjpzYW0", name: "Sam Sato" };
const pat = { id: "VXNlcjpwYXQ", name: "Pat Park" };
const room = "T3BwOm5vcnRo";

afterEach(() => window.sessionStorage.clear());

describe("mentions", () => {
  it("read the name being typed after @, offer matching members, and insert the chosen one", () => {
    expect(mentionQuery("Hi @le", 6)).toEqual({ start: 3, query: "le" });
    expect(mentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQuery("mail ana@acme.test", 18)).toBeNull();
    expect(mentionOptions([lee, sam, pat], "s").map((m) => m.name)).toEqual(["Sam Sato"]);
    expect(mentionOptions([lee, sam, pat], "pa").map((m) => m.name)).toEqual(["Pat Park"]);
    expect(mentionOptions([lee, sam, pat], "lind").map((m) => m.name)).toEqual(["Lee Lindqvist"]);
    expect(insertMention("Hi @le, see", 3, 6, "Lee Lindqvist")).toEqual({ text: "Hi @Lee Lindqvist , see", caret: 18 });
    expect(mentionedIds("@Lee Lindqvist and @Sam Sato", [lee, sam, lee])).toEqual([lee.id, sam.id]);
    expect(mentionedIds("Sam removed", [sam])).toEqual([]);
  });
});

describe("Composer's mention autocomplete", () => {
  it("offers room members after @, is driven by the keyboard, and sends the chosen people as mentions", async () => {
    const sent: LogActivityMutationVariables["input"][] = [];
    const post: MockLink.MockedResponse = {
      request: { query: LogActivityDocument, variables: () => true },
      result: (variables: LogActivityMutationVariables) => {
        sent.push(variables.input);
        return { data: { logActivity: { __typename: "Activity", id: "QWN0OjE", seq: 9, cursor: "c9" } } };
      },
    };
    // After a post the room's feed is read again.
    const feed: MockLink.MockedResponse = {
      request: { query: RoomFeedDocument, variables: roomFeedVariables(room) },
      result: {
        data: {
          opportunity: {
            __typename: "Opportunity",
            id: room,
            activities: {
              __typename: "ActivityConnection",
              edges: [],
              pageInfo: { __typename: "PageInfo", hasPreviousPage: false, startCursor: null },
            },
          },
        },
      },
    };
    render(
      <MockedProvider mocks={[post, feed]} cache={createCache()}>
        <Composer opportunityId={room} members={[lee, sam, pat]} />
      </MockedProvider>,
    );
    const body = screen.getByLabelText("What happened?") as HTMLTextAreaElement;
    const list = () => screen.getByRole("listbox", { hidden: true });
    expect(list().hidden).toBe(true);

    fireEvent.change(body, { target: { value: "Proofs for @" } });
    expect(list().hidden).toBe(false);
    expect(body.getAttribute("aria-expanded")).toBe("true");
    expect(
      within(list())
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Lee Lindqvist", "Sam Sato", "Pat Park"]);

    fireEvent.change(body, { target: { value: "Proofs for @s" } });
    expect(
      within(list())
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Sam Sato"]);
    fireEvent.change(body, { target: { value: "Proofs for @" } });
    fireEvent.keyDown(body, { key: "ArrowDown" });
    const selected = within(list()).getByRole("option", { selected: true });
    expect(selected.textContent).toBe("Sam Sato");
    expect(body.getAttribute("aria-activedescendant")).toBe(selected.id);
    fireEvent.keyDown(body, { key: "Enter" });
    expect(body.value).toBe("Proofs for @Sam Sato ");
    expect(list().hidden).toBe(true);

    // Escape dismisses the list without choosing.
    fireEvent.change(body, { target: { value: "Proofs for @Sam Sato and @" } });
    expect(list().hidden).toBe(false);
    fireEvent.keyDown(body, { key: "Escape" });
    expect(list().hidden).toBe(true);

    fireEvent.change(body, { target: { value: "Proofs for @Sam Sato today" } });
    fireEvent.click(screen.getByRole("button", { name: "Post" }));
    await waitFor(() => expect(body.value).toBe(""));
    expect(sent).toEqual([expect.objectContaining({ body: "Proofs for @Sam Sato today", mentions: [sam.id] })]);
  });
});
