import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { MarkNotificationsReadDocument, NotificationAddedDocument, NotificationInboxDocument } from "../../gql/graphql";
import { INBOX_SIZE, NotificationBell } from "./NotificationBell";

const node = (id: string, text: string, read: boolean, url = "/room/T3Bw") => ({
  __typename: "Notification" as const,
  id,
  kind: "MENTION" as const,
  text,
  url,
  read,
  createdAt: "2026-11-30T10:00:00.000Z",
});

const inbox: MockLink.MockedResponse = {
  request: { query: NotificationInboxDocument, variables: { first: INBOX_SIZE } },
  result: {
    data: {
      notifications: {
        __typename: "NotificationConnection",
        unreadCount: 1,
        edges: [
          {
            __typename: "NotificationEdge",
            cursor: "c2",
            node: node("Tm90OjI", "Ana Alvarez mentioned you on “Signage”: artwork?", false),
          },
          { __typename: "NotificationEdge", cursor: "c1", node: node("Tm90OjE", "“Menus” was won!", true) },
        ],
      },
    },
  },
};

/** The server's live feed: one new notification, once the inbox has been read (a mock answers at once). */
const arrival: MockLink.MockedResponse = {
  request: { query: NotificationAddedDocument },
  result: { data: { notificationAdded: node("Tm90OjM", "Pat Park proposed a credit split on “Signage”", false, "/room/U2ln") } },
  delay: 200,
};

const markAll: MockLink.MockedResponse = {
  request: { query: MarkNotificationsReadDocument, variables: { input: { all: true } } },
  result: { data: { markNotificationsRead: { __typename: "MarkNotificationsReadPayload", unreadCount: 0, notifications: [] } } },
};

const bell = () => screen.getByRole("button", { name: /^Notifications/ });

describe("NotificationBell", () => {
  it("counts unread notifications, adds live ones, opens the inbox with links to their places, and marks all read", async () => {
    render(
      <MockedProvider mocks={[inbox, arrival, markAll]} cache={createCache()}>
        <NotificationBell />
      </MockedProvider>,
    );
    // The inbox is read, then the live one arrives (a loaded machine may take more than waitFor's default 1 s).
    await waitFor(() => expect(bell().getAttribute("aria-label")).toBe("Notifications, 2 unread"), { timeout: 5_000 });
    expect(bell().getAttribute("aria-expanded")).toBe("false");

    fireEvent.click(bell());
    expect(bell().getAttribute("aria-expanded")).toBe("true");
    const panel = screen.getByRole("region", { name: "Notifications" });
    const links = within(panel).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Unread: Pat Park proposed a credit split on “Signage”", "/room/U2ln"],
      ["Unread: Ana Alvarez mentioned you on “Signage”: artwork?", "/room/T3Bw"],
      ["“Menus” was won!", "/room/T3Bw"],
    ]);

    fireEvent.click(within(panel).getByRole("button", { name: "Mark all read" }));
    await waitFor(() => expect(bell().getAttribute("aria-label")).toBe("Notifications"));
    expect(within(panel).queryByText(/^Unread:/)).toBeNull();

    // Escape closes the panel and gives the focus back to the bell.
    fireEvent.keyDown(panel, { key: "Escape" });
    expect(bell().getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(bell());
  });
});
