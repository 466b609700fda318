import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import { until } from "./ws.js";
import type { TestServer } from "./fixtures.js";
import {
  ACCEPT_COMMITMENT,
  ADD_COMMITMENT,
  COMPLETE_COMMITMENT,
  DECLINE_COMMITMENT,
  LOG,
  NODE,
  countRows,
  inDays,
  openRoom,
  randomGlobalId,
  roomKinds,
  userId,
} from "./helpers.js";

let t: TestServer;
let room: string;
let ana: string, lee: string, sam: string, gus: string;
beforeAll(async () => {
  // The sweep runs every second here, so the scheduled path itself is under test.
  t = await startTestServer({ commitmentSweepSeconds: 1 });
  ana = await t.login("ana@acme.test");
  lee = await t.login("lee@pixel.test");
  sam = await t.login("sam@paperworks.test");
  gus = await t.login("gus@globex.test");
  room = await openRoom(t, {
    title: "Umbrella loyalty cards",
    members: [
      ["lee@pixel.test", "PARTNER_REP", "WRITE"],
      ["sam@paperworks.test", "PARTNER_REP", "WRITE"],
    ],
  });
});
afterAll(() => t?.close());

const CANCEL = `mutation ($input: CancelCommitmentInput!) { cancelCommitment(input: $input) { id status cancelledAt } }`;
const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;
const add = async (assignee: string, title: string, dueAt = inDays(3), token = ana) =>
  t.gql(ADD_COMMITMENT, { input: { opportunityId: room, assigneeId: await userId(t, assignee), title, dueAt } }, token);
/** Proposes a commitment as Ana and has the assignee accept it: an OPEN one. Returns its id. */
const agreed = async (assignee: string, title: string, dueAt = inDays(3)) => {
  const added = await add(assignee, title, dueAt);
  if (added.errors) throw new Error(JSON.stringify(added.errors));
  const accepted = await t.gql(ACCEPT_COMMITMENT, { input: { id: added.data!.addCommitment.id } }, await t.login(assignee));
  if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
  return added.data!.addCommitment.id as string;
};

