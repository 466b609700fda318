import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { GraphQLResponse, TestServer } from "./fixtures.js";
import { startMailCatcher } from "./mail-catcher.js";
import type { CaughtMail, MailCatcher } from "./mail-catcher.js";
import { AGREEMENT_TERMS, createApiToken, userId } from "./helpers.js";
import { firstAnswer, follow, socketClient, until } from "./ws.js";

/**
 * People join by invitation (issue 17): an admin invites a colleague with a role, a manager invites
 * a partner firm that is not on cosell yet (its first admin finds a partnership proposal waiting).
 * The link arrives by e-mail (a real SMTP server here) and is shown to the inviter; it works once,
 * until it expires or is revoked, and every link that does not work is refused with one and the
 * same answer. Passwords: a person changes theirs; an admin issues a single-use reset link.
 */
let t: TestServer;
let catcher: MailCatcher;
const PUBLIC_URL = "https://cosell.example";

beforeAll(async () => {
  catcher = await startMailCatcher();
  t = await startTestServer({ smtpUrl: catcher.url, publicUrl: PUBLIC_URL });
});
afterAll(async () => {
  await t?.close();
  await catcher?.close();
});

const INVITATION = `id email role status partnerFirm expiresAt acceptUrl emailSent organization { name } invitedBy { name }`;
const INVITE_USER = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { ${INVITATION} } }`;
const INVITE_FIRM = `mutation ($input: InvitePartnerOrganizationInput!) { invitePartnerOrganization(input: $input) { ${INVITATION} } }`;
const REVOKE = `mutation ($input: RevokeInvitationInput!) { revokeInvitation(input: $input) { id status revokedAt } }`;
const INVITATIONS = `{ invitations { ${INVITATION} } }`;
const PREVIEW = `query ($token: String!) { invitationPreview(token: $token) { email role organizationName invitedByName invitingOrganizationName expiresAt } }`;
const ACCEPT = `mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token expiresAt user { id name email role active organization { name } } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token user { name } } }`;
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { sessionsEnded user { name } } }`;
const ISSUE_RESET = `mutation ($input: IssuePasswordResetInput!) { issuePasswordReset(input: $input) { id expiresAt resetUrl emailSent user { name } } }`;
const RESET = `mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { token user { name email } } }`;
const DEACTIVATE = `mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { id active } }`;

const PASSWORD = "correct horse battery";
const BAD_INVITATION =
  "This invitation link does not work: it was used already, revoked, or has expired. Ask whoever invited you for a new one.";
const BAD_RESET =
  "This reset link does not work: it was used already, replaced by a newer one, or has expired. Ask an admin of your organization for a new one.";

const tokenOf = (url: string): string => new URL(url).searchParams.get("token")!;
const dataOf = <T = Record<string, any>>(response: GraphQLResponse): T => {
  if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
  return response.data as T;
};
/** The one error of a refused operation: its code and message. */
const refusal = (response: GraphQLResponse) => ({ code: codeOf(response), message: response.errors?.[0]?.message });

/** The mail that arrived for `email` with `subject`, once it is there. */
async function mailTo(email: string, subject: RegExp): Promise<CaughtMail> {
  const find = () => catcher.mails.find((mail) => mail.to.includes(email) && subject.test(mail.subject));
  await until(
    () => find() !== undefined,
    5_000,
    () => `no mail to ${email}: ${JSON.stringify(catcher.mails.map((m) => [m.to, m.subject]))}`,
  );
  return find()!;
}

/** Ada (Acme's admin) invites `email` as `role`; the answer's invitation. */
async function invite(email: string, role = "REP"): Promise<Record<string, any>> {
  return dataOf(await t.gql(INVITE_USER, { input: { email, role } }, await t.login("ada@acme.test"))).inviteUser;
}

/** Someone new at Acme, invited by Ada and joined: their session token, user id and password. */
async function newColleague(email: string, role = "REP"): Promise<{ token: string; id: string }> {
  const invitation = await invite(email, role);
  const accepted = dataOf(
    await t.gql(ACCEPT, { input: { token: tokenOf(invitation.acceptUrl), name: email.split("@")[0], password: PASSWORD } }),
  );
  return { token: accepted.acceptInvitation.token, id: accepted.acceptInvitation.user.id };
}

