import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LIVE_MS, SCREENSHOTS, browserWorld } from "./harness";

/**
 * The board stays live for everything (boardChanged): two or three people side by side, each in a
 * browser of their own, see a deal created, edited, shared, moved, won and unshared elsewhere on
 * their open board within two seconds, without a reload; and one whose connection dropped sees
 * what happened meanwhile once it is back. Writes go through the API, as a partner system's would.
 */

const world = browserWorld("board-live");
const { api, login } = world;

/**
 * Runs in the page before the app: a switch that cuts the page's WebSockets as a network drop does
 * (Chromium's offline emulation leaves open sockets alone), and keeps new ones from connecting
 * until it is switched back. The app's own reconnect logic then runs as it would in the field.
 */
function cutOffSwitch(): void {
  const Native = window.WebSocket;
  const open = new Set<WebSocket>();
  let cut = false;
  class Switched extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      // Nothing listens on port 9 here: the attempt fails as an unreachable server's would.
      super(cut ? "ws://127.0.0.1:9/" : url, protocols);
      open.add(this);
      this.addEventListener("close", () => open.delete(this));
    }
  }
  window.WebSocket = Switched;
  (window as unknown as { network: { cut(): void; restore(): void } }).network = {
    cut() {
      cut = true;
      for (const socket of open) socket.close(4000, "network dropped");
    },
    restore() {
      cut = false;
    },
  };
}

/** Cuts the page off the server (sockets and HTTP), or lets it back. */
async function setCutOff(page: Page, cut: boolean): Promise<void> {
  await page.context().setOffline(cut);
  await page.evaluate((cut) => {
    const network = (window as unknown as { network: { cut(): void; restore(): void } }).network;
    if (cut) network.cut();
    else network.restore();
  }, cut);
}

/** A browser of its own signed in as `email` (through the sign-in form, as a person does) at `path`. */
async function browserOf(email: string, path = "/"): Promise<Page> {
  const page = await world.signIn(email, {
    viewport: { width: 1400, height: 900 },
    prepare: (context) => context.addInitScript(cutOffSwitch),
  });
  if (path !== "/") {
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: path === "/manager" ? "Manager" : path })
      .click();
  }
  return page;
}

/** The board is connected (its "Live" mark shows only while the socket is up). */
const liveMark = (page: Page) => page.locator(".board-summary", { hasText: /\bLive\b/ });
const boardIsLive = (page: Page) => liveMark(page).waitFor();

const column = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true });
const card = (page: Page, title: string) => page.locator("li.deal-card", { has: page.getByRole("link", { name: title, exact: true }) });
/** Resolves once the card shows in that column, within LIVE_MS of being asked. */
const showsIn = (page: Page, stage: string, title: string) =>
  column(page, stage)
    .locator("li.deal-card", { has: page.getByRole("link", { name: title, exact: true }) })
    .waitFor({ timeout: LIVE_MS });

const CREATE = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id version } }`;
const UPDATE = `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { id version } }`;
const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id version } }`;
const ADD = `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { role } }`;
const REMOVE = `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`;

async function createDeal(email: string, title: string, amount: string): Promise<{ id: string; version: number }> {
  const { token } = await login(email);
  const accounts = await api<{ accounts: { id: string; name: string }[] }>(`{ accounts { id name } }`, {}, token);
  const accountId = accounts.accounts.find((a) => a.name === "Umbrella Foods")!.id;
  const data = await api<{ createOpportunity: { id: string; version: number } }>(
    CREATE,
    { input: { accountId, title, amount: { amount, currency: "USD" } } },
    token,
  );
  return data.createOpportunity;
}

/** The board's header: "N open deals · $total". */
const summary = (page: Page) => page.locator(".board-summary").textContent();

