import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { createMailer } from "../src/mail/mailer.js";
import { startDigestScheduler } from "../src/modules/notification/notification.digest.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { LOG, openRoom, userId } from "./helpers.js";
import { startMailCatcher } from "./mail-catcher.js";
import type { MailCatcher } from "./mail-catcher.js";

let catcher: MailCatcher;
let t: TestServer;
let room: string;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
/**
 * The checks' clocks: yesterday mid-morning (after the 07:00 UTC digest hour), and today after the
 * digest hour (not before this test's notifications, which "since the last digest" compares with).
 */
const today = new Date();
const day1 = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 9, 0));
const day2 = new Date(Math.max(today.getTime(), Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 7, 30)));

beforeAll(async () => {
  catcher = await startMailCatcher();
  // Checks are driven by the test (`digests.runOnce(now)`, what the timer runs) so each day is chosen.
  t = await startTestServer({ smtpUrl: catcher.url, digestCheckSeconds: 3600, publicUrl: "https://cosell.example" });
  for (const [name, email] of Object.entries({ ana: "ana@acme.test", lee: "lee@pixel.test", sam: "sam@paperworks.test" })) {
    tokens[name] = await t.login(email);
    ids[name] = await userId(t, email);
  }
  room = await openRoom(t, {
    title: "Umbrella posters",
    members: [
      ["lee@pixel.test", "PARTNER_REP", "WRITE"],
      ["sam@paperworks.test", "PARTNER_REP", "WRITE"],
    ],
  });
  // Only this story's notifications count: the demo world's are read.
  await t.sql(`UPDATE notification SET read_at = now()`);
});
afterAll(async () => {
  await t?.close();
  await catcher?.close();
});

const mention = (body: string, who: string[]) =>
  t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body, mentions: who.map((w) => ids[w]) } }, tokens.ana);
const SETTINGS = `mutation ($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { emailDigest } }`;
const mailsTo = (email: string) => catcher.mails.filter((m) => m.to.includes(email));

describe("the daily e-mail digest", () => {
  it("sends each person one mail a day with their unread notifications, linked to their places", async () => {
    expect((await mention("@Lee Lindqvist @Sam Sato poster proofs are in", ["lee", "sam"])).errors).toBeUndefined();
    const before = day1.getTime() - 3 * 3600_000; // 06:00, before the digest hour: nothing yet
    expect(await t.server.digests.runOnce(new Date(before))).toBe(0);

    // Two instances (or a restart) checking at once: each person is claimed once.
    const sent = await Promise.all([t.server.digests.runOnce(day1), t.server.digests.runOnce(day1)]);
    expect(sent[0]! + sent[1]!).toBe(2);
    expect(await t.server.digests.runOnce(day1)).toBe(0);
    expect(
      catcher.mails
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual(["lee@pixel.test", "sam@paperworks.test"]);
    const [lee] = mailsTo("lee@pixel.test");
    expect(lee!.subject).toBe("cosell: 1 unread notification");
    expect(lee!.text).toContain("Hello Lee Lindqvist,");
    expect(lee!.text).toContain("• Ana Alvarez mentioned you on “Umbrella posters”: @Lee Lindqvist @Sam Sato poster proofs are in");
    expect(lee!.text).toContain(`https://cosell.example/room/${room}`);
    expect(lee!.text).toContain("https://cosell.example/settings");
  });

  it("leaves out whoever turned it off, read notifications, and what an earlier digest already listed", async () => {
    const off = await t.gql(SETTINGS, { input: { emailDigest: false } }, tokens.lee);
    expect(off.data!.updateNotificationSettings).toEqual({ emailDigest: false });
    expect((await t.gql(`{ notificationSettings { emailDigest } }`, {}, tokens.lee)).data!.notificationSettings.emailDigest).toBe(false);
    // Yesterday's digest listed the first mention: date it before that digest, as it would be.
    await t.sql(`UPDATE notification SET created_at = $1 WHERE text LIKE '%poster proofs%'`, [new Date(day1.getTime() - 3600_000)]);
    await mention("@Lee Lindqvist @Sam Sato and the price list", ["lee", "sam"]);
    expect(await t.server.digests.runOnce(day2)).toBe(1);
    expect(mailsTo("lee@pixel.test")).toHaveLength(1);
    const [, sam] = mailsTo("sam@paperworks.test");
    expect(sam!.text).toContain("and the price list");
    expect(sam!.text).not.toContain("poster proofs are in");

    // Nothing unread since the last digest: no mail the next day.
    await t.gql(`mutation { markNotificationsRead(input: { all: true }) { marked } }`, {}, tokens.sam);
    expect(await t.server.digests.runOnce(new Date(day2.getTime() + 24 * 3600_000))).toBe(0);
    expect(catcher.mails).toHaveLength(3);
  });

  it("never sends without SMTP_URL", async () => {
    const config = loadConfig({ DATABASE_URL: t.database.url, DIGEST_CHECK_SECONDS: "1" });
    expect(config.smtpUrl).toBeUndefined();
    await t.sql(`UPDATE app_user SET digest_sent_at = NULL, email_digest = true`);
    await mention("@Sam Sato one more", ["sam"]);
    const unset = startDigestScheduler({
      dataSource: t.server.services.dataSource,
      config,
      mailer: createMailer(config),
      logger: createLogger({ logLevel: "silent" }),
    });
    try {
      expect(await unset.runOnce(day2)).toBe(0);
    } finally {
      await unset.stop();
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM app_user WHERE digest_sent_at IS NOT NULL`)).toEqual([{ n: 0 }]);
    expect(catcher.mails).toHaveLength(3);
  });

  it("goes out by itself once the digest hour has passed, checked every DIGEST_CHECK_SECONDS", async () => {
    await t.sql(`UPDATE app_user SET digest_sent_at = NULL`);
    await t.sql(`UPDATE notification SET read_at = now()`);
    await mention("@Sam Sato on the timer", ["sam"]);
    const config = loadConfig({
      DATABASE_URL: t.database.url,
      SMTP_URL: catcher.url,
      DIGEST_HOUR_UTC: "0",
      DIGEST_CHECK_SECONDS: "1",
    });
    const arrived = catcher.next();
    const mailer = createMailer(config);
    const scheduled = startDigestScheduler({
      dataSource: t.server.services.dataSource,
      config,
      mailer,
      logger: createLogger({ logLevel: "silent" }),
    });
    try {
      const mail = await arrived;
      expect(mail.to).toEqual(["sam@paperworks.test"]);
      expect(mail.text).toContain("on the timer");
    } finally {
      await scheduled.stop();
      mailer.close();
    }
  });

  it("is configured with SMTP_URL, DIGEST_HOUR_UTC and DIGEST_CHECK_SECONDS, and refuses bad values by name", () => {
    const base = { DATABASE_URL: "postgres://db/cosell" };
    expect(loadConfig(base)).toMatchObject({
      smtpUrl: undefined,
      digestHourUtc: 7,
      digestCheckSeconds: 300,
      publicUrl: "http://localhost:4000",
    });
    expect(loadConfig({ ...base, SMTP_URL: "smtps://u:p@mail.example:465" }).smtpUrl).toBe("smtps://u:p@mail.example:465");
    for (const [name, bad] of [
      ["SMTP_URL", "http://mail.example"],
      ["DIGEST_HOUR_UTC", "24"],
      ["DIGEST_CHECK_SECONDS", "-1"],
      ["PUBLIC_URL", "cosell.example"],
    ] as const) {
      expect(() => loadConfig({ ...base, [name]: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, [name]: bad })).toThrow(new RegExp(name));
    }
  });
});
