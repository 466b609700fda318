import pg from "pg";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserWorld, navigate } from "./harness";

/**
 * Deal registration rules in Chromium: two partner firms register the same account, the vendor's
 * reviewer sees both (and the file one of them attached) while each partner learns only that
 * another registration exists; an approved registration's protection lapses and it shows as expired.
 */

// The server sweeps every second, so a registration whose window ends shows as expired at once.
process.env.REGISTRATION_SWEEP_SECONDS = "1";

const world = browserWorld("registrations");

async function partnersPage(email: string): Promise<Page> {
  const page = await world.signIn(email);
  await navigate(page, "/partners");
  await page.getByRole("heading", { name: "Partners", level: 1 }).waitFor();
  // Until every panel has its first answer the page grows (partner performance's chart and table
  // arrive above the registrations): a click aimed at "Register a deal" then lands on whatever moved
  // under it, and the form never opens.
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((s) => s.textContent?.startsWith("Loading")));
  return page;
}

/** A one-page PDF, as a partner would attach a signed letter. */
const LETTER = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

describe("deal registration rules", () => {
  it("shows the vendor both partners' registrations of one account, hides each from the other, and expires a lapsed one", async () => {
    const domain = `hooli-${Date.now().toString(36)}.example`;

    // Lee of Pixel registers through the form, with a letter attached.
    const lee = await partnersPage("lee@pixel.test");
    await lee.getByRole("button", { name: "Register a deal" }).click();
    const form = lee.getByRole("form", { name: "Register a deal" });
    await form.getByLabel("Customer", { exact: true }).fill("Hooli");
    await form.getByLabel("Customer's web domain").fill(domain);
    await form.getByLabel("Deal", { exact: true }).fill("Hooli launch kit");
    await form.getByLabel("Amount").fill("8000.00");
    await form.getByLabel(/Supporting files/).setInputFiles({ name: "letter of intent.pdf", mimeType: "application/pdf", buffer: LETTER });
    await form.getByRole("button", { name: "Register" }).click();
    const leesEntry = lee.getByRole("listitem", { name: "Hooli launch kit" });
    await leesEntry.getByRole("link", { name: "letter of intent.pdf" }).waitFor();

    // Sam of Paperworks registers the same account from his own system.
    const sam = await world.login("sam@paperworks.test");
    const vendor = await world.api<{ viewer: { organization: { id: string } } }>(
      `{ viewer { organization { id } } }`,
      {},
      (await world.login("max@acme.test")).token,
    );
    await world.api(
      `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id } }`,
      {
        input: {
          vendorOrganizationId: vendor.viewer.organization.id,
          accountName: "Hooli Inc.",
          accountDomain: `www.${domain}`,
          title: "Hooli paper stock",
          amount: { amount: "2500.00", currency: "USD" },
        },
      },
      sam.token,
    );

    // Max, Acme's manager, sees each registration with the other firm's as a conflict.
    const max = await partnersPage("max@acme.test");
    const leesForMax = max.getByRole("listitem", { name: "Hooli launch kit" });
    const samsForMax = max.getByRole("listitem", { name: "Hooli paper stock" });
    await leesForMax
      .getByRole("note", { name: "Other partners' registrations" })
      .getByText(/Hooli paper stock.*Sam Sato of Paperworks/)
      .waitFor();
    await samsForMax
      .getByRole("note", { name: "Other partners' registrations" })
      .getByText(/Hooli launch kit.*Lee Lindqvist of Pixel Studio/)
      .waitFor();
    await leesForMax.getByRole("link", { name: "letter of intent.pdf" }).waitFor();

    // Lee learns only that someone else registered the account: no firm, no deal.
    await lee.reload();
    await lee
      .getByRole("listitem", { name: "Hooli launch kit" })
      .getByText("another partner has already registered this account", { exact: false })
      .waitFor();
    expect(await lee.getByText("Paperworks").count()).toBe(0);
    expect(await lee.getByText("Hooli paper stock").count()).toBe(0);

    // Max approves Lee's: protected for the window, then it lapses.
    await leesForMax.getByRole("button", { name: "Approve", exact: true }).click();
    await leesForMax.getByText(/Protected until .*unless the deal has moved on/).waitFor();

    const db = new pg.Client({ connectionString: world.cosell.databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE deal_registration SET protected_until = now() - interval '1 minute' WHERE title = 'Hooli launch kit'`);
    } finally {
      await db.end();
    }
    await expect
      .poll(
        async () => {
          await max.reload();
          const entry = max.getByRole("listitem", { name: "Hooli launch kit" });
          await entry.waitFor();
          return entry.getByText(/Expired on/).count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(1);
    await max.getByRole("listitem", { name: "Hooli launch kit" }).getByText("Expired", { exact: true }).waitFor();
  });
});