describe("inviting a colleague", () => {
  it("e-mails the link, which shows the invitation, makes the account and signs the person in; they sign in with their password after", async () => {
    const ada = await t.login("ada@acme.test");
    const invitation = dataOf(await t.gql(INVITE_USER, { input: { email: "nia@acme.test", role: "MANAGER" } }, ada)).inviteUser;
    expect(invitation).toMatchObject({
      email: "nia@acme.test",
      role: "MANAGER",
      status: "PENDING",
      partnerFirm: false,
      emailSent: true,
      organization: { name: "Acme Print" },
      invitedBy: { name: "Ada Achebe" },
    });
    expect(invitation.acceptUrl).toMatch(/^https:\/\/cosell\.example\/invite\?token=[A-Za-z0-9_-]{43}$/);
    // A week by default.
    expect(Date.parse(invitation.expiresAt) - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);

    const mail = await mailTo("nia@acme.test", /Join Acme Print/);
    expect(mail.text).toContain("Ada Achebe invites you to join Acme Print on cosell as a manager.");
    expect(mail.text).toContain(invitation.acceptUrl);
    // Only the token's hash is kept.
    const [stored] = await t.sql(`SELECT token_hash FROM invitation WHERE email = 'nia@acme.test'`);
    expect(stored!.token_hash).not.toContain(tokenOf(invitation.acceptUrl));
    // The list shows it to the admin, without the link.
    const listed = dataOf(await t.gql(INVITATIONS, {}, ada)).invitations;
    expect(listed).toContainEqual(expect.objectContaining({ id: invitation.id, status: "PENDING", acceptUrl: null, emailSent: null }));

    const token = tokenOf(invitation.acceptUrl);
    expect(dataOf(await t.gql(PREVIEW, { token })).invitationPreview).toMatchObject({
      email: "nia@acme.test",
      role: "MANAGER",
      organizationName: "Acme Print",
      invitedByName: "Ada Achebe",
      invitingOrganizationName: "Acme Print",
    });
    const accepted = dataOf(await t.gql(ACCEPT, { input: { token, name: "  Nia Nakamura ", password: PASSWORD } })).acceptInvitation;
    expect(accepted.user).toMatchObject({
      name: "Nia Nakamura",
      email: "nia@acme.test",
      role: "MANAGER",
      active: true,
      organization: { name: "Acme Print" },
    });
    expect(dataOf(await t.gql(`{ viewer { name role } }`, {}, accepted.token)).viewer).toEqual({ name: "Nia Nakamura", role: "MANAGER" });
    expect(dataOf(await t.gql(LOGIN, { input: { email: "nia@acme.test", password: PASSWORD } })).login.user.name).toBe("Nia Nakamura");

    // Used once: the link, its preview and the list all say so.
    expect(refusal(await t.gql(ACCEPT, { input: { token, name: "Someone else", password: PASSWORD } }))).toEqual({
      code: "NOT_FOUND",
      message: BAD_INVITATION,
    });
    expect(refusal(await t.gql(PREVIEW, { token }))).toEqual({ code: "NOT_FOUND", message: BAD_INVITATION });
    expect(dataOf(await t.gql(INVITATIONS, {}, ada)).invitations.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
  });

  it("over HTTP sets the web session cookie, so the page that accepted is signed in", async () => {
    const invitation = await invite("oli@acme.test");
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: ACCEPT,
        variables: { input: { token: tokenOf(invitation.acceptUrl), name: "Oli", password: PASSWORD } },
      }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^cosell_session=[^;]+;.*HttpOnly/i);
    const viewer = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookie.split(";")[0]! },
      body: JSON.stringify({ query: `{ viewer { name } }` }),
    });
    expect(((await viewer.json()) as { data: { viewer: { name: string } } }).data.viewer.name).toBe("Oli");
  });

  it("refuses expired, revoked and unknown links with one and the same answer; an expired invitation gives way to a new one", async () => {
    const ada = await t.login("ada@acme.test");
    const expired = await invite("pim@acme.test");
    await t.sql(
      `UPDATE invitation SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE email = 'pim@acme.test'`,
    );
    const attempt = (token: string) => t.gql(ACCEPT, { input: { token, name: "Pim", password: PASSWORD } });
    expect(refusal(await attempt(tokenOf(expired.acceptUrl)))).toEqual({ code: "NOT_FOUND", message: BAD_INVITATION });
    expect(refusal(await attempt("not-a-token"))).toEqual({ code: "NOT_FOUND", message: BAD_INVITATION });
    expect(dataOf(await t.gql(INVITATIONS, {}, ada)).invitations).toContainEqual(
      expect.objectContaining({ id: expired.id, status: "EXPIRED" }),
    );

    const again = await invite("pim@acme.test");
    const revoked = dataOf(await t.gql(REVOKE, { input: { id: again.id } }, ada)).revokeInvitation;
    expect(revoked).toMatchObject({ id: again.id, status: "REVOKED" });
    // Revoking twice is no error: it stays revoked.
    expect(dataOf(await t.gql(REVOKE, { input: { id: again.id } }, ada)).revokeInvitation.status).toBe("REVOKED");
    expect(refusal(await attempt(tokenOf(again.acceptUrl)))).toEqual({ code: "NOT_FOUND", message: BAD_INVITATION });
    expect(await t.sql(`SELECT 1 FROM app_user WHERE email = 'pim@acme.test'`)).toHaveLength(0);
    // The expired one was replaced (marked revoked) when the second was sent.
    expect(
      (
        await t.sql(`SELECT revoked_at IS NOT NULL AS revoked FROM invitation WHERE id = $1`, [
          Buffer.from(expired.id, "base64url").toString().split(":")[1],
        ])
      )[0],
    ).toEqual({ revoked: true });
  });

  it("refuses an address that has an account or a pending invitation, a weak password, and anyone but an admin", async () => {
    const ada = await t.login("ada@acme.test");
    expect(refusal(await t.gql(INVITE_USER, { input: { email: "Lee@Pixel.test", role: "REP" } }, ada))).toEqual({
      code: "CONFLICT",
      message: "Lee@Pixel.test already has an account on cosell",
    });
    const pending = await invite("quin@acme.test");
    expect(refusal(await t.gql(INVITE_USER, { input: { email: "QUIN@acme.test", role: "ADMIN" } }, ada))).toEqual({
      code: "CONFLICT",
      message: "QUIN@acme.test already has a pending invitation: revoke it to invite again",
    });
    expect(codeOf(await t.gql(INVITE_USER, { input: { email: "not an address", role: "REP" } }, ada))).toBe("BAD_USER_INPUT");

    const weak = await t.gql(ACCEPT, { input: { token: tokenOf(pending.acceptUrl), name: "Quin", password: "short" } });
    expect(refusal(weak)).toEqual({ code: "BAD_USER_INPUT", message: "password: must be at least 10 characters" });
    // Refused before anything was claimed: the link still works.
    expect(codeOf(await t.gql(PREVIEW, { token: tokenOf(pending.acceptUrl) }))).toBeUndefined();

    for (const who of ["max@acme.test", "ana@acme.test", "pat@pixel.test"])
      expect(codeOf(await t.gql(INVITE_USER, { input: { email: "rio@acme.test", role: "REP" } }, await t.login(who)))).toBe("FORBIDDEN");
    const token = await createApiToken(t, "max@acme.test", ["READ", "WRITE"]);
    expect(codeOf(await t.gql(INVITE_USER, { input: { email: "rio@acme.test", role: "REP" } }, token.token))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(INVITATIONS, {}, await t.login("ana@acme.test")))).toBe("FORBIDDEN");
    // Anonymous callers reach only the link's own steps.
    expect(codeOf(await t.gql(INVITE_USER, { input: { email: "rio@acme.test", role: "REP" } }))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(INVITATIONS))).toBe("UNAUTHENTICATED");
  });

  it("makes one account when the same link is accepted twice at once", async () => {
    for (let round = 0; round < 5; round++) {
      const email = `race${round}@acme.test`;
      const token = tokenOf((await invite(email)).acceptUrl);
      const answers = await Promise.all(
        ["First tab", "Second tab"].map((name) => t.gql(ACCEPT, { input: { token, name, password: PASSWORD } })),
      );
      expect(answers.filter((a) => a.data?.acceptInvitation?.token)).toHaveLength(1);
      expect(answers.filter((a) => a.errors).map(refusal)).toEqual([{ code: "NOT_FOUND", message: BAD_INVITATION }]);
      expect(await t.sql(`SELECT name FROM app_user WHERE email = $1`, [email])).toHaveLength(1);
    }
  });
});

