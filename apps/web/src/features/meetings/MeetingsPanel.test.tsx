import type { Unmasked } from "@apollo/client/masking";
import { MockedProvider } from "@apollo/client/testing/react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import {
  PublishOutlineDocument,
  RoomMeetingsDocument,
  RoomOutlineDocument,
  ScheduleMeetingDocument,
  SignOutlineDocument,
} from "../../gql/graphql";
import type { RoomMeetingsQuery, RoomOutlineQuery, ScheduleMeetingMutationVariables } from "../../gql/graphql";
import { acmePrint, ana, apiError, max, pixelStudio } from "../../test/fixtures";
import { MeetingsPanel, scheduledNotice } from "./MeetingsPanel";
import { OutlinePanel } from "./OutlinePanel";

const roomId = "T3BwOm5vcnRo";
const lee = { __typename: "User", id: "VXNlcjpsZWU=", name: "Lee Lindqvist" } as const;
const members = [
  { id: ana.id, name: ana.name, organizationName: "Acme Print" },
  { id: lee.id, name: lee.name, organizationName: "Pixel Studio" },
];

function meetings(list: Unmasked<RoomMeetingsQuery>["opportunity"]["meetings"]): { data: Unmasked<RoomMeetingsQuery> } {
  return { data: { opportunity: { __typename: "Opportunity", id: roomId, meetings: list } } };
}

const kickOff: Unmasked<RoomMeetingsQuery>["opportunity"]["meetings"][number] = {
  __typename: "Meeting",
  id: "TWVldGluZzox",
  startsAt: "2099-03-14T14:30:00.000Z",
  durationMinutes: 60,
  agenda: "Who does what; the split",
  cancelledAt: null,
  icsUrl: `https://cosell.example/meetings/TWVldGluZzox.ics`,
  organizer: { __typename: "User", id: ana.id, name: ana.name },
  attendees: [{ ...lee }],
};

/** A local day a month ahead, as a date input holds it. */
const inAMonth = (() => {
  const d = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
})();

