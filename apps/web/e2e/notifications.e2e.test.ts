import type { BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LIVE_MS, browserWorld, roomWithLee, navigate } from "./harness";

/**
 * The notification bell, with people side by side in Chromium: what one does arrives in the
 * other's bell live, in under two seconds, and after their socket dropped once it reconnects.
 */

const world = browserWorld("notifications");
const { api, login } = world;

/** A browser of its own signed in as `email` through the sign-in page, then at `path`. */
async function signedIn(email: string, path: string, prepare?: (context: BrowserContext) => Promise<void>): Promise<Page> {
  const page = await world.signIn(email, prepare ? { prepare } : {});
  if (path !== "/") {
    await navigate(page, path);
  }
  return page;
}

const bell = (page: Page) => page.getByRole("button", { name: /^Notifications/ });

/** The unread count the bell announces. */
async function unread(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

/** Waits until the bell announces `count` unread, and says how long that took. */
async function bellShows(page: Page, count: number, timeout: number): Promise<number> {
  const started = Date.now();
  await page
    .getByRole("button", { name: count === 0 ? "Notifications" : `Notifications, ${count} unread`, exact: true })
    .waitFor({ timeout });
  return Date.now() - started;
}

/** Lee's board is live: the socket is acknowledged, so the bell's subscription is on its way. */
const liveMark = (page: Page) => page.locator(".board-summary", { hasText: "Live" });
const live = (page: Page) => liveMark(page).waitFor();

/**
 * A connection that can be cut: Chromium's offline emulation leaves open WebSockets alone
 * (playwright#4910), so the socket is cut at the route, closed with 1012 (service restart, which the
 * client retries), and refused while down.
 */
function droppable() {
  let down = false;
  const open: WebSocketRoute[] = [];
  return {
    route: (context: BrowserContext) =>
      context.routeWebSocket(/\/graphql$/, (socket) => {
        if (down) return void socket.close({ code: 1012, reason: "down" });
        open.push(socket);
        socket.connectToServer();
      }),
    async drop() {
      down = true;
      for (const socket of open.splice(0)) await socket.close({ code: 1012, reason: "dropped" });
    },
    restore() {
      down = false;
    },
  };
}

describe("the notification bell", () => {
  it("shows a mention, a help request, a commitment and a split to approve in the other person's bell in under two seconds", async () => {
    const room = await roomWithLee(world, "Umbrella window stickers");
    const [ana, lee, pat] = await Promise.all([
      signedIn("ana@acme.test", `/room/${room}`),
      signedIn("lee@pixel.test", "/"),
      signedIn("pat@pixel.test", "/"),
    ]);
    await Promise.all([live(lee), live(pat)]);
    const composer = ana.getByLabel("What happened?");
    await composer.waitFor();
    let leeUnread = await unread(lee);

    // A mention, chosen from the room's members with the keyboard.
    await composer.fill("Stickers are printed, @Le");
    await ana.getByRole("option", { name: "Lee Lindqvist" }).waitFor();
    await composer.press("Enter");
    await composer.pressSequentially("please check the colours");
    expect(await composer.inputValue()).toBe("Stickers are printed, @Lee Lindqvist please check the colours");
    let posted = Date.now();
    await ana.getByRole("button", { name: "Post" }).click();
    await bellShows(lee, ++leeUnread, LIVE_MS);
    expect(Date.now() - posted).toBeLessThan(LIVE_MS);

    // A help request addressed to Lee's firm.
    await ana.getByLabel("Kind").selectOption({ label: "Help request" });
    await ana.getByLabel("Ask", { exact: true }).selectOption({ label: "Ask Pixel Studio" });
    await composer.fill("Who knows Umbrella's brand colours?");
    posted = Date.now();
    await ana.getByRole("button", { name: "Post" }).click();
    await bellShows(lee, ++leeUnread, LIVE_MS);
    expect(Date.now() - posted).toBeLessThan(LIVE_MS);

    // A commitment proposed to Lee.
    await ana.getByRole("button", { name: "Add commitment" }).click();
    await ana.getByLabel("What", { exact: true }).fill("Sticker proofs");
    await ana.getByLabel("Who", { exact: true }).selectOption({ label: "Lee Lindqvist (Pixel Studio)" });
    posted = Date.now();
    await ana.getByRole("button", { name: "Add", exact: true }).click();
    await bellShows(lee, ++leeUnread, LIVE_MS);
    expect(Date.now() - posted).toBeLessThan(LIVE_MS);

    // A split that needs Pixel's approval: Pat, Pixel's manager, is told.
    const patUnread = await unread(pat);
    const { token, userId: anaId } = await login("ana@acme.test");
    posted = Date.now();
    await api(
      `mutation ($input: ProposeSplitInput!) { proposeSplit(input: $input) { id } }`,
      {
        input: {
          opportunityId: room,
          lines: [
            { userId: anaId, basisPoints: 7000, type: "REVENUE" },
            { userId: (await login("lee@pixel.test")).userId, basisPoints: 3000, type: "REVENUE" },
          ],
        },
      },
      token,
    );
    await bellShows(pat, patUnread + 1, LIVE_MS);
    expect(Date.now() - posted).toBeLessThan(LIVE_MS);

    // Lee opens the inbox: the mention links to its room and is read once opened.
    await bell(lee).click();
    const mention = lee.getByRole("link", { name: /Ana Alvarez mentioned you on “Umbrella window stickers”/ });
    expect(await mention.getAttribute("href")).toBe(`/room/${room}`);
    await mention.click();
    await lee.getByRole("heading", { name: "Umbrella window stickers" }).waitFor();
    await bellShows(lee, leeUnread - 1, LIVE_MS);
    // And from the keyboard: the bell opens the inbox, Escape closes it.
    await bell(lee).focus();
    await lee.keyboard.press("Enter");
    await lee.getByRole("region", { name: "Notifications" }).waitFor();
    await lee.keyboard.press("Escape");
    await lee.getByRole("region", { name: "Notifications" }).waitFor({ state: "hidden" });
  });

  it("brings what arrived while the socket was down once it reconnects", async () => {
    const room = await roomWithLee(world, "Umbrella shelf talkers");
    const [leeLine, patLine] = [droppable(), droppable()];
    const [lee, pat] = await Promise.all([signedIn("lee@pixel.test", "/", leeLine.route), signedIn("pat@pixel.test", "/", patLine.route)]);
    await Promise.all([live(lee), live(pat)]);
    const [leeBefore, patBefore] = [await unread(lee), await unread(pat)];

    await Promise.all([leeLine.drop(), patLine.drop()]);
    await Promise.all([liveMark(lee).waitFor({ state: "hidden" }), liveMark(pat).waitFor({ state: "hidden" })]);
    const ana = await login("ana@acme.test");
    const leeId = (await login("lee@pixel.test")).userId;
    const log = (kind: string, body: string, mentions: string[] = []) =>
      api(
        `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`,
        { input: { opportunityId: room, kind, body, mentions } },
        ana.token,
      );
    await log("NOTE", "@Lee Lindqvist while you were away", [leeId]);
    await log("HELP_REQUEST", "Who has the shelf sizes?");
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await api(
      `mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { id } }`,
      { input: { opportunityId: room, assigneeId: leeId, title: "Shelf talker copy", dueAt } },
      ana.token,
    );
    await api(
      `mutation ($input: ProposeSplitInput!) { proposeSplit(input: $input) { id } }`,
      {
        input: {
          opportunityId: room,
          lines: [
            { userId: ana.userId, basisPoints: 6000, type: "REVENUE" },
            { userId: leeId, basisPoints: 4000, type: "REVENUE" },
          ],
        },
      },
      ana.token,
    );
    expect([await unread(lee), await unread(pat)]).toEqual([leeBefore, patBefore]);

    leeLine.restore();
    patLine.restore();
    // The client retries after about 1, 2, 4 … s with jitter: well within 15 s after a short outage.
    await Promise.all([bellShows(lee, leeBefore + 3, 15_000), bellShows(pat, patBefore + 1, 15_000)]);
    await bell(lee).click();
    for (const text of [/while you were away/, /asks for help on “Umbrella shelf talkers”/, /asks you to commit to “Shelf talker copy”/])
      await lee.getByRole("link", { name: text }).waitFor();
    await bell(pat).click();
    await pat.getByRole("link", { name: /proposed a credit split on “Umbrella shelf talkers”/ }).waitFor();
  });
});