describe("inviting a partner firm", () => {
  it("creates the firm, e-mails its first admin, and a partnership proposal waits for them when they join", async () => {
    const max = await t.login("max@acme.test");
    const invitation = dataOf(
      await t.gql(INVITE_FIRM, { input: { organizationName: " Nova Print ", adminEmail: "noor@nova.test" } }, max),
    ).invitePartnerOrganization;
    expect(invitation).toMatchObject({
      email: "noor@nova.test",
      role: "ADMIN",
      partnerFirm: true,
      emailSent: true,
      organization: { name: "Nova Print" },
      invitedBy: { name: "Max Meyer" },
    });
    const mail = await mailTo("noor@nova.test", /Acme Print invites Nova Print/);
    expect(mail.text).toContain(invitation.acceptUrl);
    expect(mail.text).toContain("A partnership proposal from Acme Print will be waiting for you.");
    // The manager who sent it lists it; so does Acme's admin.
    expect(dataOf(await t.gql(INVITATIONS, {}, max)).invitations.map((i: { id: string }) => i.id)).toEqual([invitation.id]);
    expect(dataOf(await t.gql(INVITATIONS, {}, await t.login("ada@acme.test"))).invitations.map((i: { id: string }) => i.id)).toContain(
      invitation.id,
    );

    const noor = dataOf(
      await t.gql(ACCEPT, { input: { token: tokenOf(invitation.acceptUrl), name: "Noor Nasser", password: PASSWORD } }),
    ).acceptInvitation;
    expect(noor.user).toMatchObject({ role: "ADMIN", organization: { name: "Nova Print" } });
    const partnerships = dataOf(
      await t.gql(`{ partnerships { id status proposer { name } partner { name } } }`, {}, noor.token),
    ).partnerships;
    expect(partnerships).toEqual([
      expect.objectContaining({ status: "PROPOSED", proposer: { name: "Acme Print" }, partner: { name: "Nova Print" } }),
    ]);
    const notifications = dataOf(await t.gql(`{ notifications(first: 10) { edges { node { kind text } } } }`, {}, noor.token));
    expect(notifications.notifications.edges.map((e: { node: { kind: string; text: string } }) => e.node)).toContainEqual({
      kind: "PARTNERSHIP_AWAITING_SIGNATURE",
      text: "Max Meyer of Acme Print proposes a partnership with your firm; it awaits your signature",
    });
    // The proposal is real: it has no terms yet (revision 0), so Noor proposes them, then signs them.
    const id = partnerships[0].id as string;
    const SIGN = `mutation ($input: SignPartnershipInput!) { signPartnership(input: $input) { status revision } }`;
    const early = await t.gql(SIGN, { input: { id, codeOfConductVersion: 1 } }, noor.token);
    expect(early.errors?.[0]?.extensions?.reason).toBe("TERMS_INCOMPLETE");
    const amended = await t.gql(
      `mutation ($input: AmendPartnershipInput!) { amendPartnership(input: $input) { revision } }`,
      { input: { id, terms: AGREEMENT_TERMS } },
      noor.token,
    );
    expect(dataOf(amended).amendPartnership.revision).toBe(1);
    const signed = await t.gql(SIGN, { input: { id, revision: 1, codeOfConductVersion: 1 } }, noor.token);
    expect(dataOf(signed).signPartnership).toEqual({ status: "PROPOSED", revision: 1 });
  });

  it("refuses a firm name already on cosell (whatever its case) and leaves nothing behind", async () => {
    const max = await t.login("max@acme.test");
    const taken = await t.gql(INVITE_FIRM, { input: { organizationName: "pixel STUDIO", adminEmail: "boss@pixel2.test" } }, max);
    expect(refusal(taken)).toEqual({
      code: "CONFLICT",
      message: "An organization named pixel STUDIO is already on cosell: propose a partnership to it from the partner directory",
    });
    // An address with an account: the firm is not created either (one transaction).
    expect(codeOf(await t.gql(INVITE_FIRM, { input: { organizationName: "Ghost Firm", adminEmail: "gus@globex.test" } }, max))).toBe(
      "CONFLICT",
    );
    expect(await t.sql(`SELECT 1 FROM organization WHERE name = 'Ghost Firm'`)).toHaveLength(0);
    expect(
      codeOf(
        await t.gql(INVITE_FIRM, { input: { organizationName: "Rep Firm", adminEmail: "r@rep.test" } }, await t.login("ana@acme.test")),
      ),
    ).toBe("FORBIDDEN");
  });

  it("invites a firm again whose invitation was revoked before anyone joined, with the one proposal still waiting", async () => {
    const max = await t.login("max@acme.test");
    const first = dataOf(
      await t.gql(INVITE_FIRM, { input: { organizationName: "Echo Prints", adminEmail: "eve@echo.test" } }, max),
    ).invitePartnerOrganization;
    await t.gql(REVOKE, { input: { id: first.id } }, max);
    const again = dataOf(
      await t.gql(INVITE_FIRM, { input: { organizationName: "echo prints", adminEmail: "eli@echo.test" } }, max),
    ).invitePartnerOrganization;
    expect(again.organization).toEqual({ name: "Echo Prints" });
    const eli = dataOf(
      await t.gql(ACCEPT, { input: { token: tokenOf(again.acceptUrl), name: "Eli", password: PASSWORD } }),
    ).acceptInvitation;
    const partnerships = dataOf(await t.gql(`{ partnerships { status proposer { name } } }`, {}, eli.token)).partnerships;
    expect(partnerships).toEqual([{ status: "PROPOSED", proposer: { name: "Acme Print" } }]);
    // Once someone joined, the name is taken like any other, for everyone.
    expect(codeOf(await t.gql(INVITE_FIRM, { input: { organizationName: "Echo Prints", adminEmail: "fay@echo.test" } }, max))).toBe(
      "CONFLICT",
    );
    // A firm another organization invited is not theirs to invite again.
    await t.gql(INVITE_FIRM, { input: { organizationName: "Foxtrot Paper", adminEmail: "fox@foxtrot.test" } }, max);
    const pat = await t.login("pat@pixel.test");
    expect(codeOf(await t.gql(INVITE_FIRM, { input: { organizationName: "Foxtrot Paper", adminEmail: "pat2@foxtrot.test" } }, pat))).toBe(
      "CONFLICT",
    );
  });

  it("keeps each organization's invitations to itself: another firm's admin finds none of Acme's and resets nobody there", async () => {
    const max = await t.login("max@acme.test");
    const firm = dataOf(
      await t.gql(INVITE_FIRM, { input: { organizationName: "Orbit Ink", adminEmail: "oz@orbit.test" } }, max),
    ).invitePartnerOrganization;
    const oz = dataOf(await t.gql(ACCEPT, { input: { token: tokenOf(firm.acceptUrl), name: "Oz Okafor", password: PASSWORD } }))
      .acceptInvitation.token;
    const acmeInvitation = await invite("sol@acme.test");

    expect(dataOf(await t.gql(INVITATIONS, {}, oz)).invitations).toEqual([]);
    expect(codeOf(await t.gql(REVOKE, { input: { id: acmeInvitation.id } }, oz))).toBe("NOT_FOUND");
    expect(codeOf(await t.gql(ISSUE_RESET, { input: { userId: await userId(t, "ana@acme.test") } }, oz))).toBe("NOT_FOUND");
    // What Oz invites is Orbit Ink's: inviteUser names no organization.
    const ozInvite = dataOf(await t.gql(INVITE_USER, { input: { email: "ola@orbit.test", role: "REP" } }, oz)).inviteUser;
    expect(ozInvite.organization).toEqual({ name: "Orbit Ink" });
    expect(codeOf(await t.gql(REVOKE, { input: { id: ozInvite.id } }, await t.login("ada@acme.test")))).toBe("NOT_FOUND");
    // A manager revokes the partner-firm invitations they sent, not their admin's colleague invitations.
    expect(codeOf(await t.gql(REVOKE, { input: { id: acmeInvitation.id } }, max))).toBe("FORBIDDEN");
    expect(dataOf(await t.gql(`{ invitations { id } }`, {}, oz)).invitations).toEqual([{ id: ozInvite.id }]);
    // No other way in: node(id) does not serve invitations.
    expect(codeOf(await t.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: acmeInvitation.id }, oz))).toBe("NOT_FOUND");
  });
});

