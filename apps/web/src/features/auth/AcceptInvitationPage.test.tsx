import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AcceptInvitationDocument, InvitationPreviewDocument, ResetPasswordDocument } from "../../gql/graphql";
import { apiError } from "../../test/fixtures";
import { AcceptInvitationPage } from "./AcceptInvitationPage";
import { ResetPasswordPage } from "./ResetPasswordPage";

const BAD_LINK = "This invitation link does not work: it was used already, revoked, or has expired. Ask whoever invited you for a new one.";

const preview: MockLink.MockedResponse = {
  request: { query: InvitationPreviewDocument, variables: { token: "tok" } },
  result: {
    data: {
      invitationPreview: {
        __typename: "InvitationPreview",
        email: "nia@acme.test",
        role: "MANAGER",
        organizationName: "Acme Print",
        invitedByName: "Ada Achebe",
        invitingOrganizationName: "Acme Print",
        expiresAt: "2026-12-08T09:00:00.000Z",
      },
    },
  },
};

function renderAt(search: string, page: "invite" | "reset", mocks: MockLink.MockedResponse[]) {
  window.history.replaceState(null, "", `/${page === "invite" ? "invite" : "reset-password"}${search}`);
  const onSignedIn = vi.fn<(userId: string) => void>();
  render(
    <MockedProvider mocks={mocks}>
      {page === "invite" ? <AcceptInvitationPage onSignedIn={onSignedIn} /> : <ResetPasswordPage onSignedIn={onSignedIn} />}
    </MockedProvider>,
  );
  return { onSignedIn };
}

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

afterEach(() => window.history.replaceState(null, "", "/"));

describe("AcceptInvitationPage", () => {
  it("shows what the invitation is for, checks the password before sending, and signs the new person in", async () => {
    const { onSignedIn } = renderAt("?token=tok", "invite", [
      preview,
      {
        request: {
          query: AcceptInvitationDocument,
          variables: { input: { token: "tok", name: "Nia Nakamura", password: "a long password" } },
        },
        result: {
          data: {
            acceptInvitation: {
              __typename: "AuthPayload",
              expiresAt: "2026-12-01T21:00:00.000Z",
              user: { __typename: "User", id: "VXNlcjpuaWE=", name: "Nia Nakamura" },
            },
          },
        },
      },
    ]);
    await screen.findByRole("heading", { name: "Join Acme Print" });
    expect(screen.getByText(/Ada Achebe invites/).textContent).toBe("Ada Achebe invites nia@acme.test to Acme Print on cosell as manager.");
    fill("Your name", " Nia Nakamura ");
    fill("Choose a password", "short");
    fill("Repeat the password", "short");
    fireEvent.click(screen.getByRole("button", { name: "Join Acme Print" }));
    expect(screen.getByRole("alert").textContent).toBe("The password must be at least 10 characters.");
    fill("Choose a password", "a long password");
    fill("Repeat the password", "a long passworD");
    fireEvent.click(screen.getByRole("button", { name: "Join Acme Print" }));
    expect(screen.getByRole("alert").textContent).toBe("The two passwords differ.");
    fill("Repeat the password", "a long password");
    fireEvent.click(screen.getByRole("button", { name: "Join Acme Print" }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith("VXNlcjpuaWE="));
  });

  it("says so when the link does not work, with the way to sign in", async () => {
    renderAt("?token=tok", "invite", [
      { request: { query: InvitationPreviewDocument, variables: { token: "tok" } }, result: { errors: [apiError(BAD_LINK, "NOT_FOUND")] } },
    ]);
    expect((await screen.findByRole("alert")).textContent).toContain(BAD_LINK);
    expect(screen.getByRole("link", { name: "Go to sign-in" }).getAttribute("href")).toBe("/");
    expect(screen.queryByLabelText("Choose a password")).toBeNull();
  });
});

describe("ResetPasswordPage", () => {
  it("sets the new password and signs the person in; a link that does not work says so", async () => {
    const { onSignedIn } = renderAt("?token=r1", "reset", [
      {
        request: { query: ResetPasswordDocument, variables: { input: { token: "r1", newPassword: "brand new password" } } },
        result: { errors: [apiError("This reset link does not work: it was used already.", "NOT_FOUND")] },
      },
      {
        request: { query: ResetPasswordDocument, variables: { input: { token: "r1", newPassword: "brand new password" } } },
        result: {
          data: {
            resetPassword: {
              __typename: "AuthPayload",
              expiresAt: "2026-12-01T21:00:00.000Z",
              user: { __typename: "User", id: "VXNlcjphbmE=", name: "Ana Alvarez" },
            },
          },
        },
      },
    ]);
    fill("New password", "brand new password");
    fill("Repeat the new password", "brand new password");
    fireEvent.click(screen.getByRole("button", { name: "Set password and sign in" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This reset link does not work: it was used already.");
    expect(onSignedIn).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Set password and sign in" }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith("VXNlcjphbmE="));
  });
});
