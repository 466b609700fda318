import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ical from "node-ical";
import type { VEvent } from "node-ical";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import {
  ACCEPT_COMMITMENT,
  ADD_COMMITMENT,
  NODE,
  countRows,
  inDays,
  openRoom,
  randomGlobalId,
  roomKinds,
  signInDemoPeople,
} from "./helpers.js";
import { startMailCatcher } from "./mail-catcher.js";
import type { CaughtMail, MailCatcher } from "./mail-catcher.js";
import { until } from "./ws.js";

const PUBLIC_URL = "https://cosell.example";
/** pdf.js reads the standard fonts' metrics from here to lay text out. */
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

const SCHEDULE = `mutation ($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) {
  id startsAt endsAt durationMinutes agenda sequence icsUrl createdAt cancelledAt invitationsEmailed
  organizer { name } attendees { id name } opportunity { id } } }`;
const RESCHEDULE = `mutation ($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { id startsAt durationMinutes sequence invitationsEmailed } }`;
const CANCEL = `mutation ($input: CancelMeetingInput!) { cancelMeeting(input: $input) { id sequence cancelledAt } }`;
const MEETINGS = `query ($id: ID!) { opportunity(id: $id) { meetings { id agenda attendees { name } } } }`;
const PUBLISH = `mutation ($input: PublishOutlineInput!) { publishOutline(input: $input) { ...O } }`;
const SIGN = `mutation ($input: SignOutlineInput!) { signOutline(input: $input) { ...O } }`;
const OUTLINE_FIELDS = `fragment O on Outline {
  id version publishedAt publishedBy { name } markdownUrl pdfUrl superseded viewerCanSign
  signatures { organization { name } signedBy { name } signedAt }
  awaitingSignatureFrom { name }
  content {
    dealTitle accountName stage amount { amount currency }
    firms { name owner agreementScope commitments { title assigneeName dueAt status } }
    split { revision lines { userName organizationName basisPoints type } }
    meeting { startsAt durationMinutes agenda }
  } }`;

let t: TestServer;
let mail: MailCatcher;
let tokens: Record<string, string>;
let ids: Record<string, string>;
let room: string;

beforeAll(async () => {
  mail = await startMailCatcher();
  t = await startTestServer({ smtpUrl: mail.url, publicUrl: PUBLIC_URL });
  ({ tokens, ids } = await signInDemoPeople(t, ["ana", "max", "lee", "pat", "sam", "pia", "gus"]));
  room = await openRoom(t, {
    title: "Umbrella loyalty cards",
    members: [
      ["lee@pixel.test", "PARTNER_REP", "WRITE"],
      ["sam@paperworks.test", "PARTNER_REP", "READ"],
    ],
  });
});
afterAll(async () => {
  await t?.close();
  await mail?.close();
});

