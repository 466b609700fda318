import { MockedProvider } from "@apollo/client/testing/react";
import { act, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { makeFragmentData } from "../../gql";
import { acmePrint, ana } from "../../test/fixtures";
import { RoomMembers, RoomMembersFragment } from "./RoomMembers";

const northwind = makeFragmentData(
  {
    __typename: "Opportunity",
    id: "T3BwOm5vcnRo",
    organization: { __typename: "Organization", id: acmePrint.id },
    members: [
      {
        __typename: "RoomMember",
        role: "OWNER",
        access: "WRITE",
        user: { __typename: "User", id: ana.id, name: ana.name, email: ana.email, organization: acmePrint },
      },
    ],
  },
  RoomMembersFragment,
);

describe("the room's people while offline", () => {
  it("says presence is paused instead of showing who was here", () => {
    const { rerender } = render(
      <MockedProvider>
        <RoomMembers opportunity={northwind} writable={false} present={new Set([ana.id])} />
      </MockedProvider>,
    );
    expect(screen.getByText(`Here now: ${ana.name}`)).toBeTruthy();

    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event("offline")));
    // useRoomPresence reports nobody while offline (see live.tsx); the panel says why.
    rerender(
      <MockedProvider>
        <RoomMembers opportunity={northwind} writable={false} present={null} />
      </MockedProvider>,
    );
    expect(screen.getByText("Offline: who is here shows again once the connection is back.")).toBeTruthy();
    expect(screen.queryByText(/Here now/)).toBeNull();
    expect(screen.queryByText("(in the room now)")).toBeNull();
  });
});
