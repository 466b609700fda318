import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_MEMBER, AGREEMENT_TERMS, OPPORTUNITY, createApiToken, openRoom, signInDemoPeople } from "./helpers.js";

/**
 * Who may change a room: the owner rep is the vendor managers' to change, a firm changes only its
 * own people, other firms' people take the opportunity's own organization, nobody grants more than
 * they hold; decided inside the write, so no concurrent change slips past the rules.
 */
let t: TestServer;
let tokens: Record<string, string>;
let ids: Record<string, string>;

const REMOVE = `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`;
const PROPOSE = `mutation ($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id } }`;
const SIGN = `mutation ($input: SignPartnershipInput!) { signPartnership(input: $input) { status } }`;
const TERMINATE = `mutation ($input: TerminatePartnershipInput!) { terminatePartnership(input: $input) { status } }`;

const add = (room: string, who: string, role: string, access: string, as: string) =>
  t.gql(ADD_MEMBER, { input: { opportunityId: room, userId: ids[who], role, access } }, tokens[as] ?? as);

async function membersOf(room: string): Promise<Record<string, string>> {
  const result = await t.gql(OPPORTUNITY, { id: room }, tokens.ana);
  return Object.fromEntries(
    result.data!.opportunity.members.map((m: { user: { name: string }; access: string }) => [
      m.user.name.split(" ")[0]!.toLowerCase(),
      m.access,
    ]),
  );
}

beforeAll(async () => {
  t = await startTestServer();
  ({ tokens, ids } = await signInDemoPeople(t, ["ana", "max", "lee", "pat", "sam"]));
});

afterAll(async () => {
  await t?.close();
});

