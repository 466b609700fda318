import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import {
  ACCEPT_COMMITMENT,
  ADD_COMMITMENT,
  ADD_MEMBER,
  APPROVE_SPLIT,
  COMPLETE_COMMITMENT,
  LOG,
  MOVE,
  NODE,
  PROPOSE_SPLIT,
  countRows,
  inDays,
  openRoom,
  randomGlobalId,
  roomKinds,
  signInDemoPeople,
} from "./helpers.js";

let t: TestServer;
let tokens: Record<string, string>;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await startTestServer();
  ({ tokens, ids } = await signInDemoPeople(t));
});
afterAll(() => t?.close());

const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;
const revenue = (handle: string, basisPoints: number) => ({ userId: ids[handle], basisPoints, type: "REVENUE" });
const propose = (opportunityId: string, lines: unknown[], as = "ana") =>
  t.gql(PROPOSE_SPLIT, { input: { opportunityId, lines } }, tokens[as]);
const approve = (splitId: string, as: string, extra: Record<string, unknown> = {}) =>
  t.gql(APPROVE_SPLIT, { input: { splitId, ...extra } }, tokens[as]);
const SPLIT = `query ($id: ID!) { opportunity(id: $id) { stage split { id status revision lockedAt lines { user { name } basisPoints type payout { amount currency } } } } }`;
const splitOf = async (opportunityId: string, as = "ana") =>
  (await t.gql(SPLIT, { id: opportunityId }, tokens[as])).data!.opportunity.split;
const move = async (id: string, stage: string, as = "ana") => {
  const { version } = (await t.gql(`query ($id: ID!) { opportunity(id: $id) { version } }`, { id }, tokens[as])).data!.opportunity;
  return t.gql(MOVE, { input: { id, stage, expectedVersion: version } }, tokens[as]);
};
const orgIds: Record<string, string> = {};
const orgIdOf = async (handle: string) =>
  (orgIds[handle] ??= (await t.gql(`{ viewer { organization { id } } }`, {}, tokens[handle])).data!.viewer.organization.id);
const written = async () => [
  await countRows(t, "credit_split"),
  await countRows(t, "split_line"),
  await countRows(t, "split_approval"),
  await countRows(t, "activity"),
];
const threeCompanyRoom = (title: string, amount = "1000.01") =>
  openRoom(t, {
    title,
    amount,
    members: [
      ["lee@pixel.test", "PARTNER_REP", "WRITE"],
      ["sam@paperworks.test", "PARTNER_REP", "WRITE"],
    ],
  });

