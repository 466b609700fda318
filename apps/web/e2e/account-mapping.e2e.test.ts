import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserWorld, navigate } from "./harness";

/**
 * Account mapping on the Partners page, in Chromium: from the overlap of Acme's and Pixel's
 * accounts to a co-sell room with both reps in it. The demo world has Pixel opted in, revealing
 * account names.
 */

const world = browserWorld("account-mapping");

async function partnersPage(email: string): Promise<Page> {
  const page = await world.signIn(email);
  await navigate(page, "/partners");
  await page.getByRole("heading", { name: "Partners", level: 1 }).waitFor();
  return page;
}

describe("account mapping", () => {
  it("goes from the overlap to a co-sell room: Max opts in, Ana asks Pixel, Pat accepts and joins Ana's deal", async () => {
    const max = await partnersPage("max@acme.test");
    const withPixel = max.getByRole("region", { name: "Account mapping with Pixel Studio" });
    await withPixel.getByText("Pixel Studio has opted in.", { exact: false }).waitFor();
    // The box follows the server's answer, not the click.
    const toggle = withPixel.getByLabel("Map our accounts with Pixel Studio");
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    const inCommon = withPixel.getByRole("definition").first();
    await expect.poll(() => inCommon.textContent()).toBe("2");
    const revealed = withPixel.getByRole("list", { name: "Accounts Pixel Studio revealed" });
    await revealed.getByText("Contoso Retail Group").waitFor();
    // Pixel's own account outside the overlap never shows.
    expect(await max.getByText("Stark Industries").count()).toBe(0);

    const ana = await partnersPage("ana@acme.test");
    const northwind = ana
      .getByRole("list", { name: "Accounts Pixel Studio revealed" })
      .getByRole("listitem")
      .filter({ hasText: "northwind.example" });
    await northwind.getByRole("button", { name: "Request co-sell" }).click();
    await northwind.getByLabel("What do you propose to Pixel Studio?").fill("Three cover concepts for the catalog?");
    await northwind.getByRole("button", { name: "Send request" }).click();
    await northwind.getByText("Request sent to Pixel Studio's managers.").waitFor();

    const pat = await partnersPage("pat@pixel.test");
    const received = pat.getByRole("list", { name: "Received co-sell requests" }).getByRole("listitem").first();
    await received.getByText("Three cover concepts for the catalog?").waitFor();
    await received.getByRole("button", { name: "Accept and open the room" }).click();
    // Ana is in the room of Acme's open Northwind deal: Pat joins it.
    await received.getByRole("link", { name: "Northwind catalog relaunch" }).click();
    // The room's feed says how Pat came in.
    await pat.getByText("Co-sell request of Ana Alvarez accepted: Three cover concepts for the catalog?").waitFor();
    await pat.getByText("Pat Park joined as partner rep with WRITE access").waitFor();
  });
});