describe("the board stays live for everything", () => {
  it("create, edit, share, move, win and unshare each show on the others' open boards within two seconds", async () => {
    const [ana, lee, max] = await Promise.all([
      browserOf("ana@acme.test"),
      browserOf("lee@pixel.test"),
      browserOf("max@acme.test", "/manager"),
    ]);
    await Promise.all([boardIsLive(ana), boardIsLive(lee)]);
    await max.getByRole("region", { name: "Stage changes" }).getByText("Live", { exact: true }).waitFor();
    const prospectingDeals = async () =>
      Number(
        await max
          .getByRole("table", { name: /Open pipeline by stage/ })
          .getByRole("row", { name: /Prospecting/ })
          .getByRole("cell")
          .first()
          .textContent(),
      );
    const maxBefore = await prospectingDeals();
    const anaBefore = await summary(ana);
    const title = `Live banner run ${Date.now() % 100_000}`;
    const anaToken = (await login("ana@acme.test")).token;
    const maxToken = (await login("max@acme.test")).token;

    // Created elsewhere: on Ana's open board, with the header totals, and in Max's pipeline.
    let deal = await createDeal("ana@acme.test", title, "1000.00");
    await showsIn(ana, "Prospecting", title);
    await expect.poll(() => summary(ana), { timeout: LIVE_MS }).not.toBe(anaBefore);
    await expect.poll(prospectingDeals, { timeout: LIVE_MS }).toBe(maxBefore + 1);
    expect(await card(lee, title).count()).toBe(0);

    // Ana also has the new deal's room open in another tab (a click on its card, as she would).
    const anaRoom = await ana.context().newPage();
    await anaRoom.goto(new URL(`/room/${encodeURIComponent(deal.id)}`, world.cosell.url).toString());
    await anaRoom.getByRole("heading", { name: title, level: 1 }).waitFor();

    // Edited: the new title and amount on Ana's board and in the room's header.
    const renamed = `${title} (renamed)`;
    deal = (
      await api<{ updateOpportunity: typeof deal }>(
        UPDATE,
        { input: { id: deal.id, expectedVersion: deal.version, title: renamed, amount: { amount: "7777.00", currency: "USD" } } },
        anaToken,
      )
    ).updateOpportunity;
    await showsIn(ana, "Prospecting", renamed);
    await card(ana, renamed).getByText("$7,777.00").waitFor({ timeout: LIVE_MS });
    await anaRoom.getByRole("heading", { name: renamed, level: 1 }).waitFor({ timeout: LIVE_MS });
    await anaRoom.locator(".room-amount", { hasText: "$7,777.00" }).waitFor({ timeout: LIVE_MS });

    // Shared: Ana adds Lee, and the deal arrives on Lee's open board.
    await api(
      ADD,
      { input: { opportunityId: deal.id, userId: (await login("lee@pixel.test")).userId, role: "PARTNER_REP", access: "READ" } },
      anaToken,
    );
    await showsIn(lee, "Prospecting", renamed);

    // Moved: on both boards.
    deal = (
      await api<{ moveOpportunityStage: typeof deal }>(
        MOVE,
        { input: { id: deal.id, stage: "QUALIFICATION", expectedVersion: deal.version } },
        anaToken,
      )
    ).moveOpportunityStage;
    await Promise.all([showsIn(lee, "Qualification", renamed), showsIn(ana, "Qualification", renamed)]);

    // Edited again: Lee sees the new amount.
    deal = (
      await api<{ updateOpportunity: typeof deal }>(
        UPDATE,
        { input: { id: deal.id, expectedVersion: deal.version, amount: { amount: "8800.00", currency: "USD" } } },
        anaToken,
      )
    ).updateOpportunity;
    await card(lee, renamed).getByText("$8,800.00").waitFor({ timeout: LIVE_MS });

    // Won (by Acme's manager): both boards show it won.
    deal = (
      await api<{ moveOpportunityStage: typeof deal }>(
        MOVE,
        { input: { id: deal.id, stage: "CLOSED_WON", expectedVersion: deal.version } },
        maxToken,
      )
    ).moveOpportunityStage;
    await Promise.all([showsIn(lee, "Closed won", renamed), showsIn(ana, "Closed won", renamed)]);

    // Unshared: Lee is removed from the room, and the deal leaves his board.
    await api(REMOVE, { input: { opportunityId: deal.id, userId: (await login("lee@pixel.test")).userId } }, anaToken);
    await card(lee, renamed).waitFor({ state: "detached", timeout: LIVE_MS });
    expect(await card(ana, renamed).count()).toBe(1);
    await lee.screenshot({ path: `${SCREENSHOTS}board-live-lee.png` });
  });

  it("a partner rep's open registrations list shows the vendor's approval within two seconds, and the deal is on his board", async () => {
    const sam = await browserOf("sam@paperworks.test");
    const samToken = (await login("sam@paperworks.test")).token;
    const maxToken = (await login("max@acme.test")).token;
    const acme = (await api<{ viewer: { organization: { id: string } } }>(`{ viewer { organization { id } } }`, {}, maxToken)).viewer
      .organization.id;
    const title = `Registered live ${Date.now() % 100_000}`;
    const registered = await api<{ registerDeal: { id: string } }>(
      `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id } }`,
      {
        input: {
          vendorOrganizationId: acme,
          accountName: "Harbor Cafe",
          accountDomain: `harbor${Date.now() % 100_000}.example`,
          title,
          amount: { amount: "640.00", currency: "USD" },
        },
      },
      samToken,
    );
    await sam.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
    const item = sam.locator("li.entity", { hasText: title });
    await item.getByText("Pending review", { exact: true }).waitFor();

    await api(
      `mutation ($input: ReviewDealRegistrationInput!) { reviewDealRegistration(input: $input) { status } }`,
      { input: { id: registered.registerDeal.id, decision: "APPROVE" } },
      maxToken,
    );
    await item.getByText("Approved", { exact: true }).waitFor({ timeout: LIVE_MS });
    await sam.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Board" }).click();
    await card(sam, title).waitFor();
  });

  it("a board whose connection dropped shows what happened meanwhile once it is back", async () => {
    const lee = await browserOf("lee@pixel.test");
    await boardIsLive(lee);
    const anaToken = (await login("ana@acme.test")).token;
    const leeId = (await login("lee@pixel.test")).userId;

    await setCutOff(lee, true);
    // The app marks the board offline once its socket is gone.
    await liveMark(lee).waitFor({ state: "detached", timeout: 10_000 });

    const title = `While offline ${Date.now() % 100_000}`;
    const deal = await createDeal("ana@acme.test", title, "500.00");
    await api(ADD, { input: { opportunityId: deal.id, userId: leeId, role: "PARTNER_REP", access: "READ" } }, anaToken);
    await api(MOVE, { input: { id: deal.id, stage: "PROPOSAL", expectedVersion: deal.version } }, anaToken);
    expect(await card(lee, title).count()).toBe(0);

    await setCutOff(lee, false);
    // graphql-ws retries after 1 s, 2 s, 4 s … (with jitter): back within a few retries, then the feed replays.
    await boardIsLive(lee);
    await showsIn(lee, "Proposal", title);
  });
});
