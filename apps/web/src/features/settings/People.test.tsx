import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createCache } from "../../apollo";
import {
  DeactivateUserDocument,
  InviteUserDocument,
  IssuePasswordResetDocument,
  OrganizationPeopleDocument,
  PendingInvitationsDocument,
  RevokeInvitationDocument,
  SetUserRoleDocument,
} from "../../gql/graphql";
import type { OrgRole } from "../../gql/graphql";
import { apiError } from "../../test/fixtures";
import { People } from "./People";

const person = (id: string, name: string, role: OrgRole, active = true) => ({
  __typename: "User" as const,
  id,
  name,
  email: `${name.split(" ")[0]!.toLowerCase()}@acme.test`,
  role,
  active,
});
const ada = person("VXNlcjphZGE=", "Ada Achebe", "ADMIN");
const ana = person("VXNlcjphbmE=", "Ana Alvarez", "REP");

const peopleMock: MockLink.MockedResponse = {
  request: { query: OrganizationPeopleDocument },
  result: {
    data: {
      viewer: { __typename: "User", id: ada.id, organization: { __typename: "Organization", id: "T3JnOmFjbWU=", members: [ada, ana] } },
    },
  },
};

const invitation = (id: string, email: string, status: "PENDING" | "EXPIRED" | "REVOKED" = "PENDING") => ({
  __typename: "Invitation" as const,
  id,
  email,
  role: "REP" as const,
  status,
  partnerFirm: false,
  expiresAt: "2026-12-08T09:00:00.000Z",
  organization: { __typename: "Organization" as const, id: "T3JnOmFjbWU=", name: "Acme Print" },
  invitedBy: { __typename: "User" as const, id: ada.id, name: ada.name },
});
const pending = (invitations: ReturnType<typeof invitation>[]): MockLink.MockedResponse => ({
  request: { query: PendingInvitationsDocument },
  result: { data: { invitations } },
});

function renderPeople(mocks: MockLink.MockedResponse[], invitations: MockLink.MockedResponse = pending([])) {
  render(
    <MockedProvider mocks={[peopleMock, invitations, ...mocks]} cache={createCache()}>
      <People viewerId={ada.id} />
    </MockedProvider>,
  );
}

const row = (name: string) => screen.getByText(name).closest("li")!;