describe("the plan of action", () => {
  it("a member is asked, agrees, delivers on time, and the room's log tells the story", async () => {
    const added = await add("lee@pixel.test", "Loyalty card artwork");
    expect(added.errors).toBeUndefined();
    expect(added.data!.addCommitment).toMatchObject({
      title: "Loyalty card artwork",
      status: "PROPOSED",
      completedAt: null,
      onTime: null,
      assignee: { name: "Lee Lindqvist" },
    });
    const id = added.data!.addCommitment.id;
    const accepted = await t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptCommitment).toMatchObject({ id, status: "OPEN", acceptedBy: { name: "Lee Lindqvist" } });

    const done = await t.gql(COMPLETE_COMMITMENT, { input: { id } }, lee);
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeCommitment).toMatchObject({ status: "DONE", onTime: true });
    expect(Date.parse(done.data!.completeCommitment.completedAt)).toBeLessThanOrEqual(Date.now());

    const plan = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { commitments { id status assignee { name } createdBy { name } } } }`,
      { id: room },
      sam,
    );
    expect(plan.data!.opportunity.commitments).toEqual([
      { id, status: "DONE", assignee: { name: "Lee Lindqvist" }, createdBy: { name: "Ana Alvarez" } },
    ]);
    expect((await roomKinds(t, room)).slice(-3)).toEqual(["COMMITMENT_PROPOSED", "COMMITMENT_ACCEPTED", "COMMITMENT_DONE"]);
    const bodies = await t.sql(`SELECT body FROM activity WHERE opportunity_id = $1 ORDER BY seq DESC LIMIT 3`, [rowId(room)]);
    const due = added.data!.addCommitment.dueAt.slice(0, 10);
    expect(bodies.map((row) => row.body).reverse()).toEqual([
      `Lee Lindqvist was asked to commit to “Loyalty card artwork” by ${due}`,
      `Lee Lindqvist accepted “Loyalty card artwork”, due ${due}`,
      "Lee Lindqvist delivered “Loyalty card artwork” on time",
    ]);
  });

  it("assigns only room members, only in the future, and writes nothing otherwise", async () => {
    const before = [await countRows(t, "commitment"), await countRows(t, "activity")];
    const outsider = await add("pat@pixel.test", "Not in the room");
    expect([codeOf(outsider), outsider.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "assigneeId"]);
    const past = await add("lee@pixel.test", "Yesterday", inDays(-1));
    expect([codeOf(past), past.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "dueAt"]);
    const garbage = await add("lee@pixel.test", "Whenever", "next tuesday");
    expect([codeOf(garbage), garbage.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "dueAt"]);
    const blank = await add("lee@pixel.test", "   ");
    expect([codeOf(blank), blank.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "title"]);
    expect([await countRows(t, "commitment"), await countRows(t, "activity")]).toEqual(before);
  });

  it("lets nobody complete someone else's commitment, nor complete one twice", async () => {
    const id = await agreed("lee@pixel.test", "Print-ready PDFs");
    const activities = await countRows(t, "activity");
    for (const token of [ana, sam]) {
      const result = await t.gql(COMPLETE_COMMITMENT, { input: { id } }, token);
      expect(codeOf(result)).toBe("FORBIDDEN");
      expect(result.errors![0]!.message).toMatch(/Only Lee Lindqvist, the assignee/);
    }
    expect(await t.sql(`SELECT status, completed_at FROM commitment WHERE id = $1`, [rowId(id)])).toEqual([
      { status: "OPEN", completed_at: null },
    ]);
    expect(await countRows(t, "activity")).toBe(activities);

    expect((await t.gql(COMPLETE_COMMITMENT, { input: { id } }, lee)).errors).toBeUndefined();
    const again = await t.gql(COMPLETE_COMMITMENT, { input: { id } }, lee);
    expect(codeOf(again)).toBe("CONFLICT");
    expect(await countRows(t, "activity")).toBe(activities + 1);
  });

  it("cancels an open commitment by the assignee, its author or the owner rep, never by another member", async () => {
    const id = await agreed("lee@pixel.test", "Second proof round");
    const bySam = await t.gql(CANCEL, { input: { id, reason: "not mine" } }, sam);
    expect(codeOf(bySam)).toBe("FORBIDDEN");
    const cancelled = await t.gql(CANCEL, { input: { id, reason: "Customer skipped the second round" } }, lee);
    expect(cancelled.data!.cancelCommitment.status).toBe("CANCELLED");
    expect((await roomKinds(t, room)).at(-1)).toBe("COMMITMENT_CANCELLED");
    expect(codeOf(await t.gql(COMPLETE_COMMITMENT, { input: { id } }, lee))).toBe("CONFLICT");
    expect(codeOf(await t.gql(CANCEL, { input: { id } }, ana))).toBe("CONFLICT");
  });
});

describe("reading the plan", () => {
  it("by status, several statuses at once: each list holds exactly its own, by due time, beside the whole plan", async () => {
    const proposed = (await add("lee@pixel.test", "Die-cut samples", inDays(6))).data!.addCommitment.id as string;
    // Set by Ana for herself: agreed at once, OPEN.
    const open = (await add("ana@acme.test", "Price the second run", inDays(5))).data!.addCommitment.id as string;
    const PLAN = `query ($id: ID!) { node(id: $id) { ... on Opportunity {
      open: commitments(status: OPEN) { id status dueAt }
      proposed: commitments(status: PROPOSED) { id status }
      all: commitments { id status dueAt }
    } } }`;
    const { data, errors } = await t.gql(PLAN, { id: room }, ana);
    expect(errors).toBeUndefined();
    const plan = data!.node;
    expect(plan.open.map((c: { id: string }) => c.id)).toContain(open);
    expect(plan.proposed.map((c: { id: string }) => c.id)).toContain(proposed);
    expect(plan.open.every((c: { status: string }) => c.status === "OPEN")).toBe(true);
    expect(plan.proposed.every((c: { status: string }) => c.status === "PROPOSED")).toBe(true);
    const byStatus = (status: string) => plan.all.filter((c: { status: string }) => c.status === status);
    expect(plan.open).toEqual(byStatus("OPEN"));
    expect(plan.proposed.map((c: { id: string }) => c.id)).toEqual(byStatus("PROPOSED").map((c: { id: string }) => c.id));
    const due = plan.all.map((c: { dueAt: string }) => c.dueAt);
    expect(due).toEqual([...due].sort());
  });
});

describe("the commitment sweep", () => {
  it("turns open commitments past their due time into MISSED on its schedule, once, with an activity", async () => {
    const id = await agreed("sam@paperworks.test", "Paper samples", inDays(1));
    const later = await agreed("sam@paperworks.test", "Not due yet", inDays(30));
    await t.sql(`UPDATE commitment SET due_at = now() - interval '1 hour' WHERE id = $1`, [rowId(id)]);

    // The scheduled sweep (every second here) marks the row: poll it with a bounded deadline.
    const status = async () => (await t.sql(`SELECT status FROM commitment WHERE id = $1`, [rowId(id)]))[0]!.status as string;
    await until(async () => (await status()) !== "OPEN", 5_000);
    expect(await status()).toBe("MISSED");
    expect((await t.sql(`SELECT status FROM commitment WHERE id = $1`, [rowId(later)]))[0]!.status).toBe("OPEN");
    const missed = await t.sql(`SELECT body, actor_id FROM activity WHERE opportunity_id = $1 AND kind = 'COMMITMENT_MISSED'`, [
      rowId(room),
    ]);
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ actor_id: null });
    expect(missed[0]!.body).toMatch(/^Sam Sato missed “Paper samples”/);

    // Sweeping again finds nothing: a commitment is missed once.
    expect(await t.server.services.commitments.sweepOverdue()).toBe(0);
    expect(await countRows(t, "activity", "opportunity_id = $1 AND kind = 'COMMITMENT_MISSED'", [rowId(room)])).toBe(1);

    // Delivered after all, late: DONE but not on time.
    const late = await t.gql(COMPLETE_COMMITMENT, { input: { id } }, sam);
    expect(late.data!.completeCommitment).toMatchObject({ status: "DONE", onTime: false });
  });
});

describe("reliability", () => {
  const RELIABILITY = `query ($id: ID!) { node(id: $id) { ... on User { reliability { delivered deliveredOnTime missed open onTimeRate helpGiven } organization { reliability { delivered deliveredOnTime missed open onTimeRate } } } } }`;

  it("is computed from the whole history: delivered, missed, open and the on-time rate, per user and per organization", async () => {
    const samId = await userId(t, "sam@paperworks.test");
    const missing = await agreed("sam@paperworks.test", "Due in a second", inDays(1));
    await t.sql(`UPDATE commitment SET due_at = now() - interval '1 minute' WHERE id = $1`, [rowId(missing)]);
    await t.server.services.commitments.sweepOverdue();

    const expected = async (where: string, param: string) => {
      const [row] = await t.sql(
        `SELECT count(*) FILTER (WHERE c.status = 'DONE')::int AS delivered,
                count(*) FILTER (WHERE c.status = 'DONE' AND c.completed_at <= c.due_at)::int AS on_time,
                count(*) FILTER (WHERE c.status = 'MISSED')::int AS missed,
                count(*) FILTER (WHERE c.status = 'OPEN')::int AS open
           FROM commitment c JOIN app_user u ON u.id = c.assignee_id WHERE ${where} = $1`,
        [param],
      );
      return {
        delivered: row!.delivered,
        deliveredOnTime: row!.on_time,
        missed: row!.missed,
        open: row!.open,
        onTimeRate: row!.on_time / (row!.delivered + row!.missed),
      };
    };
    const result = await t.gql(RELIABILITY, { id: samId }, ana);
    const sam = result.data!.node;
    // Demo: one delivered on time. Here: one delivered late, one missed, one still open.
    expect(sam.reliability).toMatchObject({ delivered: 2, deliveredOnTime: 1, missed: 1, onTimeRate: 1 / 3 });
    expect(sam.reliability).toMatchObject(await expected("u.id", rowId(samId)));
    const paperworks = (await t.sql(`SELECT organization_id FROM app_user WHERE email = 'sam@paperworks.test'`))[0]!.organization_id;
    expect(sam.organization.reliability).toEqual(await expected("u.organization_id", paperworks));

    const pat = await t.gql(RELIABILITY, { id: await userId(t, "pat@pixel.test") }, ana);
    expect(pat.data!.node.reliability).toEqual({ delivered: 0, deliveredOnTime: 0, missed: 0, open: 0, onTimeRate: null, helpGiven: 0 });
  });
});

describe("help requests", () => {
  const ANSWER = `mutation ($input: AnswerHelpRequestInput!) { answerHelpRequest(input: $input) { id kind body actor { name } inReplyTo { id body } } }`;
  const HELP = `query ($id: ID!, $status: HelpRequestStatus) { opportunity(id: $id) { helpRequests(filter: { status: $status }) { status request { id body } answers { body actor { name } } } } }`;

  it("are answered by another member; the answer links to the request and counts as help given", async () => {
    const asked = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "HELP_REQUEST", body: "Who knows Umbrella's brand guidelines?" } },
      sam,
    );
    const requestId = asked.data!.logActivity.id;
    const open = await t.gql(HELP, { id: room, status: "OPEN" }, ana);
    expect(open.data!.opportunity.helpRequests).toEqual([
      { status: "OPEN", request: { id: requestId, body: "Who knows Umbrella's brand guidelines?" }, answers: [] },
    ]);

    const own = await t.gql(ANSWER, { input: { requestId, body: "Me, myself" } }, sam);
    expect([codeOf(own), own.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "requestId"]);

    const helpBefore = (await t.gql(`{ viewer { reliability { helpGiven } } }`, {}, lee)).data!.viewer.reliability.helpGiven;
    const answer = await t.gql(ANSWER, { input: { requestId, body: "Pixel did their last rebrand; I'll share the guide." } }, lee);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.answerHelpRequest).toMatchObject({
      kind: "HELP_ANSWER",
      actor: { name: "Lee Lindqvist" },
      inReplyTo: { id: requestId },
    });

    expect((await t.gql(HELP, { id: room, status: "OPEN" }, ana)).data!.opportunity.helpRequests).toEqual([]);
    const answered = await t.gql(HELP, { id: room, status: "ANSWERED" }, ana);
    expect(answered.data!.opportunity.helpRequests).toEqual([
      {
        status: "ANSWERED",
        request: { id: requestId, body: "Who knows Umbrella's brand guidelines?" },
        answers: [{ body: "Pixel did their last rebrand; I'll share the guide.", actor: { name: "Lee Lindqvist" } }],
      },
    ]);
    expect((await t.gql(`{ viewer { reliability { helpGiven } } }`, {}, lee)).data!.viewer.reliability.helpGiven).toBe(helpBefore + 1);
  });

  it("refuses to answer what is not a help request", async () => {
    const note = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "just a note" } }, ana);
    const before = await countRows(t, "activity");
    const result = await t.gql(ANSWER, { input: { requestId: note.data!.logActivity.id, body: "an answer" } }, lee);
    expect([codeOf(result), result.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "requestId"]);
    expect(await countRows(t, "activity")).toBe(before);
  });

  it("are invisible outside the room: answering one is NOT_FOUND, exactly like a random id", async () => {
    const asked = await t.gql(LOG, { input: { opportunityId: room, kind: "HELP_REQUEST", body: "Anyone?" } }, sam);
    const seen = await t.gql(ANSWER, { input: { requestId: asked.data!.logActivity.id, body: "peek" } }, gus);
    const random = await t.gql(ANSWER, { input: { requestId: randomGlobalId("Activity"), body: "peek" } }, gus);
    expect(codeOf(seen)).toBe("NOT_FOUND");
    expect(seen.errors!.map((e) => e.message)).toEqual(random.errors!.map((e) => e.message));
  });
});

describe("visibility of commitments", () => {
  it("another company's people get NOT_FOUND for commitments of rooms they are not in, as for a random id", async () => {
    const internal = await openRoom(t, { title: "Umbrella internal reprint" });
    const anaId = await userId(t, "ana@acme.test");
    const id = (
      await t.gql(
        ADD_COMMITMENT,
        { input: { opportunityId: internal, assigneeId: anaId, title: "Check the plates", dueAt: inDays(2) } },
        ana,
      )
    ).data!.addCommitment.id;
    expect((await t.gql(NODE, { id }, ana)).data!.node.id).toBe(id);
    const random = randomGlobalId("Commitment");
    for (const token of [lee, gus]) {
      for (const query of [NODE, COMPLETE_COMMITMENT, CANCEL, ACCEPT_COMMITMENT, DECLINE_COMMITMENT]) {
        const extra = query === DECLINE_COMMITMENT ? { reason: "peek" } : {};
        const variables = query === NODE ? { id } : { input: { id, ...extra } };
        const randomVariables = query === NODE ? { id: random } : { input: { id: random, ...extra } };
        const seen = await t.gql(query, variables, token);
        expect(codeOf(seen)).toBe("NOT_FOUND");
        expect(seen.errors!.map((e) => e.message)).toEqual((await t.gql(query, randomVariables, token)).errors!.map((e) => e.message));
      }
      const add = await t.gql(
        ADD_COMMITMENT,
        { input: { opportunityId: internal, assigneeId: anaId, title: "x", dueAt: inDays(1) } },
        token,
      );
      expect(codeOf(add)).toBe("NOT_FOUND");
    }
    expect(await countRows(t, "commitment", "opportunity_id = $1", [rowId(internal)])).toBe(1);
  });
});

describe("commitments are agreed, not imposed", () => {
  const RELIABILITY = `query ($id: ID!) { node(id: $id) { ... on User { reliability { delivered deliveredOnTime missed open onTimeRate } organization { reliability { delivered deliveredOnTime missed open onTimeRate } } } } }`;
  const DIRECTORY = `query { partnerDirectory(needs: ["graphic-design"]) { organization { name } reliability { delivered deliveredOnTime missed open onTimeRate } } }`;
  const COMMITMENT = `query ($id: ID!) { node(id: $id) { ... on Commitment { status viewerCanAnswer declineReason acceptedAt } } }`;
  /** Lee's, Pixel's and Pixel's directory entry's reliability, as Ana sees them. */
  const pixelRecord = async () => {
    const node = (await t.gql(RELIABILITY, { id: await userId(t, "lee@pixel.test") }, ana)).data!.node;
    const directory = (await t.gql(DIRECTORY, {}, ana)).data!.partnerDirectory;
    const entry = directory.find((e: { organization: { name: string } }) => e.organization.name === "Pixel Studio");
    return { lee: node.reliability, pixel: node.organization.reliability, directory: entry.reliability };
  };
  const status = async (id: string) => (await t.sql(`SELECT status FROM commitment WHERE id = $1`, [rowId(id)]))[0]!.status as string;

  it("a commitment Ana sets for Lee, already past due, is never swept to MISSED and counts against nobody", async () => {
    const before = await pixelRecord();
    expect(before.directory).toEqual(before.pixel);
    const id = (await add("lee@pixel.test", "Artwork in three seconds")).data!.addCommitment.id;
    expect(await status(id)).toBe("PROPOSED");
    await t.sql(`UPDATE commitment SET due_at = now() - interval '1 hour' WHERE id = $1`, [rowId(id)]);
    await t.server.services.commitments.sweepOverdue();
    // And the scheduled sweep ran at least once: it runs every second here (commitmentSweepSeconds: 1) and signals
    // nothing when it changes nothing, so 1.5 s covers one run.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await status(id)).toBe("PROPOSED");
    expect(await countRows(t, "activity", "kind = 'COMMITMENT_MISSED' AND data->>'commitmentId' = $1", [rowId(id)])).toBe(0);
    expect(await pixelRecord()).toEqual(before);

    // Too late to agree to it now: its author proposes it again with a new date.
    const late = await t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee);
    expect([codeOf(late), late.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "id"]);
    expect(late.errors![0]!.message).toMatch(/before anyone accepted it/);
    expect(await status(id)).toBe("PROPOSED");

    // The same due date on a commitment Lee did agree to counts against Pixel everywhere.
    const accepted = await agreed("lee@pixel.test", "Agreed and then missed");
    await t.sql(`UPDATE commitment SET due_at = now() - interval '1 hour' WHERE id = $1`, [rowId(accepted)]);
    await t.server.services.commitments.sweepOverdue();
    expect(await status(accepted)).toBe("MISSED");
    const after = await pixelRecord();
    expect([after.lee.missed, after.pixel.missed, after.directory.missed]).toEqual([
      before.lee.missed + 1,
      before.pixel.missed + 1,
      before.directory.missed + 1,
    ]);
    expect(after.directory).toEqual(after.pixel);
  });

  it("a self-assigned commitment is agreed at once; one for someone else waits for them and counts nowhere until then", async () => {
    const mine = await add("ana@acme.test", "Book the press check");
    expect(mine.data!.addCommitment.status).toBe("OPEN");
    expect((await roomKinds(t, room)).at(-1)).toBe("COMMITMENT_ADDED");
    expect((await t.gql(COMMITMENT, { id: mine.data!.addCommitment.id }, ana)).data!.node).toMatchObject({
      status: "OPEN",
      viewerCanAnswer: false,
    });
    expect((await t.gql(COMMITMENT, { id: mine.data!.addCommitment.id }, ana)).data!.node.acceptedAt).not.toBeNull();

    const before = await pixelRecord();
    const id = (await add("lee@pixel.test", "Die-cut template")).data!.addCommitment.id;
    expect((await roomKinds(t, room)).at(-1)).toBe("COMMITMENT_PROPOSED");
    expect(await pixelRecord()).toEqual(before);
    const seenBy = async (token: string) => (await t.gql(COMMITMENT, { id }, token)).data!.node.viewerCanAnswer;
    const pat = await t.login("pat@pixel.test");
    expect([await seenBy(lee), await seenBy(pat), await seenBy(ana), await seenBy(sam)]).toEqual([true, true, false, false]);

    expect((await t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee)).errors).toBeUndefined();
    const after = await pixelRecord();
    expect([after.lee.open, after.pixel.open, after.directory.open]).toEqual([
      before.lee.open + 1,
      before.pixel.open + 1,
      before.directory.open + 1,
    ]);
    expect(await seenBy(lee)).toBe(false);
  });

  it("a manager of the assignee's company may answer for them; nobody else may, and nothing is written", async () => {
    const id = (await add("lee@pixel.test", "Embossing proofs")).data!.addCommitment.id;
    const activities = await countRows(t, "activity");
    const max = await t.login("max@acme.test");
    const pia = await t.login("pia@paperworks.test");
    for (const token of [ana, sam, max, pia]) {
      for (const [query, input] of [
        [ACCEPT_COMMITMENT, { id }],
        [DECLINE_COMMITMENT, { id, reason: "Not ours" }],
      ] as const) {
        const result = await t.gql(query, { input }, token);
        expect(codeOf(result)).toBe("FORBIDDEN");
        expect(result.errors![0]!.message).toMatch(/Only Lee Lindqvist, the assignee, or a manager of their organization/);
      }
    }
    for (const [query, input] of [
      [ACCEPT_COMMITMENT, { id }],
      [DECLINE_COMMITMENT, { id, reason: "Not ours" }],
    ] as const) {
      const seen = await t.gql(query, { input }, gus);
      const random = await t.gql(query, { input: { ...input, id: randomGlobalId("Commitment") } }, gus);
      expect(codeOf(seen)).toBe("NOT_FOUND");
      expect(seen.errors!.map((e) => e.message)).toEqual(random.errors!.map((e) => e.message));
    }
    expect(await status(id)).toBe("PROPOSED");
    expect(await countRows(t, "activity")).toBe(activities);

    // Pat, Pixel's manager, is not in the room but sees it through Lee, and accepts for him.
    const byPat = await t.gql(ACCEPT_COMMITMENT, { input: { id } }, await t.login("pat@pixel.test"));
    expect(byPat.errors).toBeUndefined();
    expect(byPat.data!.acceptCommitment).toMatchObject({ status: "OPEN", acceptedBy: { name: "Pat Park" } });
    const [entry] = await t.sql(`SELECT kind, body FROM activity WHERE opportunity_id = $1 ORDER BY seq DESC LIMIT 1`, [rowId(room)]);
    expect(entry).toMatchObject({ kind: "COMMITMENT_ACCEPTED" });
    expect(entry!.body).toMatch(/^Pat Park accepted “Embossing proofs” for Lee Lindqvist, due \d{4}-\d{2}-\d{2}$/);
    const again = await t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee);
    expect(codeOf(again)).toBe("CONFLICT");
    expect(again.errors![0]!.message).toBe("Only a proposed commitment can be accepted; this one is open");
  });

  it("is declined with a reason that the room's log keeps; a declined one counts nowhere and cannot be revived", async () => {
    const before = await pixelRecord();
    const id = (await add("lee@pixel.test", "Rush job over the holidays")).data!.addCommitment.id;
    const activities = await countRows(t, "activity");
    for (const reason of ["", "   ", "x".repeat(1001)]) {
      const result = await t.gql(DECLINE_COMMITMENT, { input: { id, reason } }, lee);
      expect([codeOf(result), result.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "reason"]);
    }
    expect(await countRows(t, "activity")).toBe(activities);

    const declined = await t.gql(DECLINE_COMMITMENT, { input: { id, reason: "  Pixel is fully booked until January  " } }, lee);
    expect(declined.errors).toBeUndefined();
    expect(declined.data!.declineCommitment).toMatchObject({
      id,
      status: "DECLINED",
      declineReason: "Pixel is fully booked until January",
      declinedBy: { name: "Lee Lindqvist" },
    });
    expect(declined.data!.declineCommitment.declinedAt).not.toBeNull();
    const [entry] = await t.sql(`SELECT kind, body, actor_id FROM activity WHERE opportunity_id = $1 ORDER BY seq DESC LIMIT 1`, [
      rowId(room),
    ]);
    expect(entry).toMatchObject({
      kind: "COMMITMENT_DECLINED",
      body: "Lee Lindqvist declined “Rush job over the holidays”: Pixel is fully booked until January",
      actor_id: rowId(await userId(t, "lee@pixel.test")),
    });
    expect((await t.gql(COMMITMENT, { id }, sam)).data!.node).toMatchObject({
      status: "DECLINED",
      declineReason: "Pixel is fully booked until January",
      viewerCanAnswer: false,
    });
    expect(await pixelRecord()).toEqual(before);

    const stillDeclined = activities + 1;
    expect(codeOf(await t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee))).toBe("CONFLICT");
    expect(codeOf(await t.gql(DECLINE_COMMITMENT, { input: { id, reason: "again" } }, lee))).toBe("CONFLICT");
    expect(codeOf(await t.gql(COMPLETE_COMMITMENT, { input: { id } }, lee))).toBe("CONFLICT");
    expect(codeOf(await t.gql(CANCEL, { input: { id } }, ana))).toBe("CONFLICT");
    expect(await status(id)).toBe("DECLINED");
    expect(await countRows(t, "activity")).toBe(stillDeclined);
  });

  it("a proposal cannot be completed before it is accepted; its author withdraws it, the assignee declines instead", async () => {
    const id = (await add("lee@pixel.test", "Spot-colour swatches")).data!.addCommitment.id;
    const early = await t.gql(COMPLETE_COMMITMENT, { input: { id } }, lee);
    expect(codeOf(early)).toBe("CONFLICT");
    expect(early.errors![0]!.message).toBe("The commitment must be accepted before it can be marked done");
    const byLee = await t.gql(CANCEL, { input: { id } }, lee);
    expect(codeOf(byLee)).toBe("FORBIDDEN");
    expect(byLee.errors![0]!.message).toMatch(/declined, with a reason, not cancelled/);
    expect(codeOf(await t.gql(CANCEL, { input: { id } }, sam))).toBe("FORBIDDEN");
    expect(await status(id)).toBe("PROPOSED");

    const withdrawn = await t.gql(CANCEL, { input: { id, reason: "Customer dropped spot colours" } }, ana);
    expect(withdrawn.data!.cancelCommitment.status).toBe("CANCELLED");
    const [entry] = await t.sql(`SELECT kind, body FROM activity WHERE opportunity_id = $1 ORDER BY seq DESC LIMIT 1`, [rowId(room)]);
    expect(entry).toEqual({
      kind: "COMMITMENT_CANCELLED",
      body: "Withdrew the proposal “Spot-colour swatches”: Customer dropped spot colours",
    });
    expect(codeOf(await t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee))).toBe("CONFLICT");
  });

  it("two answers at the same moment: exactly one wins, the other is a CONFLICT, and the log has one answer", async () => {
    const pat = await t.login("pat@pixel.test");
    for (let round = 0; round < 4; round++) {
      const id = (await add("lee@pixel.test", `Race ${round}`)).data!.addCommitment.id;
      const answers =
        round % 2 === 0
          ? [t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee), t.gql(DECLINE_COMMITMENT, { input: { id, reason: "Booked" } }, pat)]
          : [t.gql(ACCEPT_COMMITMENT, { input: { id } }, lee), t.gql(ACCEPT_COMMITMENT, { input: { id } }, pat)];
      const results = await Promise.all(answers);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map(codeOf)).toEqual(["CONFLICT"]);
      const won = winners[0]!.data!;
      const finalStatus = "acceptCommitment" in won ? won.acceptCommitment.status : won.declineCommitment.status;
      expect(await status(id)).toBe(finalStatus);
      const logged = await t.sql(
        `SELECT kind FROM activity WHERE data->>'commitmentId' = $1 AND kind IN ('COMMITMENT_ACCEPTED', 'COMMITMENT_DECLINED')`,
        [rowId(id)],
      );
      expect(logged.map((r) => r.kind)).toEqual([finalStatus === "OPEN" ? "COMMITMENT_ACCEPTED" : "COMMITMENT_DECLINED"]);
    }
  });
});