describe("the owner rep", () => {
  it("cannot be locked out by a partner with WRITE, nor by a partner's WRITE token, and nothing is written", async () => {
    const room = await openRoom(t, { title: "Owner lock-out", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const pixelSystem = await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"]);
    for (const as of [tokens.lee!, pixelSystem.token]) {
      const demote = await add(room, "ana", "OBSERVER", "READ", as);
      expect(codeOf(demote)).toBe("FORBIDDEN");
      expect(codeOf(await t.gql(REMOVE, { input: { opportunityId: room, userId: ids.ana } }, as))).toBe("FORBIDDEN");
    }
    expect(await membersOf(room)).toEqual({ ana: "WRITE", lee: "WRITE" });
    const kinds = await t.sql(
      `SELECT kind FROM activity a JOIN opportunity o ON o.id = a.opportunity_id WHERE o.title = 'Owner lock-out' ORDER BY seq`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(["MEMBER_JOINED", "MEMBER_JOINED"]);
  });

  it("changes only by a manager of the opportunity's organization, not by its API token", async () => {
    const room = await openRoom(t, { title: "Owner handled by a manager" });
    const acmeSystem = await createApiToken(t, "max@acme.test", ["READ", "WRITE"]);
    expect(codeOf(await add(room, "ana", "OWNER", "READ", acmeSystem.token))).toBe("FORBIDDEN");
    const byMax = await add(room, "ana", "OWNER", "READ", "max");
    expect(byMax.errors).toBeUndefined();
    expect(byMax.data!.addRoomMember).toMatchObject({ role: "OWNER", access: "READ" });
    expect((await add(room, "ana", "OWNER", "WRITE", "max")).errors).toBeUndefined();
  });
});

describe("another firm's people", () => {
  it("are changed and removed only by their own firm or the opportunity's organization", async () => {
    const room = await openRoom(t, {
      title: "Three firms",
      members: [
        ["lee@pixel.test", "PARTNER_REP", "WRITE"],
        ["sam@paperworks.test", "PARTNER_REP", "WRITE"],
      ],
    });
    expect(codeOf(await add(room, "sam", "OBSERVER", "READ", "lee"))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(REMOVE, { input: { opportunityId: room, userId: ids.sam } }, tokens.lee))).toBe("FORBIDDEN");
    expect(codeOf(await add(room, "lee", "OBSERVER", "READ", "sam"))).toBe("FORBIDDEN");
    // Their own firm's people, and the vendor's writers for anyone but the owner.
    expect((await add(room, "pat", "PARTNER_REP", "READ", "lee")).errors).toBeUndefined();
    expect((await add(room, "sam", "PARTNER_REP", "READ", "ana")).errors).toBeUndefined();
    expect(await membersOf(room)).toEqual({ ana: "WRITE", lee: "WRITE", sam: "READ", pat: "READ" });
  });
});

describe("rules decided inside the write", () => {
  it("a partner demoted while adding a colleague: the colleague is added with WRITE only while the partner still held it", async () => {
    for (let round = 0; round < 8; round++) {
      const room = await openRoom(t, { title: `Demotion race ${round}`, members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
      const [byLee] = await Promise.all([
        add(room, "pat", "PARTNER_REP", "WRITE", "lee"),
        // Not a wait for anything: a 0–7 ms offset varies which write reaches the database first.
        new Promise((resolve) => setTimeout(resolve, round)).then(() => add(room, "lee", "PARTNER_REP", "READ", "ana")),
      ]);
      const log = await t.sql<{ kind: string; user_id: string; access: string }>(
        `SELECT a.kind, a.data->>'userId' AS user_id, a.data->>'access' AS access FROM activity a JOIN opportunity o ON o.id = a.opportunity_id
          WHERE o.title = $1 AND a.kind IN ('MEMBER_JOINED', 'MEMBER_ACCESS_CHANGED') ORDER BY a.seq`,
        [`Demotion race ${round}`],
      );
      const raw = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
      const leeDemotedAt = log.findIndex((e) => e.user_id === raw(ids.lee!) && e.kind === "MEMBER_ACCESS_CHANGED");
      const patAddedAt = log.findIndex((e) => e.user_id === raw(ids.pat!));
      expect(leeDemotedAt).toBeGreaterThan(0);
      if (byLee.errors) {
        expect(codeOf(byLee)).toBe("FORBIDDEN");
        expect(patAddedAt).toBe(-1);
      } else {
        expect(patAddedAt).toBeLessThan(leeDemotedAt);
      }
    }
  });

  it("a partnership terminated while its rep is being added with WRITE: no WRITE member of the ended partnership remains", async () => {
    const pia = await t.login("pia@paperworks.test");
    const max = tokens.max!;
    const paperworks = (await t.gql(`{ viewer { organization { id } } }`, {}, pia)).data!.viewer.organization.id as string;
    const room = await openRoom(t, { title: "Termination race" });
    for (let round = 0; round < 8; round++) {
      const list = await t.gql(`{ partnerships { id status partner { name } proposer { name } } }`, {}, max);
      let partnership = list.data!.partnerships.find(
        (p: { status: string; partner: { name: string }; proposer: { name: string } }) =>
          p.status === "SIGNED" && [p.partner.name, p.proposer.name].includes("Paperworks"),
      );
      if (!partnership) {
        const proposed = await t.gql(PROPOSE, { input: { partnerOrganizationId: paperworks, terms: AGREEMENT_TERMS } }, max);
        partnership = proposed.data!.proposePartnership;
        for (const signer of [max, pia])
          expect((await t.gql(SIGN, { input: { id: partnership.id, codeOfConductVersion: 1 } }, signer)).errors).toBeUndefined();
      }
      await t.sql(
        `DELETE FROM room_member m USING opportunity o WHERE o.id = m.opportunity_id AND o.title = 'Termination race' AND m.user_id <> o.owner_id`,
      );

      const [added, ended] = await Promise.all([
        add(room, "sam", "PARTNER_REP", "WRITE", "ana"),
        // Not a wait for anything: a 0–7 ms offset varies which write reaches the database first.
        new Promise((resolve) => setTimeout(resolve, round)).then(() =>
          t.gql(TERMINATE, { input: { id: partnership.id, reason: "race" } }, max),
        ),
      ]);
      expect(ended.errors).toBeUndefined();
      if (added.errors) expect(codeOf(added)).toBe("FORBIDDEN");
      const sam = (await membersOf(room)).sam;
      expect(sam === undefined || sam === "READ").toBe(true);
    }
  });
});
