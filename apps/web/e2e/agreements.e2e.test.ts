import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOTS, browserWorld, navigate } from "./harness";

/**
 * A structured partnership agreement in Chromium, with two firms' managers in two browsers: Pat
 * (Pixel Studio) proposes every point to Pia (Paperworks), both sign with the code of conduct
 * shown, Pat proposes an amendment (its changes shown against the terms in force), both sign it,
 * and the room the two firms share logs the amendment.
 */

const world = browserWorld("agreements");

async function go(page: Page, path: string, heading: string): Promise<void> {
  await navigate(page, path);
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
}

/** The partnership with `other` in the page's list. */
const partnershipWith = (page: Page, other: string): Locator =>
  page
    .getByRole("list", { name: "Partnerships" })
    .getByRole("listitem")
    .filter({ has: page.getByText(other, { exact: true }) })
    .first();

/** Signs the revision awaiting signatures after reading the agreement and the code of conduct. */
async function sign(page: Page, other: string, revision: number): Promise<void> {
  const item = partnershipWith(page, other);
  const panel = item.getByRole("region", { name: `Sign revision ${revision}` });
  await panel.getByRole("region", { name: `Agreement to sign, revision ${revision}` }).waitFor();
  const accept = panel.getByLabel("We accept the code of conduct, version 1");
  expect(await accept.isDisabled()).toBe(true);
  await panel.getByRole("button", { name: "Read the code of conduct (version 1)" }).click();
  await panel.getByRole("region", { name: "cosell partner code of conduct" }).getByText("Account control.").waitFor();
  await accept.check();
  await panel.getByRole("button", { name: `Sign revision ${revision}` }).click();
  await item.getByRole("region", { name: `Sign revision ${revision}` }).waitFor({ state: "detached" });
}

