import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LIVE_MS, browserWorld, navigate } from "./harness";

/**
 * People, side by side in Chromium: an admin invites someone from Settings → People, the invitee
 * opens the link in a browser of their own, sets a password and lands signed in; and a role an
 * admin changes is felt at once by the other person's open page, without a reload.
 */

const world = browserWorld("people");
const { api, login } = world;

const personRow = (page: Page, name: string) => page.getByRole("list", { name: "People" }).getByRole("listitem").filter({ hasText: name });

describe("people", () => {
  it("an admin invites someone, who opens the link in their own browser, sets a password and lands signed in", async () => {
    const ada = await world.signIn("ada@acme.test");
    await navigate(ada, "/settings");
    await ada.getByRole("button", { name: "Invite someone" }).click();
    const form = ada.getByRole("form", { name: "Invite someone" });
    await form.getByLabel("Email").fill("kai@acme.test");
    await form.getByLabel("Role").selectOption({ label: "Manager" });
    await form.getByRole("button", { name: "Send invitation" }).click();
    const link = ada.getByLabel("Invitation link for kai@acme.test");
    await link.waitFor();
    // No SMTP_URL in this world: the admin is told to hand the link over themself.
    await ada.getByText("No e-mail was sent: send kai@acme.test this link yourself.").waitFor();
    const shown = new URL((await link.textContent())!);
    expect(shown.pathname).toBe("/invite");
    // The link names PUBLIC_URL, which this world's server (on a port picked at start) leaves unset: opened on its own address.
    const acceptUrl = `${world.cosell.url}${shown.pathname}${shown.search}`;
    await ada.getByRole("list", { name: "Open invitations" }).getByText("kai@acme.test").waitFor();

    const kaiContext = await world.newContext();
    const kai = await kaiContext.newPage();
    await kai.goto(acceptUrl);
    await kai.getByRole("heading", { name: "Join Acme Print" }).waitFor();
    await kai.getByText("Ada Achebe invites kai@acme.test to Acme Print on cosell as manager.").waitFor();
    await kai.getByLabel("Your name").fill("Kai Kowalski");
    await kai.getByLabel("Choose a password").fill("short");
    await kai.getByLabel("Repeat the password").fill("short");
    await kai.getByRole("button", { name: "Join Acme Print" }).click();
    await kai.getByText("The password must be at least 10 characters.").waitFor();
    await kai.getByLabel("Choose a password").fill("kai's long password");
    await kai.getByLabel("Repeat the password").fill("kai's long password");
    await kai.getByRole("button", { name: "Join Acme Print" }).click();
    await kai.getByRole("heading", { name: "Board", level: 1 }).waitFor();
    expect(new URL(kai.url()).pathname).toBe("/");
    await kai.getByText("Kai Kowalski").first().waitFor();

    // The link worked once: opened again, it says so.
    const again = await (await world.newContext()).newPage();
    await again.goto(acceptUrl);
    await again
      .getByRole("alert")
      .getByText(/This invitation link does not work/)
      .waitFor();

    // Signed out, Kai signs in with the password they chose.
    await kai.getByRole("button", { name: "Sign out" }).click();
    await kai.getByLabel("Email").fill("kai@acme.test");
    await kai.getByLabel("Password").fill("kai's long password");
    await kai.getByRole("button", { name: "Sign in" }).click();
    await kai.getByRole("heading", { name: "Board", level: 1 }).waitFor();
  });

  it("a role an admin lowers is felt at once by the person's open page, without a reload", async () => {
    const max = await world.signIn("max@acme.test");
    await navigate(max, "/settings");
    await max.getByRole("heading", { name: "API tokens" }).waitFor();
    const ada = await world.signIn("ada@acme.test");
    await navigate(ada, "/settings");
    try {
      const changed = Date.now();
      await personRow(ada, "Max Meyer").getByLabel("Role").selectOption({ label: "Rep" });
      await max
        .getByText("API tokens and webhooks are managed by your organization's managers and admins.")
        .waitFor({ timeout: 3 * LIVE_MS });
      expect(Date.now() - changed).toBeLessThan(3 * LIVE_MS);
      expect(await max.getByRole("heading", { name: "API tokens" }).count()).toBe(0);
      // The same page, never reloaded: it is still signed in as Max.
      await max.getByRole("heading", { name: /^Settings/ }).waitFor();
    } finally {
      const { token } = await login("ada@acme.test");
      const { userId } = await login("max@acme.test");
      await api(
        `mutation ($input: SetUserRoleInput!) { setUserRole(input: $input) { role } }`,
        { input: { userId, role: "MANAGER" } },
        token,
      );
    }
  });

  it("an admin issues a reset link; the person sets a new password with it and is signed out of their other browser at once", async () => {
    const anaBefore = await world.signIn("ana@acme.test");
    const ada = await world.signIn("ada@acme.test");
    await navigate(ada, "/settings");
    await personRow(ada, "Ana Alvarez").getByRole("button", { name: "Issue reset link" }).click();
    const shown = new URL((await ada.getByLabel("Password reset link for ana@acme.test").textContent())!);
    expect(shown.pathname).toBe("/reset-password");

    const ana = await (await world.newContext()).newPage();
    await ana.goto(`${world.cosell.url}${shown.pathname}${shown.search}`);
    await ana.getByRole("heading", { name: "Set a new password" }).waitFor();
    await ana.getByLabel("New password", { exact: true }).fill("ana's new password");
    await ana.getByLabel("Repeat the new password").fill("ana's new password");
    const reset = Date.now();
    await ana.getByRole("button", { name: "Set password and sign in" }).click();
    await ana.getByRole("heading", { name: "Board", level: 1 }).waitFor();
    // The browser she was signed in with before is back at the sign-in page, without a reload.
    await anaBefore.getByRole("button", { name: "Sign in" }).waitFor({ timeout: LIVE_MS });
    expect(Date.now() - reset).toBeLessThan(LIVE_MS + 1_000);
  });
});