describe("MeetingsPanel", () => {
  it("schedules the meeting with the room's people and offers its .ics on this server", async () => {
    const sent: ScheduleMeetingMutationVariables["input"][] = [];
    render(
      <MockedProvider
        cache={createCache()}
        mocks={[
          { request: { query: RoomMeetingsDocument, variables: { id: roomId } }, result: meetings([]) },
          {
            request: { query: ScheduleMeetingDocument, variables: () => true },
            delay: 30,
            result: (variables: ScheduleMeetingMutationVariables) => {
              sent.push(variables.input);
              return {
                data: {
                  scheduleMeeting: {
                    __typename: "Meeting",
                    id: kickOff.id,
                    startsAt: kickOff.startsAt,
                    invitationsEmailed: 1,
                    attendees: [{ __typename: "User", id: lee.id }],
                  },
                },
              };
            },
          },
          { request: { query: RoomMeetingsDocument, variables: { id: roomId } }, result: meetings([kickOff]) },
        ]}
      >
        <MeetingsPanel opportunityId={roomId} viewerId={ana.id} writable members={members} />
      </MockedProvider>,
    );

    await screen.findByText(/No meeting yet/);
    fireEvent.click(screen.getByRole("button", { name: "Schedule the meeting" }));
    const form = screen.getByRole("form", { name: "Schedule the meeting" });
    fireEvent.change(within(form).getByLabelText("Date"), { target: { value: inAMonth } });
    fireEvent.change(within(form).getByLabelText("Time"), { target: { value: "15:30" } });
    fireEvent.change(within(form).getByLabelText("Minutes"), { target: { value: "60" } });

    // Nothing is sent while the form is incomplete, and the form says why.
    fireEvent.click(within(form).getByRole("button", { name: "Schedule and invite" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("Invite at least one person from the room.");
    fireEvent.click(within(form).getByLabelText("Lee Lindqvist (Pixel Studio)"));
    fireEvent.change(within(form).getByLabelText("Minutes"), { target: { value: "500" } });
    fireEvent.change(within(form).getByLabelText("Agenda"), { target: { value: "Who does what; the split" } });
    fireEvent.click(within(form).getByRole("button", { name: "Schedule and invite" }));
    expect(within(form).getByRole("alert").textContent).toMatch(/^Length must be a whole number of minutes from 5 to 480/);
    expect(sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText("Minutes"), { target: { value: "60" } });
    fireEvent.click(within(form).getByRole("button", { name: "Schedule and invite" }));
    expect(await within(form).findByRole("button", { name: "Scheduling…" })).toBeTruthy();
    expect((await screen.findByRole("status")).textContent).toBe("Meeting scheduled; the invitation was e-mailed to 1 person.");
    expect(sent).toEqual([
      {
        opportunityId: roomId,
        startsAt: new Date(`${inAMonth}T15:30`).toISOString(),
        durationMinutes: 60,
        attendeeIds: [lee.id],
        agenda: "Who does what; the split",
      },
    ]);

    const row = (await screen.findByText("Who does what; the split")).closest("li")!;
    expect(within(row).getByText(/With Lee Lindqvist/)).toBeTruthy();
    expect(within(row).getByRole("link", { name: "Add to calendar (.ics)" }).getAttribute("href")).toBe("/meetings/TWVldGluZzox.ics");
  });

  it("shows what the server refused, in words, and keeps the form", async () => {
    render(
      <MockedProvider
        cache={createCache()}
        mocks={[
          { request: { query: RoomMeetingsDocument, variables: { id: roomId } }, result: meetings([]) },
          {
            request: { query: ScheduleMeetingDocument, variables: () => true },
            result: { errors: [apiError("attendeeIds: must all be active members of this room", "BAD_USER_INPUT")] },
          },
        ]}
      >
        <MeetingsPanel opportunityId={roomId} viewerId={ana.id} writable members={members} />
      </MockedProvider>,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Schedule the meeting" }));
    const form = screen.getByRole("form", { name: "Schedule the meeting" });
    fireEvent.click(within(form).getByLabelText("Lee Lindqvist (Pixel Studio)"));
    fireEvent.change(within(form).getByLabelText("Agenda"), { target: { value: "Plan" } });
    fireEvent.click(within(form).getByRole("button", { name: "Schedule and invite" }));
    expect((await within(form).findByRole("alert")).textContent).toContain("must all be active members of this room");
    expect((within(form).getByLabelText("Agenda") as HTMLTextAreaElement).value).toBe("Plan");
  });
});

function outline(signed: boolean, viewerCanSign = !signed): { data: Unmasked<RoomOutlineQuery> } {
  return {
    data: {
      opportunity: {
        __typename: "Opportunity",
        id: roomId,
        outline: {
          __typename: "Outline",
          id: "T3V0bGluZTox",
          version: 1,
          publishedAt: "2099-03-15T10:00:00.000Z",
          publishedBy: { __typename: "User", id: ana.id, name: ana.name },
          viewerCanSign,
          markdownUrl: "https://cosell.example/outlines/T3V0bGluZTox.md",
          pdfUrl: "https://cosell.example/outlines/T3V0bGluZTox.pdf",
          signatures: signed
            ? [
                {
                  __typename: "OutlineSignature",
                  signedAt: "2099-03-15T11:00:00.000Z",
                  organization: acmePrint,
                  signedBy: { __typename: "User", id: max.id, name: max.name },
                },
              ]
            : [],
          awaitingSignatureFrom: signed ? [pixelStudio] : [acmePrint, pixelStudio],
          content: {
            __typename: "OutlineContent",
            amount: { __typename: "Money", amount: "100.00", currency: "USD" },
            firms: [
              {
                __typename: "OutlineFirm",
                organizationId: acmePrint.id,
                name: "Acme Print",
                owner: true,
                agreementScope: null,
                commitments: [],
              },
              {
                __typename: "OutlineFirm",
                organizationId: pixelStudio.id,
                name: "Pixel Studio",
                owner: false,
                agreementScope: "Design for print",
                commitments: [
                  {
                    __typename: "OutlineCommitment",
                    commitmentId: "Q29tOjE=",
                    title: "Three cover concepts",
                    assigneeName: lee.name,
                    dueAt: "2099-04-01T12:00:00.000Z",
                  },
                ],
              },
            ],
            split: {
              __typename: "OutlineSplit",
              revision: 1,
              lines: [
                {
                  __typename: "OutlineSplitLine",
                  userName: lee.name,
                  organizationName: "Pixel Studio",
                  basisPoints: 3000,
                  type: "REVENUE",
                },
              ],
            },
            meeting: null,
          },
        },
      },
    },
  };
}

describe("scheduledNotice", () => {
  it("says to how many the invitation went, or that cosell sent no e-mail and the .ics is the way", () => {
    expect(scheduledNotice(3)).toBe("Meeting scheduled; the invitation was e-mailed to 3 people.");
    expect(scheduledNotice(0)).toBe("Meeting scheduled. No invitation was e-mailed: share it with Add to calendar (.ics).");
  });
});

describe("OutlinePanel", () => {
  it("a manager signs the latest version for their firm and sees who is still awaited", async () => {
    render(
      <MockedProvider
        cache={createCache()}
        mocks={[
          { request: { query: RoomOutlineDocument, variables: { id: roomId } }, result: outline(false) },
          {
            request: { query: SignOutlineDocument, variables: { input: { id: "T3V0bGluZTox" } } },
            result: { data: { signOutline: { __typename: "Outline", id: "T3V0bGluZTox", viewerCanSign: false } } },
          },
          { request: { query: RoomOutlineDocument, variables: { id: roomId } }, result: outline(true) },
        ]}
      >
        <OutlinePanel opportunityId={roomId} viewer={{ id: max.id, role: "MANAGER", organization: { id: acmePrint.id } }} writable />
      </MockedProvider>,
    );

    expect(await screen.findByText(/Three cover concepts: Lee Lindqvist/)).toBeTruthy();
    expect(screen.getByText("Scope: Design for print")).toBeTruthy();
    expect(screen.getByText("Lee Lindqvist (Pixel Studio): 30% revenue")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Download PDF" }).getAttribute("href")).toBe("/outlines/T3V0bGluZTox.pdf");
    expect(screen.getByRole("button", { name: "Publish a new version" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Sign for Acme Print" }));

    expect((await screen.findByRole("status")).textContent).toBe("Signed for Acme Print.");
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Sign for/ })).toBeNull());
    const signatures = screen.getByRole("list", { name: "Signatures" });
    expect(within(signatures).getByText(/Acme Print: signed by Max/)).toBeTruthy();
    expect(within(signatures).getByText("Pixel Studio: awaiting signature")).toBeTruthy();
  });

  it("publishes the first version from the room", async () => {
    const empty = { data: { opportunity: { __typename: "Opportunity", id: roomId, outline: null } } } as const;
    render(
      <MockedProvider
        cache={createCache()}
        mocks={[
          { request: { query: RoomOutlineDocument, variables: { id: roomId } }, result: empty },
          {
            request: { query: PublishOutlineDocument, variables: { input: { opportunityId: roomId } } },
            result: { data: { publishOutline: { __typename: "Outline", id: "T3V0bGluZTox", version: 1 } } },
          },
          { request: { query: RoomOutlineDocument, variables: { id: roomId } }, result: outline(false, false) },
        ]}
      >
        <OutlinePanel opportunityId={roomId} viewer={{ id: ana.id, role: "REP", organization: { id: acmePrint.id } }} writable />
      </MockedProvider>,
    );
    fireEvent.click(await screen.findByRole("button", { name: "Publish the outline" }));
    expect((await screen.findByRole("status")).textContent).toBe("Version 1 published: each firm's manager can now sign it.");
    expect(await screen.findByText(/Three cover concepts/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /^Sign for/ })).toBeNull(); // Ana is a rep
  });
});
