import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LIVE_MS, SCREENSHOTS, browserWorld, roomWithLee, navigate } from "./harness";

/**
 * Step 3 of the partnering process in the browser: the vendor's rep schedules the pre-opportunity
 * meeting from the room, the partner's rep sees it arrive in the same room and takes the invitation
 * into a calendar, the outline is published, and a manager of each firm signs it, each in a browser
 * of their own.
 */

const world = browserWorld("meetings");

/** A browser of its own signed in as `email`, in the room `opportunityId`. */
async function inRoom(email: string, opportunityId: string): Promise<Page> {
  const page = await world.signIn(email);
  await navigate(page, `/room/${opportunityId}`);
  await page.getByRole("heading", { name: "Meetings", level: 2 }).waitFor();
  return page;
}

/** A local day `days` ahead, as a date input holds it. */
function dayAhead(days: number): string {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

describe("the pre-opportunity meeting and its outline", () => {
  it("Ana schedules the meeting, Lee sees it in the room and downloads the invitation, then Max and Pat sign the outline", async () => {
    const room = await roomWithLee(world, "Umbrella meeting story");
    const lee = await inRoom("lee@pixel.test", room);
    const ana = await inRoom("ana@acme.test", room);

    // Ana schedules it: a week ahead, 45 minutes, with Lee, and an agenda.
    const agenda = "Who designs, who prints; the split";
    await ana.getByRole("button", { name: "Schedule the meeting" }).click();
    const form = ana.getByRole("form", { name: "Schedule the meeting" });
    await form.getByLabel("Date").fill(dayAhead(7));
    await form.getByLabel("Time").fill("10:30");
    await form.getByLabel("Minutes").fill("45");
    await form.getByLabel("Lee Lindqvist (Pixel Studio)").check();
    await form.getByLabel("Agenda").fill(agenda);
    await form.getByRole("button", { name: "Schedule and invite" }).click();
    await ana.getByRole("status").filter({ hasText: "No invitation was e-mailed: share it with Add to calendar (.ics)." }).waitFor();
    await ana.getByRole("list", { name: "Meetings" }).getByText(agenda).waitFor();

    // (This server has no SMTP_URL: no e-mail goes out, and the panel says so rather than promise one.)
    // Lee, in the room all along, sees it arrive live.
    const started = Date.now();
    const leeMeeting = lee.getByRole("list", { name: "Meetings" }).getByRole("listitem").filter({ hasText: agenda });
    await leeMeeting.waitFor({ timeout: LIVE_MS * 2 });
    expect(Date.now() - started).toBeLessThan(LIVE_MS * 2);
    await leeMeeting.getByText("With Lee Lindqvist").waitFor();
    expect(await leeMeeting.getByText(/45 min/).count()).toBe(1);

    // The .ics link works from the browser with Lee's session (no bearer token in a link).
    const href = await leeMeeting.getByRole("link", { name: "Add to calendar (.ics)" }).getAttribute("href");
    expect(href).toMatch(/^\/meetings\/[^/]+\.ics$/);
    const calendar = await lee.evaluate(async (url) => {
      const response = await fetch(url);
      return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
    }, href!);
    expect(calendar).toMatchObject({ status: 200, type: "text/calendar; charset=utf-8" });
    expect(calendar.text).toContain("BEGIN:VCALENDAR");
    expect(calendar.text).toContain("METHOD:REQUEST");
    expect(calendar.text).toContain("lee@pixel.test");

    // After the meeting, Ana publishes the outline.
    await ana.getByRole("button", { name: "Publish the outline" }).click();
    await ana.getByRole("status").filter({ hasText: "Version 1 published" }).waitFor();
    await lee.getByText("Pixel Studio: awaiting signature").waitFor({ timeout: LIVE_MS * 2 });
    // Reps do not sign.
    expect(await ana.getByRole("button", { name: /^Sign for/ }).count()).toBe(0);
    expect(await lee.getByRole("button", { name: /^Sign for/ }).count()).toBe(0);

    // Max signs for Acme and Pat for Pixel, each in a browser of their own.
    const max = await inRoom("max@acme.test", room);
    const pat = await inRoom("pat@pixel.test", room);
    await max.getByRole("button", { name: "Sign for Acme Print" }).click();
    await max.getByRole("status").filter({ hasText: "Signed for Acme Print." }).waitFor();
    await pat.getByText(/Acme Print: signed by Max Meyer/).waitFor({ timeout: LIVE_MS * 2 });
    await pat.getByRole("button", { name: "Sign for Pixel Studio" }).click();
    await pat.getByRole("status").filter({ hasText: "Signed for Pixel Studio." }).waitFor();

    for (const page of [ana, lee, max, pat]) {
      const signatures = page.getByRole("list", { name: "Signatures" });
      await signatures.getByText(/Acme Print: signed by Max Meyer/).waitFor({ timeout: LIVE_MS * 2 });
      await signatures.getByText(/Pixel Studio: signed by Pat Park/).waitFor({ timeout: LIVE_MS * 2 });
      expect(await signatures.getByText(/awaiting signature/).count()).toBe(0);
    }
    expect(await max.getByRole("button", { name: /^Sign for/ }).count()).toBe(0);
    await pat.screenshot({ path: `${SCREENSHOTS}meetings-outline-signed.png`, fullPage: true });

    // The PDF downloads from the room with the session, too.
    const pdfHref = await pat.getByRole("link", { name: "Download PDF" }).getAttribute("href");
    const head = await pat.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, start: String.fromCharCode(...bytes.slice(0, 5)) };
    }, pdfHref!);
    expect(head).toEqual({ status: 200, start: "%PDF-" });
  });
});
