import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { LogActivityDocument, RoomFeedDocument } from "../../gql/graphql";
import type { LogActivityMutationVariables } from "../../gql/graphql";
import { apiError } from "../../test/fixtures";
import { roomFeedVariables } from "./ActivityFeed";
import { Composer } from "./Composer";

const roomId = "T3BwOm5vcnRo";

/** The server's answers to logActivity, in order; records what each request carried. */
function logActivityMocks(outcomes: ("fail" | "ok")[]) {
  const sent: LogActivityMutationVariables["input"][] = [];
  const mocks: MockLink.MockedResponse[] = outcomes.map((outcome, index) => ({
    request: { query: LogActivityDocument, variables: () => true },
    result: (variables: LogActivityMutationVariables) => {
      sent.push(variables.input);
      return outcome === "fail"
        ? { errors: [apiError("Too many requests, slow down.", "RATE_LIMITED")] }
        : { data: { logActivity: { __typename: "Activity", id: `QWN0OjE${index}`, seq: 9, cursor: "c9" } } };
    },
  }));
  // After a post the room's feed is refetched.
  const feed: MockLink.MockedResponse = {
    request: { query: RoomFeedDocument, variables: roomFeedVariables(roomId) },
    result: {
      data: {
        opportunity: {
          __typename: "Opportunity",
          id: roomId,
          activities: {
            __typename: "ActivityConnection",
            edges: [],
            pageInfo: { __typename: "PageInfo", hasPreviousPage: false, startCursor: null },
          },
        },
      },
    },
  };
  return { sent, mocks: [...mocks, feed] };
}

function renderComposer(mocks: MockLink.MockedResponse[]) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <Composer opportunityId={roomId} />
    </MockedProvider>,
  );
}

const body = () => screen.getByLabelText("What happened?") as HTMLTextAreaElement;
const kind = () => screen.getByLabelText("Kind") as HTMLSelectElement;

afterEach(() => window.sessionStorage.clear());

describe("Composer", () => {
  it("keeps the draft when posting fails, and retries with the same idempotency key", async () => {
    const { sent, mocks } = logActivityMocks(["fail", "ok"]);
    renderComposer(mocks);

    fireEvent.change(kind(), { target: { value: "RESULT" } });
    fireEvent.change(body(), { target: { value: "Contoso approved the mock-ups." } });
    fireEvent.click(screen.getByRole("button", { name: "Post" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Not posted — your draft is kept. Too many requests, slow down.");
    expect(body().value).toBe("Contoso approved the mock-ups.");
    expect(kind().value).toBe("RESULT");

    fireEvent.click(screen.getByRole("button", { name: "Retry" }));

    await waitFor(() => expect(body().value).toBe(""));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ opportunityId: roomId, kind: "RESULT", body: "Contoso approved the mock-ups." });
    expect(sent[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // The retry cannot post twice: it carries the failed attempt's key.
    expect(sent[1]?.idempotencyKey).toBe(sent[0]?.idempotencyKey);
  });

  it("sends an edited draft as a new post, with a new key", async () => {
    const { sent, mocks } = logActivityMocks(["fail", "ok"]);
    renderComposer(mocks);

    fireEvent.change(body(), { target: { value: "Call with procurment" } });
    fireEvent.click(screen.getByRole("button", { name: "Post" }));
    await screen.findByRole("alert");

    fireEvent.change(body(), { target: { value: "Call with procurement" } });
    fireEvent.click(screen.getByRole("button", { name: "Post" }));

    await waitFor(() => expect(body().value).toBe(""));
    expect(sent.map((input) => input.body)).toEqual(["Call with procurment", "Call with procurement"]);
    expect(sent[1]?.idempotencyKey).not.toBe(sent[0]?.idempotencyKey);
  });

  it("keeps an unsent draft across a reload of the room", () => {
    const { unmount } = renderComposer([]);
    fireEvent.change(kind(), { target: { value: "CALL" } });
    fireEvent.change(body(), { target: { value: "Half-written call notes" } });
    unmount();

    renderComposer([]);

    expect(body().value).toBe("Half-written call notes");
    expect(kind().value).toBe("CALL");
  });

  it("does not post an empty note", () => {
    renderComposer([]);
    fireEvent.change(body(), { target: { value: "   " } });

    expect((screen.getByRole("button", { name: "Post" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
