import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserWorld, pressUntilAnnounced } from "./harness";

/**
 * What a real user ran into, checked in Chromium: where focus lands, the phone layout at 375 px,
 * and the banner when the network goes.
 */
const world = browserWorld("polish");

const PHONE = { width: 375, height: 740 };

/** A fresh browser signed in through the sign-in form, as a person does; on the board afterwards. */
async function signIn(email: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; context: BrowserContext }> {
  const page = await world.signIn(email, { viewport });
  return { page, context: page.context() };
}

const column = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true });
const card = (page: Page, title: string) => page.locator("li.deal-card", { has: page.getByRole("link", { name: title, exact: true }) });

/** Opens a deal's room from the board as a person does: its card opens the preview, which links to the room. */
async function openRoom(page: Page, title: string): Promise<void> {
  await page.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("dialog", { name: title }).getByRole("link", { name: "Open the room" }).click();
}

/** What has focus, described: its tag, its text or label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return "none";
    const label = (element as HTMLSelectElement).labels?.[0]?.textContent ?? element.getAttribute("aria-label") ?? element.textContent;
    return `${element.tagName}:${label?.trim()}`;
  });

/** The page is no wider than the window: nothing scrolls sideways except inside its own container. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Tables on screen that are wider than the window without a container of their own that scrolls sideways. */
const unscrollableWideTables = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("table")]
      .filter((table) => table.scrollWidth > window.innerWidth || table.getBoundingClientRect().right > window.innerWidth)
      .filter((table) => {
        for (let box = table.parentElement; box && box !== document.body; box = box.parentElement)
          if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return false;
        return true;
      })
      .map((table) => table.className),
  );

describe("focus", () => {
  it("lands on the board's heading after signing in", async () => {
    const { page } = await signIn("ana@acme.test");
    await expect.poll(() => focused(page)).toBe("H1:Board");
    // Tab goes on from the heading into the board, not back to the top of the page.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
  });

  it("stays on the card after a keyboard drop, in its new column", async () => {
    const { page } = await signIn("ana@acme.test");
    // Settled first: the board's live feed connected (a re-render as it arrives would cancel a drag).
    await page
      .getByTestId("board-summary")
      .filter({ hasText: /\bLive\b/ })
      .waitFor();
    const handle = page.getByRole("button", { name: "Move Umbrella menu cards" });
    await handle.focus();
    await page.keyboard.press("Space");
    // Arrows act once the columns are measured, which the announcement of the column it is over shows.
    await page.getByText("Umbrella menu cards is over Prospecting.").waitFor({ state: "attached" });
    await pressUntilAnnounced(page, "ArrowRight", "Umbrella menu cards is over Qualification.");
    await page.keyboard.press("Space");

    await column(page, "Qualification").getByText("Umbrella menu cards", { exact: true }).waitFor();
    await expect.poll(() => focused(page)).toBe("BUTTON:Move Umbrella menu cards");
    expect(await page.evaluate(() => document.activeElement?.closest("[data-stage]")?.getAttribute("data-stage"))).toBe("QUALIFICATION");
    await page.getByText("Moved “Umbrella menu cards” to Qualification.").waitFor();
  });
});

describe("the phone layout at 375 × 740", () => {
  it("shows one stage at a time with a stage picker, and a card's stage menu moves the deal", async () => {
    const { page } = await signIn("ana@acme.test", PHONE);
    const picker = page.getByLabel("Stage", { exact: true });
    // The story before moved it to Qualification.
    await picker.selectOption("QUALIFICATION");
    await card(page, "Umbrella menu cards").waitFor();
    expect(await fitsWidth(page)).toBe(true);
    // Only the picked stage's column is on screen.
    expect(await page.locator(".board-column:visible").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Move Umbrella menu cards" }).isVisible()).toBe(false);

    await picker.selectOption("PROPOSAL");
    await card(page, "Northwind catalog relaunch").waitFor();
    expect(await card(page, "Umbrella menu cards").isVisible()).toBe(false);
    await picker.selectOption("QUALIFICATION");

    await page.getByLabel("Move Umbrella menu cards to stage").selectOption("NEGOTIATION");

    // The board follows the deal to its new stage, with focus on it.
    await page.getByText("Moved “Umbrella menu cards” to Negotiation.").waitFor();
    expect(await picker.inputValue()).toBe("NEGOTIATION");
    expect(await card(page, "Umbrella menu cards").isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe("SELECT:Move Umbrella menu cards to stage");
    await page.reload();
    await page.getByLabel("Stage", { exact: true }).selectOption("NEGOTIATION");
    await card(page, "Umbrella menu cards").waitFor();
    expect(await fitsWidth(page)).toBe(true);
  });

  it("has no page-level sideways scroll on any screen; wide tables scroll in their own box", async () => {
    const { page } = await signIn("max@acme.test", PHONE);
    await page.getByLabel("Stage", { exact: true }).selectOption("PROPOSAL");
    expect(await fitsWidth(page)).toBe(true);

    await openRoom(page, "Northwind catalog relaunch");
    await page.getByRole("heading", { name: "Northwind catalog relaunch", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Credit split" }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await unscrollableWideTables(page)).toEqual([]);

    await page.getByRole("link", { name: "Manager", exact: true }).click();
    await page.getByRole("table").filter({ hasText: "Help given" }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await page.locator("table").count()).toBeGreaterThan(0);
    expect(await unscrollableWideTables(page)).toEqual([]);

    await page.getByRole("link", { name: "Partners", exact: true }).click();
    await page.getByRole("heading", { name: "Your self-assessment (SWOT)" }).waitFor();
    await page.getByRole("heading", { name: "Deal registrations" }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("button", { name: "Save assessment" }).waitFor();
    expect(await fitsWidth(page)).toBe(true);

    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("heading", { name: "API tokens" }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(await unscrollableWideTables(page)).toEqual([]);
  });
});

describe("the connection banner", () => {
  it("says the app is offline when the network goes, and goes away when it is back", async () => {
    const { page, context } = await signIn("ana@acme.test");
    await card(page, "Umbrella menu cards").waitFor();
    await expect.poll(() => page.getByTestId("board-summary").textContent()).toContain("Live");
    const banner = page.locator(".connection-status");
    expect(await banner.getAttribute("role")).toBe("status");
    expect(await banner.textContent()).toBe("");

    await context.setOffline(true);
    await banner.getByText("You are offline.").waitFor();
    // The board no longer claims to be live.
    await expect.poll(() => page.getByTestId("board-summary").textContent()).not.toContain("Live");

    await context.setOffline(false);
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toBe("");
    await expect.poll(() => page.getByTestId("board-summary").textContent(), { timeout: 35_000 }).toContain("Live");
  });

  it("clears the room's presence list while offline and shows it again once back", async () => {
    const { page, context } = await signIn("ana@acme.test");
    await openRoom(page, "Northwind catalog relaunch");
    await page.getByText("Here now: Ana Alvarez").waitFor();

    await context.setOffline(true);
    await page.getByText("Offline: who is here shows again once the connection is back.").waitFor();
    expect(await page.getByText(/Here now/).count()).toBe(0);

    await context.setOffline(false);
    await page.getByText("Here now: Ana Alvarez").waitFor({ timeout: 35_000 });
  });
});