describe("People", () => {
  it("changes a person's role, and says why when the server refuses", async () => {
    renderPeople([
      {
        request: { query: SetUserRoleDocument, variables: { input: { userId: ana.id, role: "MANAGER" } } },
        result: { data: { setUserRole: { ...ana, role: "MANAGER" } } },
      },
      {
        request: { query: SetUserRoleDocument, variables: { input: { userId: ada.id, role: "REP" } } },
        result: {
          errors: [
            apiError(
              "Ada Achebe is the organization's only active admin and must keep their role: make someone else admin first",
              "CONFLICT",
            ),
          ],
        },
      },
    ]);
    await screen.findByText("Ana Alvarez");
    fireEvent.change(within(row("Ana Alvarez")).getByLabelText("Role"), { target: { value: "MANAGER" } });
    await waitFor(() => expect((within(row("Ana Alvarez")).getByLabelText("Role") as HTMLSelectElement).value).toBe("MANAGER"));

    fireEvent.change(within(row("Ada Achebe")).getByLabelText("Role"), { target: { value: "REP" } });
    expect((await within(row("Ada Achebe")).findByRole("alert")).textContent).toContain("only active admin");
    expect((within(row("Ada Achebe")).getByLabelText("Role") as HTMLSelectElement).value).toBe("ADMIN");
  });

  it("deactivates someone else after a second click, never the admin themself", async () => {
    renderPeople([
      {
        request: { query: DeactivateUserDocument, variables: { input: { userId: ana.id } } },
        result: { data: { deactivateUser: { ...ana, active: false } } },
      },
    ]);
    await screen.findByText("Ana Alvarez");
    expect(within(row("Ada Achebe")).queryByRole("button", { name: "Deactivate…" })).toBeNull();
    fireEvent.click(within(row("Ana Alvarez")).getByRole("button", { name: "Deactivate…" }));
    fireEvent.click(within(row("Ana Alvarez")).getByRole("button", { name: "Deactivate Ana Alvarez" }));
    expect(await within(row("Ana Alvarez")).findByText("Deactivated")).toBeTruthy();
    expect((within(row("Ana Alvarez")).getByLabelText("Role") as HTMLSelectElement).disabled).toBe(true);
  });

  it("invites someone with a role and shows the link to copy, saying whether an e-mail went out", async () => {
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const acceptUrl = "https://cosell.example/invite?token=abc";
    renderPeople([
      {
        request: { query: InviteUserDocument, variables: { input: { email: "nia@acme.test", role: "MANAGER" } } },
        result: {
          data: {
            inviteUser: {
              __typename: "Invitation",
              id: "SW52Om5pYQ==",
              email: "nia@acme.test",
              expiresAt: "2026-12-08T09:00:00.000Z",
              acceptUrl,
              emailSent: false,
            },
          },
        },
      },
      pending([invitation("SW52Om5pYQ==", "nia@acme.test")]),
      {
        request: { query: InviteUserDocument, variables: { input: { email: "lee@pixel.test", role: "REP" } } },
        result: { errors: [apiError("lee@pixel.test already has an account on cosell", "CONFLICT")] },
      },
    ]);
    await screen.findByText("Ana Alvarez");
    fireEvent.click(screen.getByRole("button", { name: "Invite someone" }));
    const form = screen.getByRole("form", { name: "Invite someone" });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: " nia@acme.test " } });
    fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "MANAGER" } });
    fireEvent.click(within(form).getByRole("button", { name: "Send invitation" }));

    expect((await screen.findByLabelText("Invitation link for nia@acme.test")).textContent).toBe(acceptUrl);
    expect(screen.getByText("No e-mail was sent: send nia@acme.test this link yourself.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Copy link" }));
    await screen.findByRole("button", { name: "Copied" });
    expect(writeText).toHaveBeenCalledWith(acceptUrl);
    // The open invitations list is asked again and shows it.
    expect(await within(await screen.findByRole("list", { name: "Open invitations" })).findByText("nia@acme.test")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    fireEvent.click(screen.getByRole("button", { name: "Invite someone" }));
    fireEvent.change(within(screen.getByRole("form", { name: "Invite someone" })).getByLabelText("Email"), {
      target: { value: "lee@pixel.test" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send invitation" }));
    expect((await screen.findByRole("alert")).textContent).toBe("No invitation was sent. lee@pixel.test already has an account on cosell");
  });

  it("revokes an open invitation after a second click", async () => {
    const open = invitation("SW52OnBpbQ==", "pim@acme.test", "EXPIRED");
    renderPeople(
      [
        {
          request: { query: RevokeInvitationDocument, variables: { input: { id: open.id } } },
          result: { data: { revokeInvitation: { ...open, status: "REVOKED" } } },
        },
        pending([]),
      ],
      pending([open]),
    );
    const list = await screen.findByRole("list", { name: "Open invitations" });
    expect(within(list).getByText("Expired")).toBeTruthy();
    fireEvent.click(within(list).getByRole("button", { name: "Revoke…" }));
    fireEvent.click(within(list).getByRole("button", { name: "Revoke the invitation of pim@acme.test" }));
    await waitFor(() => expect(screen.queryByRole("list", { name: "Open invitations" })).toBeNull());
  });

  it("issues a person a reset link to hand over", async () => {
    renderPeople([
      {
        request: { query: IssuePasswordResetDocument, variables: { input: { userId: ana.id } } },
        result: {
          data: {
            issuePasswordReset: {
              __typename: "PasswordReset",
              id: "UmVzZXQ6MQ==",
              expiresAt: "2026-12-01T10:00:00.000Z",
              resetUrl: "https://cosell.example/reset-password?token=xyz",
              emailSent: true,
            },
          },
        },
      },
    ]);
    await screen.findByText("Ana Alvarez");
    fireEvent.click(within(row("Ana Alvarez")).getByRole("button", { name: "Issue reset link" }));
    expect((await screen.findByLabelText("Password reset link for ana@acme.test")).textContent).toBe(
      "https://cosell.example/reset-password?token=xyz",
    );
    expect(screen.getByText("An e-mail with the link was sent to ana@acme.test.")).toBeTruthy();
  });
});
