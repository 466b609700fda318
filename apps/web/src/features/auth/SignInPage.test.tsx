import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { describe, expect, it, vi } from "vitest";
import { ana, apiError, signInMock } from "../../test/fixtures";
import { SignInPage } from "./SignInPage";

function renderSignIn(mocks: MockLink.MockedResponse[]) {
  const onSignedIn = vi.fn<(userId: string) => void>();
  render(
    <MockedProvider mocks={mocks}>
      <SignInPage onSignedIn={onSignedIn} />
    </MockedProvider>,
  );
  return { onSignedIn };
}

function fillIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
}

describe("SignInPage", () => {
  it("signs a rep in with the signIn mutation (the session is a cookie) and hands over who signed in", async () => {
    const { onSignedIn } = renderSignIn([signInMock({ email: "ana@acme.test", password: "cosell-demo" }, { user: ana })]);

    fillIn("  ana@acme.test ", "cosell-demo");
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    const busy = screen.getByRole("button", { name: "Signing in…" }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ana.id));
    expect(onSignedIn).toHaveBeenCalledTimes(1);
  });

  it("shows the server's message when the password is wrong, and signs no one in", async () => {
    const { onSignedIn } = renderSignIn([
      signInMock({ email: "ana@acme.test", password: "guess" }, { error: apiError("Wrong email or password.", "UNAUTHENTICATED") }),
    ]);

    fillIn("ana@acme.test", "guess");
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Wrong email or password.");
    const button = screen.getByRole("button", { name: "Sign in" }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("fills in the form when a demo user is picked", () => {
    renderSignIn([]);

    fireEvent.click(screen.getByRole("button", { name: /^max@acme\.test/ }));

    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("max@acme.test");
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("cosell-demo");
  });
});
