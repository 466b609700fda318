import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MoveOpportunityStageDocument, RoomDocument } from "../../gql/graphql";
import { renderRoom, room, roomId } from "../../test/roomFixtures";
import { roomVariables } from "./roomQuery";

describe("RoomPage", () => {
  it("opens a room with one query, from which every panel shows its part", async () => {
    const { sent } = renderRoom([{ request: { query: RoomDocument, variables: roomVariables(roomId) }, result: { data: room() } }]);

    expect(await screen.findByRole("heading", { name: "North catalogue" })).toBeTruthy();
    expect(await screen.findByText("Kick-off call booked")).toBeTruthy();
    const plan = screen.getByRole("list", { name: "Commitments" });
    expect(within(plan).getByText("Three cover concepts")).toBeTruthy();
    expect(within(plan).getByLabelText(/Lee Lindqvist: 100% on time/)).toBeTruthy();
    expect(screen.getByText(/asks: Who knows their buyer\?/)).toBeTruthy();
    expect(screen.getByText(/No split proposed yet/)).toBeTruthy();
    expect(screen.getAllByText("Lee Lindqvist").length).toBeGreaterThan(0);

    expect(sent).toEqual(["Room"]);
  });

  it("refetches the one room query after the viewer moves the stage", async () => {
    const moved = room();
    const { sent } = renderRoom([
      { request: { query: RoomDocument, variables: roomVariables(roomId) }, result: { data: room() } },
      {
        request: { query: MoveOpportunityStageDocument, variables: () => true },
        result: { data: { moveOpportunityStage: { __typename: "Opportunity", id: roomId, stage: "NEGOTIATION", version: 4 } } },
      },
      {
        request: { query: RoomDocument, variables: roomVariables(roomId) },
        result: { data: { ...moved, opportunity: { ...moved.opportunity, stage: "NEGOTIATION", version: 4 } } },
      },
    ]);

    const stage = (await screen.findByLabelText("Stage")) as HTMLSelectElement;
    fireEvent.change(stage, { target: { value: "NEGOTIATION" } });

    await waitFor(() => expect(sent).toEqual(["Room", "MoveOpportunityStage", "Room"]));
    expect(stage.value).toBe("NEGOTIATION");
  });
});
