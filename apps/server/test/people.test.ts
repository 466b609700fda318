import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../src/ids.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { demoOpportunities } from "./helpers.js";
import { firstAnswer, follow, socketClient, until } from "./ws.js";
import type { SocketClient } from "./ws.js";

/**
 * An organization's admins change roles and deactivate people (issue 17, point 1): at once, on
 * the next request and on open sockets, never across organizations, never leaving the
 * organization without an active admin (even when two admins demote each other at the same
 * moment), and with the person's history kept theirs.
 */
let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;

beforeAll(async () => {
  t = await startTestServer();
  opps = await demoOpportunities(t);
});
afterAll(async () => {
  await t?.close();
});

const SET_ROLE = `mutation ($input: SetUserRoleInput!) { setUserRole(input: $input) { id name role active } }`;
const DEACTIVATE = `mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { id name role active } }`;
const CREATE_API_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`;

const userOf = async (email: string) => toGlobalId("User", (await t.sql(`SELECT id FROM app_user WHERE email = $1`, [email]))[0]!.id);
const codeOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

/** A socket signed in as `token` with a live subscription (which keeps it open), answering. */
async function openSocket(token: string): Promise<SocketClient> {
  const socket = socketClient(t.url, token);
  follow(socket, `subscription { notificationAdded { id } }`, {}, "notificationAdded");
  const answer = await firstAnswer(socket, `{ viewer { id } }`);
  if (!answer.data?.viewer) throw new Error(JSON.stringify(answer));
  return socket;
}

describe("roles", () => {
  it("an admin's role change applies to the person's next request and reconnects their sockets", async () => {
    const ada = await t.login("ada@acme.test");
    const ana = await t.login("ana@acme.test");
    expect(codeOf(await t.gql(CREATE_API_TOKEN, { input: { name: "as a rep", scopes: ["READ"] } }, ana))).toBe("FORBIDDEN");
    const socket = await openSocket(ana);
    try {
      const changed = await t.gql(SET_ROLE, { input: { userId: await userOf("ana@acme.test"), role: "MANAGER" } }, ada);
      expect(changed.data!.setUserRole).toMatchObject({ name: "Ana Alvarez", role: "MANAGER", active: true });
      // The same session token, no new sign-in: the role is read from the record, not the token.
      expect((await t.gql(CREATE_API_TOKEN, { input: { name: "as a manager", scopes: ["READ"] } }, ana)).errors).toBeUndefined();
      await until(() => socket.closes.length > 0);
      expect(socket.closes[0]).toEqual({ code: 4205, reason: "Sign-in changed: reconnect" });
    } finally {
      await socket.dispose();
      await t.gql(SET_ROLE, { input: { userId: await userOf("ana@acme.test"), role: "REP" } }, ada);
    }
  });

  it("is for admins of the person's own organization: managers are refused, other firms' people are not found", async () => {
    const max = await t.login("max@acme.test");
    const ada = await t.login("ada@acme.test");
    const pat = await t.login("pat@pixel.test");
    const ana = await userOf("ana@acme.test");
    expect(codeOf(await t.gql(SET_ROLE, { input: { userId: ana, role: "ADMIN" } }, max))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(DEACTIVATE, { input: { userId: ana } }, max))).toBe("FORBIDDEN");
    // Pixel Studio's manager is no admin of Acme's, and an Acme admin reaches nobody at Pixel Studio.
    expect(codeOf(await t.gql(SET_ROLE, { input: { userId: ana, role: "REP" } }, pat))).toBe("FORBIDDEN");
    const lee = await userOf("lee@pixel.test");
    const foreign = await t.gql(SET_ROLE, { input: { userId: lee, role: "ADMIN" } }, ada);
    expect(codeOf(foreign)).toBe("NOT_FOUND");
    expect(codeOf(await t.gql(DEACTIVATE, { input: { userId: lee } }, ada))).toBe("NOT_FOUND");
    expect(codeOf(await t.gql(SET_ROLE, { input: { userId: "nonsense", role: "REP" } }, ada))).toBe("NOT_FOUND");
    expect((await t.sql(`SELECT role, active FROM app_user WHERE email = 'lee@pixel.test'`))[0]).toEqual({ role: "REP", active: true });
    // An API token acts for no person: not an admin either.
    const token = (await t.gql(CREATE_API_TOKEN, { input: { name: "system", scopes: ["READ", "WRITE"] } }, max)).data!.createApiToken.token;
    expect(codeOf(await t.gql(SET_ROLE, { input: { userId: ana, role: "MANAGER" } }, token))).toBe("FORBIDDEN");
  });

  it("never leaves the organization without an active admin, even when two admins demote each other at once", async () => {
    const ada = await t.login("ada@acme.test");
    const adaId = await userOf("ada@acme.test");
    const only = await t.gql(SET_ROLE, { input: { userId: adaId, role: "MANAGER" } }, ada);
    expect(codeOf(only)).toBe("CONFLICT");
    expect(only.errors![0]!.message).toBe(
      "Ada Achebe is the organization's only active admin and must keep their role: make someone else admin first",
    );

    const maxId = await userOf("max@acme.test");
    await t.gql(SET_ROLE, { input: { userId: maxId, role: "ADMIN" } }, ada);
    const max = await t.login("max@acme.test");
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([
        t.gql(SET_ROLE, { input: { userId: maxId, role: "MANAGER" } }, ada),
        t.gql(SET_ROLE, { input: { userId: adaId, role: "MANAGER" } }, max),
      ]);
      // One demotion lands; the other is refused: CONFLICT (it met the first's commit) or, when its
      // request started after the first committed, FORBIDDEN (its author is no admin any more).
      const outcomes = [a, b].map((r) => (r.errors ? codeOf(r) : "changed"));
      expect(outcomes.filter((o) => o === "changed")).toHaveLength(1);
      expect(outcomes.filter((o) => o !== "changed")).toEqual([expect.stringMatching(/^(CONFLICT|FORBIDDEN)$/)]);
      const [counted] = await t.sql<{ admins: number }>(
        `SELECT count(*)::int AS admins FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE o.name = 'Acme Print' AND u.role = 'ADMIN' AND u.active`,
      );
      expect(counted!.admins).toBe(1);
      // Back to two admins for the next round, by whichever is still one.
      const admin = a.errors ? ada : max;
      const demoted = a.errors ? adaId : maxId;
      const stillAdmin = a.errors ? max : ada;
      expect(admin).toBeDefined();
      await t.gql(SET_ROLE, { input: { userId: demoted, role: "ADMIN" } }, stillAdmin);
    }
    await t.gql(SET_ROLE, { input: { userId: maxId, role: "MANAGER" } }, ada);
    expect((await t.sql(`SELECT role FROM app_user WHERE email = 'ada@acme.test'`))[0]!.role).toBe("ADMIN");
  });
});

describe("deactivation", () => {
  it("ends the person's sessions and sockets at once, refuses their sign-in, and keeps their history theirs", async () => {
    const ada = await t.login("ada@acme.test");
    const pia = await t.login("pia@paperworks.test");
    const ana = await t.login("ana@acme.test");
    const anaSocket = await openSocket(ana);
    try {
      // Paperworks has no admin in the demo world: its manager may not, Acme's admin reaches nobody there.
      expect(codeOf(await t.gql(DEACTIVATE, { input: { userId: await userOf("sam@paperworks.test") } }, pia))).toBe("FORBIDDEN");
      expect(codeOf(await t.gql(DEACTIVATE, { input: { userId: await userOf("sam@paperworks.test") } }, ada))).toBe("NOT_FOUND");

      const done = await t.gql(DEACTIVATE, { input: { userId: await userOf("ana@acme.test") } }, ada);
      expect(done.data!.deactivateUser).toMatchObject({ name: "Ana Alvarez", active: false });
      expect(codeOf(await t.gql(`{ viewer { id } }`, {}, ana))).toBe("UNAUTHENTICATED");
      await until(() => anaSocket.closes.length > 0);
      expect(anaSocket.closes[0]).toEqual({ code: 4401, reason: "Session ended" });
      const again = await t.gql(`mutation ($input: LoginInput!) { login(input: $input) { token } }`, {
        input: { email: "ana@acme.test", password: "cosell-demo" },
      });
      expect(codeOf(again)).toBe("UNAUTHENTICATED");
      // Deactivating again changes nothing and says so plainly.
      expect((await t.gql(DEACTIVATE, { input: { userId: await userOf("ana@acme.test") } }, ada)).data!.deactivateUser.active).toBe(false);
      // Her entries keep her name in the log; others still see them.
      const max = await t.login("max@acme.test");
      const feed = await t.gql(
        `query ($id: ID!) { opportunity(id: $id) { activities(first: 100) { edges { node { actor { name active } } } } } }`,
        { id: opps["Northwind catalog relaunch"]!.id },
        max,
      );
      const actors = feed.data!.opportunity.activities.edges.map(
        (e: { node: { actor: { name: string; active: boolean } | null } }) => e.node.actor,
      );
      expect(actors).toContainEqual({ name: "Ana Alvarez", active: false });
      expect(codeOf(await t.gql(DEACTIVATE, { input: { userId: await userOf("ada@acme.test") } }, ada))).toBe("FORBIDDEN");
    } finally {
      await anaSocket.dispose();
      await t.sql(`UPDATE app_user SET active = true WHERE email = 'ana@acme.test'`);
      await t.server.services.sessions.userChanged((await t.sql(`SELECT id FROM app_user WHERE email = 'ana@acme.test'`))[0]!.id);
    }
  });
});