describe("proposing a split", () => {
  it("refuses REVENUE lines that do not total 10000 bp, naming the total, and writes nothing", async () => {
    const room = await threeCompanyRoom("Umbrella table tents");
    const before = await written();
    const short = await propose(room, [revenue("ana", 7999), revenue("lee", 2000)]);
    expect(codeOf(short)).toBe("BAD_USER_INPUT");
    expect(short.errors![0]!.extensions!.field).toBe("lines");
    expect(short.errors![0]!.message).toContain("total 9999 basis points");
    const over = await propose(room, [revenue("ana", 8001), revenue("lee", 2000)]);
    expect(over.errors![0]!.message).toContain("total 10001 basis points");
    const zero = await propose(room, [revenue("ana", 10000), { userId: ids.lee, basisPoints: 0, type: "OVERLAY" }]);
    expect([codeOf(zero), zero.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "lines.1.basisPoints"]);
    expect(await written()).toEqual(before);
  });

  it("refuses a line for someone who is not in the room, or a person twice, and writes nothing", async () => {
    const room = await threeCompanyRoom("Umbrella coasters");
    const before = await written();
    const outsider = await propose(room, [revenue("ana", 8000), revenue("pat", 2000)]);
    expect([codeOf(outsider), outsider.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "lines.1.userId"]);
    const twice = await propose(room, [revenue("ana", 5000), revenue("ana", 5000)]);
    expect([codeOf(twice), twice.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "lines.1"]);
    expect(await written()).toEqual(before);
  });

  it("comes pre-filled from the partnership agreements' default revenue splits", async () => {
    const room = await threeCompanyRoom("Umbrella napkins");
    const draft = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { splitDraft { lines { user { name } basisPoints type } explanation } } }`,
      { id: room },
      tokens.ana,
    );
    expect(draft.data!.opportunity.splitDraft.lines).toEqual([
      { user: { name: "Ana Alvarez" }, basisPoints: 6500, type: "REVENUE" },
      { user: { name: "Lee Lindqvist" }, basisPoints: 2000, type: "REVENUE" },
      { user: { name: "Sam Sato" }, basisPoints: 1500, type: "REVENUE" },
    ]);
    expect(draft.data!.opportunity.splitDraft.explanation).toEqual([
      "Ana Alvarez (owner rep): the remaining 65.00%",
      "Pixel Studio: 20.00% by its agreement's default revenue split, shared by Lee Lindqvist",
      "Paperworks: 15.00% by its agreement's default revenue split, shared by Sam Sato",
    ]);
  });
});

describe("agreeing on a split", () => {
  let room: string;
  let splitId: string;

  it("needs a manager or admin of each participating organization; approving twice or for another organization writes nothing", async () => {
    room = await threeCompanyRoom("Umbrella seasonal menus");
    const proposed = await propose(room, [revenue("ana", 3334), revenue("lee", 3333), revenue("sam", 3333)]);
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposeSplit).toMatchObject({ status: "PROPOSED", revision: 1 });
    splitId = proposed.data!.proposeSplit.id;
    expect((await roomKinds(t, room)).at(-1)).toBe("SPLIT_PROPOSED");

    const byRep = await approve(splitId, "lee");
    expect(codeOf(byRep)).toBe("FORBIDDEN");

    const byMax = await approve(splitId, "max");
    expect(byMax.errors).toBeUndefined();
    expect(byMax.data!.approveSplit.awaitingApprovalFrom.map((o: { name: string }) => o.name).sort()).toEqual([
      "Paperworks",
      "Pixel Studio",
    ]);

    let before = await written();
    const twice = await approve(splitId, "max");
    expect(codeOf(twice)).toBe("CONFLICT");
    expect(twice.errors![0]!.message).toBe("Acme Print has already approved this split");
    const forAcme = await approve(splitId, "pat", {
      organizationId: (await t.gql(`{ viewer { organization { id } } }`, {}, tokens.max)).data!.viewer.organization.id,
    });
    expect(codeOf(forAcme)).toBe("FORBIDDEN");
    expect(forAcme.errors![0]!.message).toMatch(/only for your own organization/);
    expect(await written()).toEqual(before);

    // Gus's company is in no way part of this room: the split does not exist for him.
    const byGus = await approve(splitId, "gus");
    expect(codeOf(byGus)).toBe("NOT_FOUND");
    expect(byGus.errors![0]!.message).toBe((await approve(randomGlobalId("CreditSplit"), "gus")).errors![0]!.message);

    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("PROPOSED");

    // A new proposal starts approvals over.
    const again = await propose(
      room,
      [revenue("ana", 3334), revenue("lee", 3333), revenue("sam", 3333), { userId: ids.lee, basisPoints: 500, type: "OVERLAY" }],
      "lee",
    );
    expect(again.data!.proposeSplit).toMatchObject({ id: splitId, status: "PROPOSED", revision: 2 });
    expect(await countRows(t, "split_approval", "split_id = $1 AND revision = 2", [rowId(splitId)])).toBe(0);

    before = await written();
    const stale = await approve(splitId, "pia", { revision: 1 });
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(await written()).toEqual(before);

    expect((await approve(splitId, "max", { revision: 2 })).data!.approveSplit.status).toBe("PROPOSED");
    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("PROPOSED");
    const agreed = await approve(splitId, "pia");
    expect(agreed.data!.approveSplit).toMatchObject({ status: "AGREED", awaitingApprovalFrom: [] });
    expect((await roomKinds(t, room)).slice(-2)).toEqual(["SPLIT_APPROVED", "SPLIT_AGREED"]);
  });

  it("is refused to a manager whose organization has no line in it", async () => {
    const other = await threeCompanyRoom("Umbrella staff badges");
    const proposed = await propose(other, [revenue("ana", 8000), revenue("lee", 2000)]);
    const before = await written();
    const byPia = await approve(proposed.data!.proposeSplit.id, "pia"); // Paperworks has Sam in the room, but no line
    expect(codeOf(byPia)).toBe("FORBIDDEN");
    expect(byPia.errors![0]!.message).toMatch(/Paperworks has no line in this split/);
    expect(await written()).toEqual(before);
  });

  it("locks at CLOSED_WON with payouts that sum exactly to the amount (1000.01 three ways), celebrated in DEAL_WON", async () => {
    const won = await move(room, "CLOSED_WON");
    expect(won.errors).toBeUndefined();
    const split = await splitOf(room);
    expect(split.status).toBe("LOCKED");
    expect(split.lockedAt).not.toBeNull();
    expect(split.lines.map((l: { payout: { amount: string } }) => l.payout.amount)).toEqual(["333.41", "333.30", "333.30", "50.00"]);
    const revenueCents = split.lines
      .filter((l: { type: string }) => l.type === "REVENUE")
      .reduce((sum: number, l: { payout: { amount: string } }) => sum + Math.round(Number(l.payout.amount) * 100), 0);
    expect(revenueCents).toBe(100001);

    const feed = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { activities(last: 2) { edges { node { kind body payouts { user { name } payout { amount } } } } } } }`,
      { id: room },
      tokens.lee,
    );
    const [stage, dealWon] = feed.data!.opportunity.activities.edges.map((e: { node: unknown }) => e.node);
    expect(stage.kind).toBe("STAGE_CHANGED");
    expect(dealWon.kind).toBe("DEAL_WON");
    expect(dealWon.body).toBe(
      "Deal won: 1000.01 USD! Payouts: Ana Alvarez 333.41 USD, Lee Lindqvist 333.30 USD, Sam Sato 333.30 USD, Lee Lindqvist 50.00 USD (overlay)",
    );
    expect(dealWon.payouts.map((p: { payout: { amount: string } }) => p.payout.amount)).toEqual(["333.41", "333.30", "333.30", "50.00"]);

    const before = await written();
    expect(codeOf(await propose(room, [revenue("ana", 10000)]))).toBe("CONFLICT");
    expect(codeOf(await approve(split.id, "max"))).toBe("CONFLICT");
    expect(await written()).toEqual(before);
  });

  it("splits 0.01 two ways into exactly 0.01", async () => {
    const penny = await openRoom(t, {
      title: "Umbrella sample card",
      amount: "0.01",
      members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]],
    });
    const splitId = (await propose(penny, [revenue("ana", 5000), revenue("lee", 5000)])).data!.proposeSplit.id;
    await approve(splitId, "max");
    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("AGREED");
    await move(penny, "CLOSED_WON");
    const split = await splitOf(penny);
    expect(split.lines.map((l: { payout: { amount: string } }) => l.payout)).toEqual([
      { amount: "0.01", currency: "USD" },
      { amount: "0.00", currency: "USD" },
    ]);
    expect(await t.sql(`SELECT sum(payout_minor)::int AS total FROM split_line WHERE split_id = $1`, [rowId(splitId)])).toEqual([
      { total: 1 },
    ]);
  });
});

