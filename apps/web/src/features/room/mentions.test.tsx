import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { LogActivityDocument, RoomFeedDocument } from "../../gql/graphql";
import type { LogActivityMutationVariables } from "../../gql/graphql";
import { roomFeedVariables } from "./ActivityFeed";
import { Composer } from "./Composer";
import { firmsInRoom, insertMention, mentionOptions, mentionQuery, mentionedIds } from "./mentions";

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
    const firm = (id: string, name: string) => ({ user: { organization: { id, name } } });
    expect(firmsInRoom([firm("b", "Pixel Studio"), firm("a", "Acme Print"), firm("b", "Pixel Studio")])).toEqual([
      { id: "a", name: "Acme Print" },
      { id: "b", name: "Pixel Studio" },
    ]);
  });
});

/** The Composer against a server that records what logActivity was sent; the feed is read again after a post. */
function renderComposer(props: Partial<Parameters<typeof Composer>[0]> = {}) {
  const sent: LogActivityMutationVariables["input"][] = [];
  const post: MockLink.MockedResponse = {
    request: { query: LogActivityDocument, variables: () => true },
    result: (variables: LogActivityMutationVariables) => {
      sent.push(variables.input);
      return { data: { logActivity: { __typename: "Activity", id: "QWN0OjE", seq: 9, cursor: "c9" } } };
    },
  };
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
      <Composer opportunityId={room} members={[lee, sam, pat]} {...props} />
    </MockedProvider>,
  );
  return { sent, body: screen.getByLabelText("What happened?") as HTMLTextAreaElement };
}

describe("Composer's mention autocomplete", () => {
  it("offers room members after @, is driven by the keyboard, and sends the chosen people as mentions", async () => {
    const { sent, body } = renderComposer();
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

  it("puts the caret right after a name chosen mid-sentence, before the next key is typed", () => {
    const { body } = renderComposer();
    fireEvent.change(body, { target: { value: "Proofs for @ by Friday" } });
    body.setSelectionRange(12, 12);
    fireEvent.select(body);
    fireEvent.keyDown(body, { key: "Enter" });
    expect(body.value).toBe("Proofs for @Lee Lindqvist  by Friday");
    // No frame has passed: a key typed straight after Enter must already land after the name.
    expect([body.selectionStart, body.selectionEnd]).toEqual([26, 26]);
  });

  it("addresses a help request to one of the room's firms, or to the whole room", async () => {
    const { sent, body } = renderComposer({
      firms: [
        { id: "T3JnOmFjbWU", name: "Acme Print" },
        { id: "T3JnOnBhcGVy", name: "Paperworks" },
      ],
    });
    expect(screen.queryByLabelText("Ask")).toBeNull();
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "HELP_REQUEST" } });
    const ask = screen.getByLabelText("Ask") as HTMLSelectElement;
    expect([...ask.options].map((o) => o.textContent)).toEqual(["Ask the whole room", "Ask Acme Print", "Ask Paperworks"]);
    fireEvent.change(ask, { target: { value: "T3JnOnBhcGVy" } });
    fireEvent.change(body, { target: { value: "Which stock survives rain?" } });
    fireEvent.click(screen.getByRole("button", { name: "Post" }));
    await waitFor(() => expect(body.value).toBe(""));
    expect(sent).toEqual([
      expect.objectContaining({
        kind: "HELP_REQUEST",
        body: "Which stock survives rain?",
        askOrganizationId: "T3JnOnBhcGVy",
        mentions: [],
      }),
    ]);
  });
});
