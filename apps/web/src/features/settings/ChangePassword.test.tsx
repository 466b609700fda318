import { MockedProvider } from "@apollo/client/testing/react";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ChangePasswordDocument } from "../../gql/graphql";
import { apiError } from "../../test/fixtures";
import { ChangePassword } from "./ChangePassword";

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const input = { currentPassword: "cosell-demo", newPassword: "a much longer one" };

describe("ChangePassword", () => {
  it("checks the new password before sending, shows the server's refusal, and says how many other sessions ended", async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: ChangePasswordDocument, variables: { input } },
            result: { errors: [apiError("currentPassword: is not your current password", "BAD_USER_INPUT")] },
          },
          {
            request: { query: ChangePasswordDocument, variables: { input } },
            result: { data: { changePassword: { __typename: "ChangePasswordPayload", sessionsEnded: 2 } } },
          },
        ]}
      >
        <ChangePassword />
      </MockedProvider>,
    );
    fill("Current password", "cosell-demo");
    fill("New password", "too short");
    fill("Repeat the new password", "too short");
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(screen.getByRole("alert").textContent).toBe("The password must be at least 10 characters.");

    fill("New password", input.newPassword);
    fill("Repeat the new password", input.newPassword);
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "The password did not change. currentPassword: is not your current password",
    );

    fill("New password", input.newPassword);
    fill("Repeat the new password", input.newPassword);
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect((await screen.findByRole("status")).textContent).toBe("Your password is changed. Signed out of 2 other sessions.");
    expect((screen.getByLabelText("Current password") as HTMLInputElement).value).toBe("");
  });
});