describe("closing without an agreed split", () => {
  it("is allowed, writes a warning and leaves the split open; agreeing afterwards locks it with payouts", async () => {
    const room = await openRoom(t, {
      title: "Umbrella kids' menus",
      amount: "2500.00",
      members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]],
    });
    const splitId = (await propose(room, [revenue("ana", 8000), revenue("lee", 2000)])).data!.proposeSplit.id;
    await approve(splitId, "max");
    expect((await move(room, "CLOSED_WON")).errors).toBeUndefined();
    expect((await roomKinds(t, room)).slice(-3)).toEqual(["STAGE_CHANGED", "DEAL_WON", "SPLIT_NOT_AGREED"]);
    const [warning] = await t.sql(`SELECT body FROM activity WHERE opportunity_id = $1 AND kind = 'SPLIT_NOT_AGREED'`, [rowId(room)]);
    expect(warning!.body).toMatch(/still waiting for Pixel Studio to approve/);
    let split = await splitOf(room);
    expect(split.status).toBe("PROPOSED");
    expect(split.lines.map((l: { payout: unknown }) => l.payout)).toEqual([null, null]);

    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("LOCKED");
    expect((await roomKinds(t, room)).slice(-3)).toEqual(["SPLIT_APPROVED", "SPLIT_AGREED", "SPLIT_LOCKED"]);
    split = await splitOf(room);
    expect(split.lines.map((l: { payout: { amount: string } }) => l.payout.amount)).toEqual(["2000.00", "500.00"]);
  });

  it("with no split at all says so", async () => {
    const room = await openRoom(t, { title: "Umbrella wine list" });
    await move(room, "CLOSED_WON");
    const [warning] = await t.sql(`SELECT body FROM activity WHERE opportunity_id = $1 AND kind = 'SPLIT_NOT_AGREED'`, [rowId(room)]);
    expect(warning!.body).toMatch(/without a credit split/);
    expect(await splitOf(room)).toBeNull();
  });

  it("a lost deal writes DEAL_LOST and takes no split", async () => {
    const room = await openRoom(t, { title: "Umbrella lost cause", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    await move(room, "CLOSED_LOST");
    expect((await roomKinds(t, room)).slice(-2)).toEqual(["STAGE_CHANGED", "DEAL_LOST"]);
    expect(codeOf(await propose(room, [revenue("ana", 10000)]))).toBe("CONFLICT");
  });
});

