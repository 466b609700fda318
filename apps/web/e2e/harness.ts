import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startCosell } from "./server";
import type { RunningCosell } from "./server";

/** Every demo user's password. */
export const PASSWORD = "cosell-demo";
/** The promise of the product: under two seconds from a write to another person's screen. */
export const LIVE_MS = 2_000;

/** Where stories save screenshots (ignored by git). */
export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));

/** Debian's Chromium as the tests run it: headless, no sandbox (root in CI), no calls home. */
const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/**
 * Presses `key` until `announcement` is in the page (at most three times, two seconds apart). dnd-kit
 * starts listening for a picked-up card's arrow keys a task after the pick-up, so a key that lands
 * in that instant goes nowhere, as it would for a person, who presses it again.
 */
export async function pressUntilAnnounced(page: Page, key: string, announcement: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await page.getByText(announcement).waitFor({ state: "attached", timeout: 2_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** What a file of browser stories shares: one server, one Chromium, a browser context per person. */
export interface BrowserWorld {
  readonly cosell: RunningCosell;
  readonly browser: Browser;
  /** A browser of its own (cookies, storage), closed after the story. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** The contexts the running story opened. */
  readonly contexts: readonly BrowserContext[];
  /** POST /graphql with a bearer token, as a script or partner system would; throws on errors. */
  api<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token?: string): Promise<T>;
  /** A demo user's bearer token and user id (one `login` per person and file). */
  login(email: string): Promise<{ token: string; userId: string }>;
  /** A fresh browser signed in through the sign-in form, as a person does; on the board afterwards. */
  signIn(email: string, options?: BrowserContextOptions & { prepare?: (context: BrowserContext) => Promise<unknown> }): Promise<Page>;
}

/**
 * Registers a file's hooks: starts cosell (on the app built once by global-setup.ts) and Chromium
 * before its stories, closes each story's browsers after it (with a screenshot of each page when it
 * failed, named after `name`), and stops everything after the last.
 */
export function browserWorld(name: string): BrowserWorld {
  let cosell: RunningCosell | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const tokens = new Map<string, { token: string; userId: string }>();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    cosell = await startCosell();
    browser = await chromium.launch(CHROMIUM);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === "fail") {
      let n = 0;
      for (const open of contexts)
        for (const page of open.pages()) await page.screenshot({ path: `${SCREENSHOTS}${name}-failed-${++n}.png` }).catch(() => undefined);
    }
    for (const open of contexts.splice(0)) await open.close().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await cosell?.dispose();
  });

  const world: BrowserWorld = {
    get cosell() {
      if (!cosell) throw new Error("cosell is not running yet (use the world inside a story or hook)");
      return cosell;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not running yet (use the world inside a story or hook)");
      return browser;
    },
    contexts,
    async newContext(options = {}) {
      const context = await world.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      contexts.push(context);
      return context;
    },
    async api<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
      const response = await fetch(`${world.cosell.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown };
      if (body.errors || !body.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    async login(email) {
      const known = tokens.get(email);
      if (known) return known;
      const data = await world.api<{ login: { token: string; user: { id: string } } }>(
        `mutation ($input: LoginInput!) { login(input: $input) { token user { id } } }`,
        { input: { email, password: PASSWORD } },
      );
      const signedIn = { token: data.login.token, userId: data.login.user.id };
      tokens.set(email, signedIn);
      return signedIn;
    },
    async signIn(email, { prepare, ...options } = {}) {
      const context = await world.newContext(options);
      await prepare?.(context);
      const page = await context.newPage();
      await page.goto(world.cosell.url);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Board", level: 1 }).waitFor();
      return page;
    },
  };
  return world;
}

/** A room of Ana's (Acme) with Lee (Pixel) as a writing partner rep; its global id. */
export async function roomWithLee(world: Pick<BrowserWorld, "api" | "login">, title: string): Promise<string> {
  const { api, login } = world;
  const ana = await login("ana@acme.test");
  const lee = await login("lee@pixel.test");
  const { accounts } = await api<{ accounts: { id: string; name: string }[] }>(`{ accounts { id name } }`, {}, ana.token);
  const accountId = accounts.find((a) => a.name === "Umbrella Foods")!.id;
  const { createOpportunity } = await api<{ createOpportunity: { id: string } }>(
    `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
    { input: { accountId, title, amount: { amount: "4000.00", currency: "USD" } } },
    ana.token,
  );
  await api(
    `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { role } }`,
    { input: { opportunityId: createOpportunity.id, userId: lee.userId, role: "PARTNER_REP", access: "WRITE" } },
    ana.token,
  );
  return createOpportunity.id;
}

/** Goes to `path` inside the app, as a click on a link would (no reload: the page keeps its socket). */
export async function navigate(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}