describe("a partnership agreement", () => {
  it("is proposed point by point, signed by both with the code of conduct, amended and signed again, and the shared room logs it", async () => {
    const pat = await world.signIn("pat@pixel.test");
    const pia = await world.signIn("pia@paperworks.test");
    await go(pat, "/partners", "Partners");

    // Pat finds Paperworks in the directory and proposes; the form names what is missing first.
    await pat.getByPlaceholder(/Needs, e\.g\./).fill("specialty-paper");
    await pat.getByRole("button", { name: "Find partners" }).click();
    await pat
      .getByRole("list", { name: "Matching firms" })
      .getByRole("listitem")
      .filter({ hasText: "Paperworks" })
      .getByRole("button", { name: "Propose a partnership" })
      .click();
    const form = pat.getByRole("form", { name: "Propose a partnership to Paperworks" });
    await form.getByRole("button", { name: "Propose" }).click();
    await form.getByText("11 points need attention.").waitFor();
    await form.getByLabel("Accounts covered").fill("Publishers and retail brands");
    await form.getByLabel("Regions covered").fill("European Union");
    await form.getByLabel("Products covered").fill("Designed packaging on specialty paper");
    await form.getByLabel("Relationship").selectOption("CO_SELL");
    await form.getByLabel("Who leads customer meetings").fill("The firm that owns the opportunity");
    await form.getByLabel("How leads are shared").fill("Registered in cosell before contacting the customer");
    await form.getByLabel("Known problems").fill("Paper lead times vary by mill");
    await form.getByLabel("How problems and disputes are settled").fill("Pat Park and Pia Petrova settle within ten working days");
    await form.getByLabel("Default credit share of the firm not owning a deal (%)").fill("20");
    await form.getByLabel("Starts on").fill("2026-01-01");
    await form.getByLabel("Ends on").fill("2027-12-31");
    await form.getByRole("button", { name: "Propose" }).click();
    await form.waitFor({ state: "detached" });
    const atPat = partnershipWith(pat, "Paperworks");
    await atPat.getByText("Designed packaging on specialty paper", { exact: true }).waitFor();
    await atPat.getByText("Neither firm has signed yet.").waitFor();

    // Each signs revision 1 after reading it and the code of conduct.
    await sign(pat, "Paperworks", 1);
    await go(pia, "/partners", "Partners");
    const atPia = partnershipWith(pia, "Pixel Studio");
    await atPia.getByText("Pixel Studio has signed; waiting for your firm.").waitFor();
    await sign(pia, "Pixel Studio", 1);
    await atPia.getByText("Signed", { exact: true }).waitFor();
    await atPia.getByText(/Signed for Pixel Studio by Pat Park on .*, accepting the code of conduct version 1\./).waitFor();
    await atPia.getByText(/Signed for Paperworks by Pia Petrova on .*, accepting the code of conduct version 1\./).waitFor();

    // A room the two firms share: Pixel's deal with Paperworks' rep in it.
    const { token } = await world.login("pat@pixel.test");
    const { accounts } = await world.api<{ accounts: { id: string; name: string }[] }>(`{ accounts { id name } }`, {}, token);
    const created = await world.api<{ createOpportunity: { id: string } }>(
      `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
      {
        input: {
          accountId: accounts.find((a) => a.name === "Stark Industries")!.id,
          title: "Stark annual report",
          amount: { amount: "8000.00", currency: "EUR" },
        },
      },
      token,
    );
    const room = created.createOpportunity.id;
    const sam = await world.login("sam@paperworks.test");
    await world.api(
      `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { role } }`,
      { input: { opportunityId: room, userId: sam.userId, role: "PARTNER_REP", access: "WRITE" } },
      token,
    );

    // Pat proposes an amendment; the form shows what changes against revision 1.
    await pat.reload();
    await pat.getByRole("heading", { name: "Partners", level: 1 }).waitFor();
    await partnershipWith(pat, "Paperworks").getByRole("button", { name: "Propose an amendment" }).click();
    const amendment = pat.getByRole("form", { name: "Propose an amendment to the agreement with Paperworks" });
    await amendment.getByLabel("Default credit share of the firm not owning a deal (%)").fill("25");
    const diff = amendment.getByRole("region", { name: "Changes from revision 1" });
    await diff.getByText("20%", { exact: true }).waitFor();
    await diff.getByText("25%", { exact: true }).waitFor();
    await amendment.screenshot({ path: `${SCREENSHOTS}agreement-amendment-form.png` });
    await amendment.getByRole("button", { name: "Propose the amendment" }).click();
    await amendment.waitFor({ state: "detached" });
    await partnershipWith(pat, "Paperworks")
      .getByRole("heading", { name: /Amendment awaiting signatures/ })
      .waitFor();

    await sign(pat, "Paperworks", 2);
    await pia.reload();
    await pia.getByRole("heading", { name: "Partners", level: 1 }).waitFor();
    await partnershipWith(pia, "Pixel Studio")
      .getByRole("heading", { name: /Amendment awaiting signatures/ })
      .waitFor();
    await sign(pia, "Pixel Studio", 2);
    const amended = partnershipWith(pia, "Pixel Studio");
    await amended.getByText("partner share 25%").waitFor();
    expect(await amended.getByRole("heading", { name: /Amendment awaiting signatures/ }).count()).toBe(0);

    // The history keeps both revisions.
    await amended.getByText("History of the agreement").click();
    const revisions = amended.getByRole("list", { name: "Revisions" });
    await revisions.getByText("Superseded", { exact: true }).waitFor();
    await revisions.getByText("In force", { exact: true }).waitFor();
    await pia.screenshot({ path: `${SCREENSHOTS}agreement-partners-1280.png`, fullPage: true });

    // The shared room's feed says so.
    await go(pat, `/room/${room}`, "Stark annual report");
    await pat
      .getByText(
        "The partnership agreement between Pixel Studio and Paperworks was amended: revision 2, proposed by Pat Park (Pixel Studio), now signed by both firms and in force.",
      )
      .waitFor();
    await pat.screenshot({ path: `${SCREENSHOTS}agreement-room-1280.png`, fullPage: true });
  });
});