describe("passwords", () => {
  it("a person changes theirs: the other sessions and sockets end, this one goes on, the old password stops working", async () => {
    const { token } = await newColleague("uma@acme.test");
    const other = dataOf(await t.gql(LOGIN, { input: { email: "uma@acme.test", password: PASSWORD } })).login.token;
    const socket = socketClient(t.url, other);
    follow(socket, `subscription { notificationAdded { id } }`, {}, "notificationAdded");
    expect((await firstAnswer(socket, `{ viewer { name } }`)).data?.viewer).toEqual({ name: "uma" });
    try {
      const wrong = await t.gql(CHANGE_PASSWORD, { input: { currentPassword: "not it at all", newPassword: "another long one" } }, token);
      expect(refusal(wrong)).toEqual({ code: "BAD_USER_INPUT", message: "currentPassword: is not your current password" });
      const weak = await t.gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: "tiny" } }, token);
      expect(refusal(weak)).toEqual({ code: "BAD_USER_INPUT", message: "newPassword: must be at least 10 characters" });

      const changed = dataOf(
        await t.gql(CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword: "another long one" } }, token),
      );
      expect(changed.changePassword).toEqual({ sessionsEnded: 1, user: { name: "uma" } });
      expect(codeOf(await t.gql(`{ viewer { name } }`, {}, token))).toBeUndefined();
      expect(codeOf(await t.gql(`{ viewer { name } }`, {}, other))).toBe("UNAUTHENTICATED");
      await until(() => socket.closes.length > 0);
      expect(socket.closes[0]).toEqual({ code: 4401, reason: "Session ended" });
      expect(codeOf(await t.gql(LOGIN, { input: { email: "uma@acme.test", password: PASSWORD } }))).toBe("UNAUTHENTICATED");
      expect(codeOf(await t.gql(LOGIN, { input: { email: "uma@acme.test", password: "another long one" } }))).toBeUndefined();
    } finally {
      await socket.dispose();
    }
  });

  it("counts a wrong current password as a failed sign-in: an open session cannot be used to guess it", async () => {
    const { token } = await newColleague("yan@acme.test");
    const guess = (currentPassword: string) =>
      t.gql(CHANGE_PASSWORD, { input: { currentPassword, newPassword: "whatever comes next" } }, token);
    for (let attempt = 1; attempt <= 5; attempt++) expect(codeOf(await guess(`guess number ${attempt}`))).toBe("BAD_USER_INPUT");
    const refused = await guess("guess number 6");
    expect(codeOf(refused)).toBe("RATE_LIMITED");
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // Refused before the password was even compared: the right one waits too.
    expect(codeOf(await guess(PASSWORD))).toBe("RATE_LIMITED");
  });

  it("an admin issues a single-use reset link, e-mailed too; using it ends every earlier session and signs the person in", async () => {
    const ada = await t.login("ada@acme.test");
    const vic = await newColleague("vic@acme.test");
    const first = dataOf(await t.gql(ISSUE_RESET, { input: { userId: vic.id } }, ada)).issuePasswordReset;
    const issued = dataOf(await t.gql(ISSUE_RESET, { input: { userId: vic.id } }, ada)).issuePasswordReset;
    expect(issued).toMatchObject({ emailSent: true, user: { name: "vic" } });
    expect(issued.resetUrl).toMatch(/^https:\/\/cosell\.example\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
    await until(() => catcher.mails.filter((m) => m.to.includes("vic@acme.test") && m.text.includes(issued.resetUrl)).length === 1);

    const reset = (token: string, newPassword = "brand new password") => t.gql(RESET, { input: { token, newPassword } });
    // The newer link replaced the first one.
    expect(refusal(await reset(tokenOf(first.resetUrl)))).toEqual({ code: "NOT_FOUND", message: BAD_RESET });
    expect(refusal(await reset(tokenOf(issued.resetUrl), "short"))).toEqual({
      code: "BAD_USER_INPUT",
      message: "newPassword: must be at least 10 characters",
    });
    const answers = await Promise.all([reset(tokenOf(issued.resetUrl)), reset(tokenOf(issued.resetUrl))]);
    expect(answers.filter((a) => a.data?.resetPassword?.token)).toHaveLength(1);
    expect(answers.filter((a) => a.errors).map(refusal)).toEqual([{ code: "NOT_FOUND", message: BAD_RESET }]);
    const signedIn = answers.find((a) => a.data)!.data!.resetPassword;
    expect(signedIn.user).toEqual({ name: "vic", email: "vic@acme.test" });
    expect(codeOf(await t.gql(`{ viewer { name } }`, {}, signedIn.token))).toBeUndefined();
    expect(codeOf(await t.gql(`{ viewer { name } }`, {}, vic.token))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(LOGIN, { input: { email: "vic@acme.test", password: "brand new password" } }))).toBeUndefined();
    // An unknown token, a used one and a replaced one all answer alike: nothing tells them apart.
    expect(refusal(await reset("no-such-token"))).toEqual({ code: "NOT_FOUND", message: BAD_RESET });
  });

  it("is for admins of the person's organization, and never for a deactivated person", async () => {
    const ada = await t.login("ada@acme.test");
    const wes = await newColleague("wes@acme.test");
    expect(codeOf(await t.gql(ISSUE_RESET, { input: { userId: wes.id } }, await t.login("max@acme.test")))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(ISSUE_RESET, { input: { userId: await userId(t, "lee@pixel.test") } }, ada))).toBe("NOT_FOUND");

    const issued = dataOf(await t.gql(ISSUE_RESET, { input: { userId: wes.id } }, ada)).issuePasswordReset;
    await t.gql(DEACTIVATE, { input: { userId: wes.id } }, ada);
    expect(refusal(await t.gql(RESET, { input: { token: tokenOf(issued.resetUrl), newPassword: "let me back in" } }))).toEqual({
      code: "NOT_FOUND",
      message: BAD_RESET,
    });
    expect(refusal(await t.gql(ISSUE_RESET, { input: { userId: wes.id } }, ada))).toEqual({
      code: "CONFLICT",
      message: "wes is deactivated and cannot sign in",
    });
    // An expired link is refused like the rest.
    const ana = await userId(t, "ana@acme.test");
    const late = dataOf(await t.gql(ISSUE_RESET, { input: { userId: ana } }, ada)).issuePasswordReset;
    await t.sql(
      `UPDATE password_reset SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' WHERE used_at IS NULL AND revoked_at IS NULL`,
    );
    expect(refusal(await t.gql(RESET, { input: { token: tokenOf(late.resetUrl), newPassword: "too late for this" } }))).toEqual({
      code: "NOT_FOUND",
      message: BAD_RESET,
    });
    expect(codeOf(await t.gql(LOGIN, { input: { email: "ana@acme.test", password: "cosell-demo" } }))).toBeUndefined();
  });
});