describe("split guarantees", () => {
  const GUARANTEE = `query ($id: ID!) { opportunity(id: $id) { stage split { id status revision awaitingApprovalFrom { name }
    agreed { revision status lines { user { name } organization { name } basisPoints type payout { amount } } awaitingApprovalFrom { name } }
    pending { revision status proposedBy { name } lines { user { name } basisPoints type } approvals { organization { name } } awaitingApprovalFrom { name } } } } }`;
  const REMOVE = `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`;
  const view = async (room: string, as = "ana") => {
    const result = await t.gql(GUARANTEE, { id: room }, tokens[as]);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.opportunity.split;
  };
  const names = (orgs: { name: string }[]) => orgs.map((o) => o.name).sort();
  /** A room where Acme (70%) and Pixel (30%) have agreed a split. */
  const agreedRoom = async (title: string, amount = "1000.00") => {
    const room = await openRoom(t, { title, amount, members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const splitId = (await propose(room, [revenue("ana", 7000), revenue("lee", 3000)])).data!.proposeSplit.id as string;
    await approve(splitId, "max");
    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("AGREED");
    return { room, splitId };
  };

  it("Ana removes Lee and proposes 100% for herself: Pixel must approve, the agreed split stays in force and is what locks at the win", async () => {
    const { room, splitId } = await agreedRoom("Umbrella attack of the split");
    expect((await t.gql(REMOVE, { input: { opportunityId: room, userId: ids.lee } }, tokens.ana)).errors).toBeUndefined();

    // Lee is out of the room, but Pixel earned credit here: he and Pat still read the deal, never write it.
    expect((await view(room, "lee")).agreed.lines.map((l: { user: { name: string } }) => l.user.name)).toEqual([
      "Ana Alvarez",
      "Lee Lindqvist",
    ]);
    expect(codeOf(await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "still here?" } }, tokens.lee))).toBe("FORBIDDEN");
    expect(codeOf(await propose(room, [revenue("lee", 10000)], "lee"))).toBe("FORBIDDEN");
    const listed = await t.gql(`{ opportunities(first: 100) { edges { node { id } } } }`, {}, tokens.pat);
    expect(listed.data!.opportunities.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(room);

    const grab = await propose(room, [revenue("ana", 10000)]);
    expect(grab.data!.proposeSplit).toMatchObject({ status: "PROPOSED", revision: 2 });
    let split = await view(room);
    expect(names(split.awaitingApprovalFrom)).toEqual(["Acme Print", "Pixel Studio"]);
    expect(split.pending).toMatchObject({ revision: 2, status: "PROPOSED", proposedBy: { name: "Ana Alvarez" } });
    expect(names(split.pending.awaitingApprovalFrom)).toEqual(["Acme Print", "Pixel Studio"]);
    expect(split.agreed).toMatchObject({ revision: 1, status: "AGREED", awaitingApprovalFrom: [] });
    const [proposed] = await t.sql(
      `SELECT body FROM activity WHERE opportunity_id = $1 AND kind = 'SPLIT_PROPOSED' ORDER BY seq DESC LIMIT 1`,
      [rowId(room)],
    );
    expect(proposed!.body).toBe(
      "Proposed a credit split: Ana Alvarez 100.00%. Revision 1 stays in force until Acme Print, Pixel Studio approve this one",
    );

    // Acme alone cannot agree it.
    expect((await approve(splitId, "max")).data!.approveSplit).toMatchObject({
      status: "PROPOSED",
      awaitingApprovalFrom: [{ name: "Pixel Studio" }],
    });
    // Paperworks is neither in the split nor cut by it.
    expect(codeOf(await approve(splitId, "pia"))).toBe("NOT_FOUND");

    expect((await move(room, "CLOSED_WON")).errors).toBeUndefined();
    expect((await roomKinds(t, room)).slice(-3)).toEqual(["STAGE_CHANGED", "SPLIT_WITHDRAWN", "DEAL_WON"]);
    split = await view(room, "pat");
    expect(split).toMatchObject({ status: "LOCKED", revision: 1, pending: null, awaitingApprovalFrom: [] });
    expect(split.agreed.status).toBe("LOCKED");
    expect(split.agreed.lines.map((l: { user: { name: string }; payout: { amount: string } }) => [l.user.name, l.payout.amount])).toEqual([
      ["Ana Alvarez", "700.00"],
      ["Lee Lindqvist", "300.00"],
    ]);
    // Lee reads his payout on the won deal he was removed from.
    const dealWon = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { activities(last: 1) { edges { node { kind payouts { user { name } payout { amount } } } } } } }`,
      { id: room },
      tokens.lee,
    );
    expect(dealWon.data!.opportunity.activities.edges[0].node).toEqual({
      kind: "DEAL_WON",
      payouts: [
        { user: { name: "Ana Alvarez" }, payout: { amount: "700.00" } },
        { user: { name: "Lee Lindqvist" }, payout: { amount: "300.00" } },
      ],
    });
    expect(codeOf(await approve(splitId, "pat"))).toBe("CONFLICT");
  });

  it("lets Pixel consent to a cut, and asks only the organizations a revision involves or cuts", async () => {
    const { room, splitId } = await agreedRoom("Umbrella consent to a cut");
    // Acme reshuffles its own 70% (Max joins it): Pixel's 30% is untouched, so only Acme approves.
    await t.gql(ADD_MEMBER, { input: { opportunityId: room, userId: ids.max, role: "PRODUCT_SPECIALIST", access: "WRITE" } }, tokens.ana);
    await propose(room, [revenue("ana", 6000), revenue("max", 1000), revenue("lee", 3000)]);
    expect(names((await view(room)).awaitingApprovalFrom)).toEqual(["Acme Print", "Pixel Studio"]); // Pixel has a line in it
    expect((await approve(splitId, "max")).data!.approveSplit.status).toBe("PROPOSED");
    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("AGREED");

    // Lee leaves the room; a proposal may still keep his line (his credit does not depend on the room).
    await t.gql(REMOVE, { input: { opportunityId: room, userId: ids.lee } }, tokens.ana);
    const keep = await propose(room, [revenue("ana", 5000), revenue("max", 2000), revenue("lee", 3000)]);
    expect(keep.errors).toBeUndefined();
    // Someone neither in the room nor in the agreed split cannot get a line.
    const outsider = await propose(room, [revenue("ana", 7000), revenue("sam", 3000)]);
    expect([codeOf(outsider), outsider.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "lines.1.userId"]);

    // Pixel consents to giving up its line: then the new revision is in force and Pixel no longer sees the deal.
    await propose(room, [revenue("ana", 8000), revenue("max", 2000)]);
    expect(names((await view(room)).pending.awaitingApprovalFrom)).toEqual(["Acme Print", "Pixel Studio"]);
    await approve(splitId, "max");
    expect((await approve(splitId, "pat")).data!.approveSplit.status).toBe("AGREED");
    expect(await view(room)).toMatchObject({ status: "AGREED", revision: 4, pending: null, agreed: { revision: 4 } });
    expect(codeOf(await t.gql(GUARANTEE, { id: room }, tokens.lee))).toBe("NOT_FOUND");
    expect(codeOf(await t.gql(GUARANTEE, { id: room }, tokens.pat))).toBe("NOT_FOUND");
  });

  it("no interleaving of proposals, approvals and the win locks a split that cuts out a firm that did not approve it", async () => {
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const { room, splitId } = await agreedRoom(`Umbrella race ${round}`);
      const { version } = (await t.gql(`query ($id: ID!) { opportunity(id: $id) { version } }`, { id: room }, tokens.ana)).data!
        .opportunity;
      const patConsents = round % 3 === 0;
      const requests = [
        () => propose(room, [revenue("ana", 10000)]),
        () => approve(splitId, "max"),
        () => propose(room, [revenue("ana", 9000), revenue("lee", 1000)]),
        () => approve(splitId, "max"),
        () => t.gql(MOVE, { input: { id: room, stage: "CLOSED_WON", expectedVersion: version } }, tokens.ana),
        ...(patConsents ? [() => approve(splitId, "pat")] : []),
      ];
      // A different order each round, all in flight at once.
      const shuffled = requests.map((r, i) => ({ r, k: (i * 7 + round * 5) % requests.length })).sort((a, b) => a.k - b.k);
      const answers = await Promise.all(shuffled.map(({ r }) => r()));
      for (const a of answers) if (a.errors) expect(["CONFLICT", "FORBIDDEN"]).toContain(codeOf(a));

      const [split] = await t.sql(`SELECT id, status, revision, agreed_revision FROM credit_split WHERE opportunity_id = $1`, [
        rowId(room),
      ]);
      expect(split!.status).toBe("LOCKED");
      const locked = await t.sql(
        `SELECT l.organization_id, l.basis_points, l.payout_minor FROM split_line l WHERE l.split_id = $1 AND l.revision = $2`,
        [split!.id, split!.agreed_revision],
      );
      const pixel = rowId(await orgIdOf("pat"));
      const pixelBp = locked.filter((l) => l.organization_id === pixel).reduce((sum, l) => sum + Number(l.basis_points), 0);
      const pixelApprovedIt =
        (await countRows(t, "split_approval", "split_id = $1 AND revision = $2 AND organization_id = $3", [
          split!.id,
          split!.agreed_revision,
          pixel,
        ])) === 1;
      // Pixel keeps its 30%, unless it approved the revision that cut it.
      if (pixelBp < 3000) expect(pixelApprovedIt).toBe(true);
      if (!patConsents) expect(pixelBp).toBe(3000);
      expect(locked.reduce((sum, l) => sum + Number(l.payout_minor), 0)).toBe(100000);
      // A proposal never outlives the win: nothing is left pending.
      expect(split!.revision).toBe(split!.agreed_revision);
    }
  });
});

describe("the suggested split", () => {
  const SUGGEST = `query ($id: ID!) { suggestedSplit(opportunityId: $id) { lines { user { name } organization { name } basisPoints type } explanation } }`;

  it("credits the work recorded in the room, totals 10000 bp and explains every line", async () => {
    const room = await threeCompanyRoom("Umbrella festival flyers", "4000.00");
    const log = (as: string, kind: string, body: string) => t.gql(LOG, { input: { opportunityId: room, kind, body } }, tokens[as]);
    await log("ana", "MEETING", "Kick-off with Umbrella's marketing");
    await log("ana", "CALL", "Budget call");
    await log("lee", "RESULT", "Umbrella picked concept B");
    await log("lee", "NOTE", "Sent the files");
    const request = await log("lee", "HELP_REQUEST", "Which paper for outdoor flyers?");
    await t.gql(
      `mutation ($input: AnswerHelpRequestInput!) { answerHelpRequest(input: $input) { id } }`,
      { input: { requestId: request.data!.logActivity.id, body: "Synthetic 120 g, weatherproof." } },
      tokens.sam,
    );
    const commitment = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.lee, title: "Final artwork", dueAt: inDays(2) } },
      tokens.ana,
    );
    await t.gql(ACCEPT_COMMITMENT, { input: { id: commitment.data!.addCommitment.id } }, tokens.lee);
    await t.gql(COMPLETE_COMMITMENT, { input: { id: commitment.data!.addCommitment.id } }, tokens.lee);

    const suggested = (await t.gql(SUGGEST, { id: room }, tokens.pat)).data!.suggestedSplit;
    expect(suggested.lines).toEqual([
      { user: { name: "Lee Lindqvist" }, organization: { name: "Pixel Studio" }, basisPoints: 6000, type: "REVENUE" },
      { user: { name: "Ana Alvarez" }, organization: { name: "Acme Print" }, basisPoints: 2500, type: "REVENUE" },
      { user: { name: "Sam Sato" }, organization: { name: "Paperworks" }, basisPoints: 1500, type: "REVENUE" },
    ]);
    expect(suggested.explanation).toEqual([
      "Lee Lindqvist (Pixel Studio): 60.00% (6000 bp) for 1 commitment delivered on time ×6, 1 result ×5, 1 note ×1 = 12 of 20 points",
      "Ana Alvarez (Acme Print): 25.00% (2500 bp) for 1 meeting ×3, 1 call ×2 = 5 of 20 points",
      "Sam Sato (Paperworks): 15.00% (1500 bp) for 1 help answer ×3 = 3 of 20 points",
    ]);

    // It can be proposed as it is.
    const lines = suggested.lines.map((l: { basisPoints: number }, i: number) => ({
      userId: [ids.lee, ids.ana, ids.sam][i],
      basisPoints: l.basisPoints,
      type: "REVENUE",
    }));
    expect((await propose(room, lines)).errors).toBeUndefined();
  });

  it('cannot be gamed: fifteen notes of "." and three "." answers to one help request weigh nothing against one real result', async () => {
    const room = await threeCompanyRoom("Umbrella loyalty cards");
    const log = (as: string, kind: string, body: string) => t.gql(LOG, { input: { opportunityId: room, kind, body } }, tokens[as]);
    const request = await log("ana", "HELP_REQUEST", "Which laminate survives a dishwasher?");
    for (let i = 0; i < 15; i++) expect((await log("sam", "NOTE", ".")).errors).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      const answered = await t.gql(
        `mutation ($input: AnswerHelpRequestInput!) { answerHelpRequest(input: $input) { id } }`,
        { input: { requestId: request.data!.logActivity.id, body: "." } },
        tokens.sam,
      );
      expect(answered.errors).toBeUndefined();
    }
    await log("lee", "RESULT", "Umbrella signed the print order for 40,000 cards");

    const suggested = (await t.gql(SUGGEST, { id: room }, tokens.ana)).data!.suggestedSplit;
    expect(suggested.lines).toEqual([
      { user: { name: "Lee Lindqvist" }, organization: { name: "Pixel Studio" }, basisPoints: 10000, type: "REVENUE" },
    ]);
    expect(suggested.explanation).toEqual([
      "Lee Lindqvist (Pixel Studio): 100.00% (10000 bp) for 1 result ×5 = 5 of 5 points",
      "No credited work recorded yet for Ana Alvarez, Sam Sato",
      "Not counted for Sam Sato: 3 help answers with fewer than 8 letters or digits; 15 notes with fewer than 8 letters or digits",
    ]);
  });

  it("caps each kind per person, counts a help answer once per request and a repeated text once, and says so", async () => {
    const room = await threeCompanyRoom("Umbrella coupon books");
    const log = (as: string, kind: string, body: string) => t.gql(LOG, { input: { opportunityId: room, kind, body } }, tokens[as]);
    const request = await log("ana", "HELP_REQUEST", "Who prints perforated coupons?");
    for (let i = 1; i <= 7; i++) await log("sam", "NOTE", `Checked perforation sample number ${i}`);
    for (let i = 0; i < 4; i++) await log("sam", "EMAIL", "Sent the price list to Umbrella");
    for (const body of ["Paperworks does, on the 2000 line.", "Also the 3000 line, slower but cheaper."]) {
      await t.gql(
        `mutation ($input: AnswerHelpRequestInput!) { answerHelpRequest(input: $input) { id } }`,
        { input: { requestId: request.data!.logActivity.id, body } },
        tokens.sam,
      );
    }
    await log("lee", "RESULT", "Umbrella approved the coupon design");

    const suggested = (await t.gql(SUGGEST, { id: room }, tokens.ana)).data!.suggestedSplit;
    expect(suggested.explanation).toEqual([
      "Sam Sato (Paperworks): 64.29% (6429 bp) for 1 help answer ×3, 1 email ×1, 5 notes ×1 (notes capped at 5; 7 recorded) = 9 of 14 points",
      "Lee Lindqvist (Pixel Studio): 35.71% (3571 bp) for 1 result ×5 = 5 of 14 points",
      "No credited work recorded yet for Ana Alvarez",
      "Not counted for Sam Sato: 1 help answer to a help request already answered; 3 emails repeating an earlier one",
    ]);
  });

  it("gives everything to the owner rep while nothing is recorded, and is NOT_FOUND outside the room", async () => {
    const room = await openRoom(t, { title: "Umbrella quiet deal" });
    const suggested = (await t.gql(SUGGEST, { id: room }, tokens.ana)).data!.suggestedSplit;
    expect(suggested.lines).toEqual([
      { user: { name: "Ana Alvarez" }, organization: { name: "Acme Print" }, basisPoints: 10000, type: "REVENUE" },
    ]);
    expect(suggested.explanation).toEqual(["No work is recorded in the room yet: 100.00% (10000 bp) to the owner rep, Ana Alvarez"]);

    for (const as of ["lee", "gus"]) {
      const seen = await t.gql(SUGGEST, { id: room }, tokens[as]);
      expect(codeOf(seen)).toBe("NOT_FOUND");
      expect(seen.errors![0]!.message).toBe((await t.gql(SUGGEST, { id: randomGlobalId("Opportunity") }, tokens[as])).errors![0]!.message);
    }
  });
});

describe("visibility of splits", () => {
  it("another company's people get NOT_FOUND for the split of a room they are not in, as for a random id, and cannot propose one", async () => {
    const room = await openRoom(t, { title: "Umbrella internal split", members: [["max@acme.test", "PRODUCT_SPECIALIST", "WRITE"]] });
    const splitId = (await propose(room, [revenue("ana", 6000), revenue("max", 4000)])).data!.proposeSplit.id;
    expect((await t.gql(NODE, { id: splitId }, tokens.ana)).data!.node.id).toBe(splitId);
    for (const as of ["lee", "pat", "gus"]) {
      const seen = await t.gql(NODE, { id: splitId }, tokens[as]);
      expect(codeOf(seen)).toBe("NOT_FOUND");
      expect(seen.errors![0]!.message).toBe((await t.gql(NODE, { id: randomGlobalId("CreditSplit") }, tokens[as])).errors![0]!.message);
      expect(codeOf(await t.gql(SPLIT, { id: room }, tokens[as]))).toBe("NOT_FOUND");
      expect(codeOf(await approve(splitId, as))).toBe("NOT_FOUND");
      expect(codeOf(await propose(room, [revenue("ana", 10000)], as))).toBe("NOT_FOUND");
    }
    expect(await countRows(t, "split_approval", "split_id = $1", [rowId(splitId)])).toBe(0);
  });
});