/** GET a document of the API (its absolute URL names the public address; the server is on t.url). */
async function download(url: string, token?: string): Promise<Response> {
  const { pathname } = new URL(url);
  return fetch(`${t.url}${pathname}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const schedule = (input: Record<string, unknown>, token = tokens.ana!) =>
  t.gql(SCHEDULE, { input: { opportunityId: room, startsAt: inDays(2), durationMinutes: 45, agenda: "Plan", ...input } }, token);

const eventOf = (calendar: string): VEvent & { method?: string } => {
  const events = Object.values(ical.sync.parseICS(calendar)).filter((c) => c?.type === "VEVENT");
  expect(events).toHaveLength(1);
  return events[0] as VEvent & { method?: string };
};

/** `{ email, name }` of each ATTENDEE (node-ical gives one object, or an array for several). */
function attendeesOf(event: VEvent): { email: string; name: unknown; role: unknown }[] {
  const raw = (Array.isArray(event.attendee) ? event.attendee : [event.attendee]) as unknown as {
    val: string;
    params: Record<string, unknown>;
  }[];
  return raw.map((a) => ({ email: a.val.replace(/^mailto:/i, ""), name: a.params.CN, role: a.params.ROLE }));
}

/** The calendar part of an invitation e-mail, as text. */
function calendarPart(caught: CaughtMail): string {
  const part = caught.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(part, `no text/calendar part in ${JSON.stringify(caught.attachments.map((a) => a.contentType))}`).toBeDefined();
  return part!.content.toString("utf8");
}

const mailTo = async (email: string, subject: RegExp): Promise<CaughtMail> => {
  await until(
    () => mail.mails.some((m) => m.to.includes(email) && subject.test(m.subject)),
    10_000,
    () => `for a mail to ${email} matching ${subject}: ${JSON.stringify(mail.mails.map((m) => [m.to, m.subject]))}`,
  );
  return mail.mails.filter((m) => m.to.includes(email) && subject.test(m.subject)).at(-1)!;
};

describe("the pre-opportunity meeting", () => {
  // A month ahead, written with an offset: stored and sent as UTC.
  const day = (days: number) => inDays(days).slice(0, 10);
  const startsAt = `${day(30)}T15:30:00+01:00`;
  const startsAtUtc = `${day(30)}T14:30:00.000Z`;
  const endsAtUtc = `${day(30)}T16:00:00.000Z`;
  const movedTo = `${day(31)}T09:00:00.000Z`;
  const agenda = "Who prints, who designs, who supplies paper; the split; next steps.\nBring samples, please.";
  let meeting: { id: string; icsUrl: string; startsAt: string; attendees: { name: string }[] };

  it("Ana schedules it from the room; the .ics served with her bearer token is the meeting", async () => {
    const scheduled = await schedule({ startsAt, durationMinutes: 90, agenda, attendeeIds: [ids.lee, ids.sam, ids.lee] });
    expect(scheduled.errors).toBeUndefined();
    meeting = scheduled.data!.scheduleMeeting;
    expect(scheduled.data!.scheduleMeeting).toMatchObject({
      startsAt: startsAtUtc,
      endsAt: endsAtUtc,
      durationMinutes: 90,
      agenda,
      sequence: 0,
      cancelledAt: null,
      invitationsEmailed: 2, // the mail server took both invitations before the answer
      organizer: { name: "Ana Alvarez" },
      attendees: [{ name: "Lee Lindqvist" }, { name: "Sam Sato" }],
      opportunity: { id: room },
    });
    expect(meeting.icsUrl).toBe(`${PUBLIC_URL}/meetings/${meeting.id}.ics`);

    const response = await download(meeting.icsUrl, tokens.ana);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const event = eventOf(text);
    expect(event.method).toBe("REQUEST");
    expect(new Date(event.start).toISOString()).toBe(startsAtUtc);
    expect(new Date(event.end!).toISOString()).toBe(endsAtUtc);
    expect(event.uid).toContain("@cosell.example");
    expect(Number(event.sequence)).toBe(0);
    expect(event.summary).toBe("Meeting: Umbrella loyalty cards");
    const organizer = event.organizer as unknown as { val: string; params: { CN: string } };
    expect(organizer.val.toLowerCase()).toBe("mailto:ana@acme.test");
    expect(organizer.params.CN).toBe("Ana Alvarez");
    expect(attendeesOf(event)).toEqual([
      { email: "lee@pixel.test", name: "Lee Lindqvist", role: "REQ-PARTICIPANT" },
      { email: "sam@paperworks.test", name: "Sam Sato", role: "REQ-PARTICIPANT" },
    ]);
    const description = String(event.description);
    expect(description).toContain(agenda);
    expect(description).toContain(`${PUBLIC_URL}/room/${room}`);
    expect((event.url as unknown as { val: string }).val ?? event.url).toBe(`${PUBLIC_URL}/room/${room}`);

    // The room's log records it; every member sees it in the room.
    expect((await roomKinds(t, room)).at(-1)).toBe("MEETING_SCHEDULED");
    const seen = await t.gql(MEETINGS, { id: room }, tokens.sam);
    expect(seen.data!.opportunity.meetings).toEqual([
      { id: meeting.id, agenda, attendees: [{ name: "Lee Lindqvist" }, { name: "Sam Sato" }] },
    ]);
  });

  it("each attendee gets the invitation by e-mail, with a calendar part a real iCalendar parser reads", async () => {
    for (const [email, name] of [
      ["lee@pixel.test", "Lee Lindqvist"],
      ["sam@paperworks.test", "Sam Sato"],
    ] as const) {
      const caught = await mailTo(email, /^Invitation: Meeting: Umbrella loyalty cards/);
      expect(caught.text).toContain("Bring samples, please.");
      expect(caught.text).toContain(`${PUBLIC_URL}/room/${room}`);
      const event = eventOf(calendarPart(caught));
      expect(event.method).toBe("REQUEST");
      expect(new Date(event.start).toISOString()).toBe(startsAtUtc);
      expect(attendeesOf(event).map((a) => a.email)).toEqual(["lee@pixel.test", "sam@paperworks.test"]);
      expect(attendeesOf(event).find((a) => a.email === email)?.name).toBe(name);
    }
    // Only attendees are invited.
    expect(mail.mails.filter((m) => m.to.includes("ana@acme.test"))).toEqual([]);
  });

  it("moving it bumps SEQUENCE and sends the update; calling it off sends METHOD:CANCEL", async () => {
    const moved = await t.gql(RESCHEDULE, { input: { id: meeting.id, startsAt: movedTo } }, tokens.ana);
    expect(moved.data!.rescheduleMeeting).toMatchObject({ startsAt: movedTo, durationMinutes: 90, sequence: 1, invitationsEmailed: 2 });
    const update = eventOf(calendarPart(await mailTo("lee@pixel.test", /^Updated invitation/)));
    expect(Number(update.sequence)).toBe(1);
    expect(new Date(update.start).toISOString()).toBe(movedTo);

    // A partner rep who did not organize it may not move it.
    expect(codeOf(await t.gql(RESCHEDULE, { input: { id: meeting.id, startsAt: inDays(5) } }, tokens.lee))).toBe("FORBIDDEN");

    const off = await t.gql(CANCEL, { input: { id: meeting.id } }, tokens.ana);
    expect(off.data!.cancelMeeting).toMatchObject({ sequence: 2 });
    expect(off.data!.cancelMeeting.cancelledAt).toEqual(expect.any(String));
    const cancelled = eventOf(calendarPart(await mailTo("sam@paperworks.test", /^Cancelled/)));
    expect(cancelled.method).toBe("CANCEL");
    expect(cancelled.status).toBe("CANCELLED");
    expect(Number(cancelled.sequence)).toBe(2);
    expect(eventOf(await (await download(meeting.icsUrl, tokens.lee)).text()).method).toBe("CANCEL");

    const again = await t.gql(CANCEL, { input: { id: meeting.id } }, tokens.ana);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "MEETING_CANCELLED" });
    expect((await roomKinds(t, room)).slice(-2)).toEqual(["MEETING_RESCHEDULED", "MEETING_CANCELLED"]);
  });

  it("only members of the room are invited, and the refusal never tells who exists", async () => {
    const before = await countRows(t, "meeting");
    const refusals = [
      await schedule({ attendeeIds: [ids.lee, ids.pat] }), // Pixel's manager: a real person, not in the room
      await schedule({ attendeeIds: [ids.gus] }), // another firm entirely
      await schedule({ attendeeIds: [randomGlobalId("User")] }), // nobody
      await schedule({ attendeeIds: ["not an id"] }),
    ];
    for (const refused of refusals) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "attendeeIds", reason: "NOT_A_ROOM_MEMBER" });
    }
    expect(new Set(refusals.map((r) => r.errors?.[0]?.message)).size).toBe(1);
    expect(await countRows(t, "meeting")).toBe(before);
    expect(await countRows(t, "meeting_attendee", "meeting_id NOT IN (SELECT id FROM meeting)")).toBe(0);
  });

  it("refuses a start in the past, a length outside 5..480 minutes, an empty agenda and a read-only member", async () => {
    const field = (r: Awaited<ReturnType<typeof schedule>>) => [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.extensions?.field];
    expect(field(await schedule({ startsAt: new Date(Date.now() - 60_000).toISOString(), attendeeIds: [ids.lee] }))).toEqual([
      "BAD_USER_INPUT",
      "startsAt",
    ]);
    expect(field(await schedule({ startsAt: startsAt.replace("+01:00", ""), attendeeIds: [ids.lee] }))).toEqual([
      "BAD_USER_INPUT",
      "startsAt",
    ]);
    expect(field(await schedule({ durationMinutes: 4, attendeeIds: [ids.lee] }))).toEqual(["BAD_USER_INPUT", "durationMinutes"]);
    expect(field(await schedule({ durationMinutes: 481, attendeeIds: [ids.lee] }))).toEqual(["BAD_USER_INPUT", "durationMinutes"]);
    expect(field(await schedule({ agenda: "   ", attendeeIds: [ids.lee] }))).toEqual(["BAD_USER_INPUT", "agenda"]);
    expect(field(await schedule({ agenda: "x".repeat(4001), attendeeIds: [ids.lee] }))).toEqual(["BAD_USER_INPUT", "agenda"]);
    expect(field(await schedule({ attendeeIds: [] }))).toEqual(["BAD_USER_INPUT", "attendeeIds"]);
    expect(codeOf(await schedule({ attendeeIds: [ids.lee] }, tokens.sam))).toBe("FORBIDDEN");
  });

  it("another firm sees no meeting: NOT_FOUND in the API, 404 for the .ics, 401 without a token", async () => {
    const kept = await schedule({ attendeeIds: [ids.lee], agenda: "Kept meeting" });
    const { id, icsUrl } = kept.data!.scheduleMeeting as { id: string; icsUrl: string };
    expect(codeOf(await t.gql(NODE, { id }, tokens.gus))).toBe("NOT_FOUND");
    expect(codeOf(await t.gql(CANCEL, { input: { id } }, tokens.gus))).toBe("NOT_FOUND");
    expect(codeOf(await schedule({ attendeeIds: [ids.lee] }, tokens.gus))).toBe("NOT_FOUND");
    const hidden = await download(icsUrl, tokens.gus);
    expect(hidden.status).toBe(404);
    const missing = await download(`${PUBLIC_URL}/meetings/${randomGlobalId("Meeting")}.ics`, tokens.ana);
    expect(missing.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    expect((await download(icsUrl)).status).toBe(401);
    // A manager of a firm in the room reads it like its members.
    expect((await download(icsUrl, tokens.pia)).status).toBe(200);
  });
});

describe("the published outline", () => {
  let outline: Record<string, any>;

  beforeAll(async () => {
    // Lee takes the artwork (accepted); Sam is asked but has not answered, so it is not in the outline.
    const artwork = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.lee, title: "Loyalty card artwork", dueAt: "2030-04-01T12:00:00Z" } },
      tokens.ana,
    );
    await t.gql(ACCEPT_COMMITMENT, { input: { id: artwork.data!.addCommitment.id } }, tokens.lee);
    await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.sam, title: "Paper samples", dueAt: "2030-04-02T12:00:00Z" } },
      tokens.ana,
    );
    await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.ana, title: "Print run quote", dueAt: "2030-03-20T12:00:00Z" } },
      tokens.ana,
    );
    const proposed = await t.gql(
      `mutation ($input: ProposeSplitInput!) { proposeSplit(input: $input) { id } }`,
      {
        input: {
          opportunityId: room,
          lines: [
            { userId: ids.ana, basisPoints: 7000, type: "REVENUE" },
            { userId: ids.lee, basisPoints: 3000, type: "REVENUE" },
          ],
        },
      },
      tokens.ana,
    );
    const splitId = proposed.data!.proposeSplit.id;
    for (const manager of ["max", "pat"]) {
      const approved = await t.gql(
        `mutation ($input: ApproveSplitInput!) { approveSplit(input: $input) { status } }`,
        { input: { splitId } },
        tokens[manager],
      );
      expect(approved.errors).toBeUndefined();
    }
  });

  it("publishing snapshots each firm's accepted commitments, the agreed split and the agreement scopes", async () => {
    const published = await t.gql(`${PUBLISH} ${OUTLINE_FIELDS}`, { input: { opportunityId: room } }, tokens.ana);
    expect(published.errors).toBeUndefined();
    outline = published.data!.publishOutline;
    // The scopes of the demo world's agreements in force (seed/demo.ts), point by point.
    const scopes: Record<string, string> = {
      "Pixel Studio":
        "Accounts: Retail and consumer-goods accounts of either firm; Regions: Germany, Austria and Switzerland; Products: Print campaigns with design: catalogs, packaging, point-of-sale",
      Paperworks:
        "Accounts: All accounts buying premium print runs; Regions: European Union; Products: Specialty and recycled paper for premium print runs",
    };
    const scopeOf = (name: string) => scopes[name]!;
    expect(outline).toMatchObject({
      version: 1,
      publishedBy: { name: "Ana Alvarez" },
      superseded: false,
      viewerCanSign: false, // Ana is a rep
      signatures: [],
      awaitingSignatureFrom: [{ name: "Acme Print" }, { name: "Paperworks" }, { name: "Pixel Studio" }],
      markdownUrl: `${PUBLIC_URL}/outlines/${outline.id}.md`,
      pdfUrl: `${PUBLIC_URL}/outlines/${outline.id}.pdf`,
    });
    expect(outline.content).toEqual({
      dealTitle: "Umbrella loyalty cards",
      accountName: "Umbrella Foods",
      stage: "PROSPECTING",
      amount: { amount: "1000.00", currency: "USD" },
      firms: [
        {
          name: "Acme Print",
          owner: true,
          agreementScope: null,
          commitments: [{ title: "Print run quote", assigneeName: "Ana Alvarez", dueAt: "2030-03-20T12:00:00.000Z", status: "OPEN" }],
        },
        { name: "Paperworks", owner: false, agreementScope: scopeOf("Paperworks"), commitments: [] },
        {
          name: "Pixel Studio",
          owner: false,
          agreementScope: scopeOf("Pixel Studio"),
          commitments: [
            { title: "Loyalty card artwork", assigneeName: "Lee Lindqvist", dueAt: "2030-04-01T12:00:00.000Z", status: "OPEN" },
          ],
        },
      ],
      split: {
        revision: 1,
        lines: [
          { userName: "Ana Alvarez", organizationName: "Acme Print", basisPoints: 7000, type: "REVENUE" },
          { userName: "Lee Lindqvist", organizationName: "Pixel Studio", basisPoints: 3000, type: "REVENUE" },
        ],
      },
      meeting: { startsAt: expect.any(String), durationMinutes: 45, agenda: "Kept meeting" },
    });
    expect((await roomKinds(t, room)).at(-1)).toBe("OUTLINE_PUBLISHED");
    // Each firm's managers are asked to sign; reps are not.
    const inbox = async (who: string) =>
      (await t.gql(`{ notifications(first: 5) { edges { node { kind text url } } } }`, {}, tokens[who])).data!.notifications.edges.map(
        (e: { node: unknown }) => e.node,
      );
    for (const manager of ["max", "pat", "pia"]) {
      expect(await inbox(manager)).toContainEqual({
        kind: "OUTLINE_AWAITING_SIGNATURE",
        text: "Ana Alvarez published version 1 of the outline of “Umbrella loyalty cards”: sign it for your firm",
        url: `/room/${room}`,
      });
    }
    expect((await inbox("lee")).map((n: { kind: string }) => n.kind)).not.toContain("OUTLINE_AWAITING_SIGNATURE");
  });

  it("the Markdown and the PDF say the same, to room members only", async () => {
    const markdown = await download(outline.markdownUrl, tokens.lee);
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await markdown.text();
    expect(text).toMatch(/^# Outline: Umbrella loyalty cards\n/);
    expect(text).toContain("## Commitments");
    expect(text).toContain("### Pixel Studio\n\n- Loyalty card artwork: Lee Lindqvist, due 2030-04-01 (Open)");
    expect(text).toContain("- Ana Alvarez (Acme Print): 70% revenue");
    expect(text).toContain("- Paperworks: awaiting signature");
    expect(text).not.toContain("Paper samples"); // proposed, never accepted

    const pdf = await download(outline.pdfUrl, tokens.sam);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const document = await getDocument({ data: bytes, standardFontDataUrl: STANDARD_FONTS }).promise;
    let extracted = "";
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      extracted += (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ");
    }
    expect(extracted).toContain("Outline: Umbrella loyalty cards");
    expect(extracted).toContain("Loyalty card artwork");

    expect((await download(outline.pdfUrl, tokens.gus)).status).toBe(404);
    expect((await download(outline.markdownUrl, tokens.gus)).status).toBe(404);
    expect(codeOf(await t.gql(NODE, { id: outline.id }, tokens.gus))).toBe("NOT_FOUND");
    expect(codeOf(await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.gus))).toBe("NOT_FOUND");
  });

  it("a manager of each firm signs once; reps cannot; the log records each signature", async () => {
    expect(codeOf(await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.lee))).toBe("FORBIDDEN");
    const pat = await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.pat);
    expect(pat.errors).toBeUndefined();
    expect(pat.data!.signOutline).toMatchObject({
      signatures: [{ organization: { name: "Pixel Studio" }, signedBy: { name: "Pat Park" } }],
      awaitingSignatureFrom: [{ name: "Acme Print" }, { name: "Paperworks" }],
      viewerCanSign: false,
    });
    const twice = await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.pat);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", reason: "ALREADY_SIGNED" });
    await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.pia);
    const last = await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.max);
    expect(last.data!.signOutline.awaitingSignatureFrom).toEqual([]);
    expect(last.data!.signOutline.signatures.map((s: { organization: { name: string } }) => s.organization.name)).toEqual([
      "Pixel Studio",
      "Paperworks",
      "Acme Print",
    ]);
    const [entry] = await t.sql(`SELECT body FROM activity WHERE kind = 'OUTLINE_SIGNED' ORDER BY created_at DESC LIMIT 1`);
    expect(entry!.body).toBe("Max Meyer signed outline version 1 for Acme Print; every firm has signed");
    const text = await (await download(outline.markdownUrl, tokens.ana)).text();
    expect(text).toMatch(/- Pixel Studio: signed by Pat Park, \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it("each publish is the next version; only the latest can be signed", async () => {
    const second = await t.gql(`${PUBLISH} ${OUTLINE_FIELDS}`, { input: { opportunityId: room } }, tokens.lee);
    expect(second.data!.publishOutline).toMatchObject({ version: 2, publishedBy: { name: "Lee Lindqvist" }, signatures: [] });
    const old = await t.gql(`${SIGN} ${OUTLINE_FIELDS}`, { input: { id: outline.id } }, tokens.max);
    expect(old.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    const versions = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { outline { version } outlines { version superseded } } }`,
      {
        id: room,
      },
      tokens.ana,
    );
    expect(versions.data!.opportunity).toEqual({
      outline: { version: 2 },
      outlines: [
        { version: 2, superseded: false },
        { version: 1, superseded: true },
      ],
    });
    expect(codeOf(await t.gql(`${PUBLISH} ${OUTLINE_FIELDS}`, { input: { opportunityId: room } }, tokens.sam))).toBe("FORBIDDEN");
  });

  it("publishes at once get consecutive versions, and two managers of one firm signing at once sign it once", async () => {
    const race = await openRoom(t, { title: "Umbrella race", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const published = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.gql(
          `mutation ($input: PublishOutlineInput!) { publishOutline(input: $input) { id version } }`,
          { input: { opportunityId: race } },
          [tokens.ana, tokens.lee][i % 2],
        ),
      ),
    );
    expect(published.map((p) => p.data!.publishOutline.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const latest = published.find((p) => p.data!.publishOutline.version === 6)!.data!.publishOutline.id as string;

    // Max (manager) and Ada (admin) both sign for Acme Print at the same moment: exactly one wins.
    const ada = await t.login("ada@acme.test");
    const both = await Promise.all(
      [tokens.max!, ada].map((token) =>
        t.gql(`mutation ($input: SignOutlineInput!) { signOutline(input: $input) { id } }`, { input: { id: latest } }, token),
      ),
    );
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(both.filter((r) => r.errors?.[0]?.extensions?.reason === "ALREADY_SIGNED")).toHaveLength(1);
    const rowId = Buffer.from(latest, "base64url").toString("utf8").split(":")[1];
    expect(await countRows(t, "outline_signature", "outline_id = $1", [rowId])).toBe(1);
    expect((await roomKinds(t, race)).filter((k) => k === "OUTLINE_SIGNED")).toHaveLength(1);
  });
});
