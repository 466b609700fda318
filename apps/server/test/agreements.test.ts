import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCodeOfConduct } from "../src/modules/partnership/partnership.service.js";
import { codeOf, startTestServer } from "./fixtures.js";
import type { GraphQLResponse, TestServer } from "./fixtures.js";
import { AGREEMENT_TERMS, MOVE, NODE, OPPORTUNITY, countRows, openRoom, randomGlobalId, signInDemoPeople } from "./helpers.js";

let t: TestServer;
let tokens: Record<string, string>;
const orgs: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestServer();
  // A manager of a third firm, Globex, which partners with nobody here.
  await t.sql(
    `INSERT INTO app_user (id, organization_id, name, email, role, password_hash)
     SELECT gen_random_uuid(), organization_id, 'Gia Gruber', 'gia@globex.test', 'MANAGER', password_hash FROM app_user WHERE email = 'gus@globex.test'`,
  );
  ({ tokens } = await signInDemoPeople(t));
  tokens.gia = await t.login("gia@globex.test");
  tokens.ada = await t.login("ada@acme.test");
  for (const handle of ["max", "pat", "pia", "gus"]) {
    const viewer = await t.gql(`{ viewer { organization { id name } } }`, {}, tokens[handle]);
    orgs[viewer.data!.viewer.organization.name] = viewer.data!.viewer.organization.id;
  }
});
afterAll(() => t?.close());

const TERMS_FIELDS = `revision status relationship knownProblems disputeResolution defaultCreditSplitBp startsOn endsOn complete text
  scope { accounts regions products } logistics { meetingsLedBy leadSharing }
  proposedBy { name } proposedByOrganization { name }
  signatures { organization { name } signedBy { name } signedAt codeOfConductVersion codeOfConduct { version title text } }`;
const PARTNERSHIP_FIELDS = `id status revision inForceRevision proposer { name } partner { name }
  currentTerms { ${TERMS_FIELDS} } pendingAmendment { ${TERMS_FIELDS} } revisions { revision status signatures { organization { name } codeOfConductVersion } }`;
const PROPOSE = `mutation ($input: ProposePartnershipInput!) { proposePartnership(input: $input) { ${PARTNERSHIP_FIELDS} } }`;
const AMEND = `mutation ($input: AmendPartnershipInput!) { amendPartnership(input: $input) { ${PARTNERSHIP_FIELDS} } }`;
const SIGN = `mutation ($input: SignPartnershipInput!) { signPartnership(input: $input) { ${PARTNERSHIP_FIELDS} } }`;
const TERMINATE = `mutation ($input: TerminatePartnershipInput!) { terminatePartnership(input: $input) { id status } }`;
const PARTNERSHIP = `query ($id: ID!) { node(id: $id) { ... on Partnership { ${PARTNERSHIP_FIELDS} } } }`;
const LIST = `{ partnerships { id proposer { name } partner { name } status } }`;

const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;
function ok<T = Record<string, any>>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}
/** The signed partnership between two of the demo firms (the seed signs Acme's with Pixel and Paperworks). */
async function partnershipBetween(a: string, b: string, token = tokens.max!): Promise<string> {
  const list = ok(await t.gql(LIST, {}, token)).partnerships as {
    id: string;
    proposer: { name: string };
    partner: { name: string };
    status: string;
  }[];
  return list.find((p) => p.status !== "TERMINATED" && [p.proposer.name, p.partner.name].sort().join() === [a, b].sort().join())!.id;
}
/** The entries a room logged about partnership amendments. */
const amendmentEntries = (room: string) =>
  t.sql(`SELECT body, data FROM activity WHERE opportunity_id = $1 AND kind = 'PARTNERSHIP_AMENDED' ORDER BY seq`, [rowId(room)]);

describe("a structured partnership proposal", () => {
  it("states every point; each one missing or empty is refused by name and nothing is written", async () => {
    const before = await countRows(t, "partnership");
    const paths: [string, (terms: Record<string, any>) => void][] = [
      ["accounts", (x) => delete x.scope.accounts],
      ["regions", (x) => delete x.scope.regions],
      ["products", (x) => delete x.scope.products],
      ["relationship", (x) => delete x.relationship],
      ["meetingsLedBy", (x) => delete x.logistics.meetingsLedBy],
      ["leadSharing", (x) => delete x.logistics.leadSharing],
      ["knownProblems", (x) => delete x.knownProblems],
      ["disputeResolution", (x) => delete x.disputeResolution],
      ["defaultCreditSplitBp", (x) => delete x.defaultCreditSplitBp],
      ["startsOn", (x) => delete x.startsOn],
      ["endsOn", (x) => delete x.endsOn],
    ];
    for (const [field, drop] of paths) {
      const terms = structuredClone(AGREEMENT_TERMS) as Record<string, any>;
      drop(terms);
      const refused = await t.gql(PROPOSE, { input: { partnerOrganizationId: orgs.Paperworks, terms } }, tokens.pat);
      expect(codeOf(refused), field).toBe("BAD_USER_INPUT");
      expect(refused.errors![0]!.message, field).toContain(field);
    }
    const blanks: [string, Record<string, unknown>][] = [
      ["terms.scope.accounts", { scope: { ...AGREEMENT_TERMS.scope, accounts: "  " } }],
      ["terms.scope.regions", { scope: { ...AGREEMENT_TERMS.scope, regions: "" } }],
      ["terms.scope.products", { scope: { ...AGREEMENT_TERMS.scope, products: "" } }],
      ["terms.logistics.meetingsLedBy", { logistics: { ...AGREEMENT_TERMS.logistics, meetingsLedBy: "" } }],
      ["terms.logistics.leadSharing", { logistics: { ...AGREEMENT_TERMS.logistics, leadSharing: "\n" } }],
      ["terms.knownProblems", { knownProblems: "" }],
      ["terms.disputeResolution", { disputeResolution: " " }],
      ["terms.defaultCreditSplitBp", { defaultCreditSplitBp: -1 }],
      ["terms.defaultCreditSplitBp", { defaultCreditSplitBp: 10001 }],
      ["terms.startsOn", { startsOn: "" }],
      ["terms.startsOn", { startsOn: "2026-02-30" }],
      ["terms.endsOn", { endsOn: "next year" }],
      ["terms.endsOn", { endsOn: "2025-12-31" }],
      ["terms.endsOn", { endsOn: AGREEMENT_TERMS.startsOn }],
    ];
    for (const [field, change] of blanks) {
      const refused = await t.gql(
        PROPOSE,
        { input: { partnerOrganizationId: orgs.Paperworks, terms: { ...AGREEMENT_TERMS, ...change } } },
        tokens.pat,
      );
      expect([codeOf(refused), refused.errors![0]!.extensions!.field], JSON.stringify(change)).toEqual(["BAD_USER_INPUT", field]);
    }
    const early = await t.gql(
      PROPOSE,
      { input: { partnerOrganizationId: orgs.Paperworks, terms: { ...AGREEMENT_TERMS, endsOn: "2025-06-01" } } },
      tokens.pat,
    );
    expect(early.errors![0]!.message).toBe("terms.endsOn: must be after startsOn");
    expect(await countRows(t, "partnership")).toBe(before);
    expect(await countRows(t, "partnership_terms")).toBe(before);
  });

  it("is revision 1 awaiting both signatures, with every point, its proposer and the full text", async () => {
    const proposed = ok(
      await t.gql(
        PROPOSE,
        { input: { partnerOrganizationId: orgs.Paperworks, terms: { ...AGREEMENT_TERMS, relationship: "RESELL" } } },
        tokens.pat,
      ),
    ).proposePartnership;
    expect(proposed).toMatchObject({
      status: "PROPOSED",
      revision: 1,
      inForceRevision: null,
      proposer: { name: "Pixel Studio" },
      partner: { name: "Paperworks" },
      pendingAmendment: null,
      currentTerms: {
        revision: 1,
        status: "PENDING",
        relationship: "RESELL",
        scope: AGREEMENT_TERMS.scope,
        logistics: AGREEMENT_TERMS.logistics,
        knownProblems: "None known",
        disputeResolution: AGREEMENT_TERMS.disputeResolution,
        defaultCreditSplitBp: 2000,
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        complete: true,
        proposedBy: { name: "Pat Park" },
        proposedByOrganization: { name: "Pixel Studio" },
        signatures: [],
      },
    });
    const text: string = proposed.currentTerms.text;
    expect(text).toContain("Partnership agreement between Pixel Studio and Paperworks — revision 1");
    for (const point of [
      "Retail accounts",
      "DACH",
      "Catalogs and packaging",
      "Resell",
      "The opportunity's owner",
      "Registered in cosell first",
      "None known",
      "20%",
      "from 2026-01-01 to 2026-12-31",
    ]) {
      expect(text).toContain(point);
    }
  });
});

describe("signing", () => {
  it("records the code of conduct version each side accepted, shows its text, and makes the partnership SIGNED once both signed", async () => {
    const code = ok(await t.gql(`{ codeOfConduct { version title text publishedAt } codesOfConduct { version } }`, {}, tokens.lee));
    expect(code.codeOfConduct).toMatchObject({ version: 1, title: "cosell partner code of conduct" });
    for (const clause of ["Sharing leads.", "Account control.", "Credit and disputes.", "Confidentiality."])
      expect(code.codeOfConduct.text).toContain(clause);
    expect(code.codesOfConduct).toEqual([{ version: 1 }]);
    expect(ok(await t.gql(`{ codeOfConduct(version: 1) { version } }`, {}, tokens.gus)).codeOfConduct).toEqual({ version: 1 });
    expect(ok(await t.gql(`{ codeOfConduct(version: 7) { version } }`, {}, tokens.gus)).codeOfConduct).toBeNull();

    const id = await partnershipBetween("Pixel Studio", "Paperworks", tokens.pat);
    expect(codeOf(await t.gql(SIGN, { input: { id, revision: 1, codeOfConductVersion: 1 } }, tokens.lee))).toBe("FORBIDDEN");
    const unknown = await t.gql(SIGN, { input: { id, revision: 1, codeOfConductVersion: 99 } }, tokens.pia);
    expect([codeOf(unknown), unknown.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "codeOfConductVersion"]);

    const first = ok(await t.gql(SIGN, { input: { id, revision: 1, codeOfConductVersion: 1 } }, tokens.pia)).signPartnership;
    expect(first.status).toBe("PROPOSED");
    expect(first.currentTerms.signatures).toMatchObject([
      { organization: { name: "Paperworks" }, signedBy: { name: "Pia Petrova" }, codeOfConductVersion: 1, codeOfConduct: { version: 1 } },
    ]);
    const again = await t.gql(SIGN, { input: { id, revision: 1, codeOfConductVersion: 1 } }, tokens.pia);
    expect([codeOf(again), again.errors![0]!.extensions!.reason]).toEqual(["CONFLICT", "ALREADY_SIGNED"]);

    const signed = ok(await t.gql(SIGN, { input: { id, revision: 1, codeOfConductVersion: 1 } }, tokens.pat)).signPartnership;
    expect(signed).toMatchObject({ status: "SIGNED", revision: 1, inForceRevision: 1, pendingAmendment: null });
    expect(signed.currentTerms.status).toBe("IN_FORCE");
    expect(
      signed.currentTerms.signatures.map((s: { organization: { name: string }; codeOfConductVersion: number }) => [
        s.organization.name,
        s.codeOfConductVersion,
      ]),
    ).toEqual([
      ["Pixel Studio", 1],
      ["Paperworks", 1],
    ]);
    expect(
      await t.sql(
        `SELECT proposer_code_of_conduct_version AS p, partner_code_of_conduct_version AS q FROM partnership_terms WHERE partnership_id = $1`,
        [rowId(id)],
      ),
    ).toEqual([{ p: 1, q: 1 }]);
    const nothing = await t.gql(SIGN, { input: { id, codeOfConductVersion: 1 } }, tokens.pat);
    expect([codeOf(nothing), nothing.errors![0]!.extensions!.reason]).toEqual(["CONFLICT", "NOTHING_TO_SIGN"]);
  });

  it("of proposed terms that either side then changed: the change clears signatures, and a signature of the old revision is refused", async () => {
    const id = await partnershipBetween("Pixel Studio", "Paperworks", tokens.pat);
    ok(await t.gql(TERMINATE, { input: { id } }, tokens.pat));
    const proposed = ok(
      await t.gql(PROPOSE, { input: { partnerOrganizationId: orgs.Paperworks, terms: AGREEMENT_TERMS } }, tokens.pat),
    ).proposePartnership;
    ok(await t.gql(SIGN, { input: { id: proposed.id, revision: 1, codeOfConductVersion: 1 } }, tokens.pat));
    const changed = ok(
      await t.gql(
        AMEND,
        { input: { id: proposed.id, revision: 1, terms: { ...AGREEMENT_TERMS, defaultCreditSplitBp: 3000 } } },
        tokens.pia,
      ),
    ).amendPartnership;
    expect(changed).toMatchObject({ status: "PROPOSED", revision: 2, inForceRevision: null, pendingAmendment: null });
    expect(changed.currentTerms).toMatchObject({
      revision: 2,
      status: "PENDING",
      defaultCreditSplitBp: 3000,
      signatures: [],
      proposedBy: { name: "Pia Petrova" },
    });
    expect(changed.revisions).toEqual([
      { revision: 2, status: "PENDING", signatures: [] },
      { revision: 1, status: "REPLACED", signatures: [{ organization: { name: "Pixel Studio" }, codeOfConductVersion: 1 }] },
    ]);
    const stale = await t.gql(SIGN, { input: { id: proposed.id, revision: 1, codeOfConductVersion: 1 } }, tokens.pat);
    expect([codeOf(stale), stale.errors![0]!.extensions!.reason, stale.errors![0]!.extensions!.currentRevision]).toEqual([
      "CONFLICT",
      "TERMS_REVISED",
      2,
    ]);
    const staleEdit = await t.gql(AMEND, { input: { id: proposed.id, revision: 1, terms: AGREEMENT_TERMS } }, tokens.pat);
    expect([codeOf(staleEdit), staleEdit.errors![0]!.extensions!.reason]).toEqual(["CONFLICT", "TERMS_REVISED"]);
    for (const signer of ["pia", "pat"])
      ok(await t.gql(SIGN, { input: { id: proposed.id, revision: 2, codeOfConductVersion: 1 } }, tokens[signer]));
    expect(ok(await t.gql(PARTNERSHIP, { id: proposed.id }, tokens.pia)).node).toMatchObject({ status: "SIGNED", inForceRevision: 2 });
  });
});

describe("an amendment", () => {
  it("waits for both signatures while the signed terms stay in force, then takes effect and is logged in every open room the two firms share", async () => {
    const id = await partnershipBetween("Acme Print", "Pixel Studio");
    const shared = await openRoom(t, { title: "Amendment: shared", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const acmeOnly = await openRoom(t, {
      title: "Amendment: Acme with Paperworks",
      members: [["sam@paperworks.test", "PARTNER_REP", "WRITE"]],
    });
    const closed = await openRoom(t, { title: "Amendment: lost", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const { version } = ok(await t.gql(OPPORTUNITY, { id: closed }, tokens.ana)).opportunity;
    ok(await t.gql(MOVE, { input: { id: closed, stage: "CLOSED_LOST", expectedVersion: version } }, tokens.ana));

    const before = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
    expect(before).toMatchObject({
      status: "SIGNED",
      revision: 1,
      inForceRevision: 1,
      currentTerms: { complete: true, defaultCreditSplitBp: 2000 },
    });
    const amended = ok(
      await t.gql(
        AMEND,
        {
          input: {
            id,
            revision: 1,
            terms: { ...AGREEMENT_TERMS, defaultCreditSplitBp: 2500, knownProblems: "Pixel also designs for a rival" },
          },
        },
        tokens.max,
      ),
    ).amendPartnership;
    expect(amended).toMatchObject({
      status: "SIGNED",
      revision: 2,
      inForceRevision: 1,
      currentTerms: { revision: 1, status: "IN_FORCE", defaultCreditSplitBp: 2000 },
      pendingAmendment: { revision: 2, status: "PENDING", defaultCreditSplitBp: 2500, proposedBy: { name: "Max Meyer" }, signatures: [] },
    });
    ok(await t.gql(SIGN, { input: { id, revision: 2, codeOfConductVersion: 1 } }, tokens.max));
    expect(await amendmentEntries(shared)).toEqual([]);

    const inForce = ok(await t.gql(SIGN, { input: { id, revision: 2, codeOfConductVersion: 1 } }, tokens.pat)).signPartnership;
    expect(inForce).toMatchObject({
      status: "SIGNED",
      revision: 2,
      inForceRevision: 2,
      pendingAmendment: null,
      currentTerms: { revision: 2, status: "IN_FORCE", defaultCreditSplitBp: 2500 },
    });
    expect(inForce.revisions).toEqual([
      {
        revision: 2,
        status: "IN_FORCE",
        signatures: [
          { organization: { name: "Acme Print" }, codeOfConductVersion: 1 },
          { organization: { name: "Pixel Studio" }, codeOfConductVersion: 1 },
        ],
      },
      {
        revision: 1,
        status: "SUPERSEDED",
        signatures: [
          { organization: { name: "Acme Print" }, codeOfConductVersion: 1 },
          { organization: { name: "Pixel Studio" }, codeOfConductVersion: 1 },
        ],
      },
    ]);

    const entries = await amendmentEntries(shared);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.body).toBe(
      "The partnership agreement between Acme Print and Pixel Studio was amended: revision 2, proposed by Max Meyer (Acme Print), now signed by both firms and in force.",
    );
    expect(entries[0]!.data).toEqual({ partnershipId: rowId(id), revision: 2 });
    expect(await amendmentEntries(acmeOnly)).toEqual([]);
    expect(await amendmentEntries(closed)).toEqual([]);
    // Pixel's rep reads it in the room's feed like any other entry.
    const feed = ok(
      await t.gql(
        `query ($id: ID!) { opportunity(id: $id) { activities(first: 50) { edges { node { kind body actor { name } } } } } }`,
        { id: shared },
        tokens.lee,
      ),
    );
    expect(feed.opportunity.activities.edges.map((e: { node: { kind: string } }) => e.node)).toContainEqual({
      kind: "PARTNERSHIP_AMENDED",
      body: entries[0]!.body,
      actor: { name: "Pat Park" },
    });
  });
});

describe("a third firm", () => {
  it("sees no partnership of others, its terms or history: every path answers as for an id that does not exist", async () => {
    const id = await partnershipBetween("Acme Print", "Pixel Studio");
    const random = randomGlobalId("Partnership");
    expect(ok(await t.gql(LIST, {}, tokens.gia)).partnerships).toEqual([]);
    const calls: [string, (id: string) => Record<string, unknown>][] = [
      [NODE, (id) => ({ id })],
      [PARTNERSHIP, (id) => ({ id })],
      [AMEND, (id) => ({ input: { id, terms: AGREEMENT_TERMS } })],
      [SIGN, (id) => ({ input: { id, codeOfConductVersion: 1 } })],
      [TERMINATE, (id) => ({ input: { id } })],
    ];
    const rowsBefore = await countRows(t, "partnership_terms");
    for (const [query, variables] of calls) {
      for (const who of ["gia", "gus"]) {
        const [seen, missing] = await Promise.all([t.gql(query, variables(id), tokens[who]), t.gql(query, variables(random), tokens[who])]);
        expect(seen.errors, query).toEqual(missing.errors);
        expect(seen.data ?? null).toEqual(missing.data ?? null);
      }
      expect(codeOf(await t.gql(query, variables(id), tokens.gia))).toBe("NOT_FOUND");
    }
    expect(await countRows(t, "partnership_terms")).toBe(rowsBefore);
  });
});

describe("races", () => {
  it("both sides signing at once: both signatures count and the amendment takes effect exactly once", async () => {
    const id = await partnershipBetween("Acme Print", "Paperworks");
    const room = await openRoom(t, { title: "Race: Paperworks room", members: [["sam@paperworks.test", "PARTNER_REP", "WRITE"]] });
    for (let round = 0; round < 4; round++) {
      const { revision } = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
      ok(await t.gql(AMEND, { input: { id, revision, terms: { ...AGREEMENT_TERMS, defaultCreditSplitBp: 1000 + round } } }, tokens.pia));
      const [a, b] = await Promise.all(
        ["max", "pia"].map((who) => t.gql(SIGN, { input: { id, revision: revision + 1, codeOfConductVersion: 1 } }, tokens[who])),
      );
      expect(a!.errors).toBeUndefined();
      expect(b!.errors).toBeUndefined();
      const after = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
      expect(after).toMatchObject({ inForceRevision: revision + 1, currentTerms: { defaultCreditSplitBp: 1000 + round } });
      expect(await amendmentEntries(room)).toHaveLength(round + 1);
    }
  });

  it("two managers of one firm signing at once: exactly one signature counts", async () => {
    const id = await partnershipBetween("Acme Print", "Paperworks");
    const { revision } = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
    ok(await t.gql(AMEND, { input: { id, revision, terms: AGREEMENT_TERMS } }, tokens.pia));
    const results = await Promise.all(
      ["max", "ada"].map((who) => t.gql(SIGN, { input: { id, revision: revision + 1, codeOfConductVersion: 1 } }, tokens[who])),
    );
    expect(results.map((r) => codeOf(r) ?? "OK").sort()).toEqual(["CONFLICT", "OK"]);
    const pending = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node.pendingAmendment;
    expect(pending.signatures).toHaveLength(1);
  });

  it("a signature racing an amendment never signs terms the signer did not see", async () => {
    const id = await partnershipBetween("Acme Print", "Paperworks");
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      // Fresh terms from Paperworks, which Acme reads and signs while Paperworks changes them again.
      const { revision } = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
      ok(
        await t.gql(AMEND, { input: { id, revision, terms: { ...AGREEMENT_TERMS, knownProblems: `before round ${round}` } } }, tokens.pia),
      );
      const seen = revision + 1;
      const [signed, amended] = await Promise.all([
        t.gql(SIGN, { input: { id, revision: seen, codeOfConductVersion: 1 } }, tokens.max),
        new Promise((resolve) => setTimeout(resolve, round % 4)).then(() =>
          t.gql(AMEND, { input: { id, terms: { ...AGREEMENT_TERMS, knownProblems: `round ${round}` } } }, tokens.pia),
        ),
      ]);
      expect(amended.errors).toBeUndefined();
      const after = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
      const newest = after.revisions[0];
      // The newest revision is the amendment; Acme never signed it, whatever the order.
      expect(newest.revision).toBe(seen + 1);
      expect(newest.signatures.map((s: { organization: { name: string } }) => s.organization.name)).not.toContain("Acme Print");
      if (signed.errors) {
        expect([codeOf(signed), signed.errors[0]!.extensions!.reason]).toEqual(["CONFLICT", "TERMS_REVISED"]);
        outcomes.add("refused");
      } else {
        const old = after.revisions.find((r: { revision: number }) => r.revision === seen);
        expect(old.signatures.map((s: { organization: { name: string } }) => s.organization.name)).toContain("Acme Print");
        outcomes.add("signed first");
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});

describe("a new version of the code of conduct", () => {
  it("is published by the platform, and signatures from then on must accept it", async () => {
    const id = await partnershipBetween("Acme Print", "Paperworks");
    const published = await t.server.services.dataSource.transaction((em) =>
      publishCodeOfConduct(em, { title: "cosell partner code of conduct", text: "Customer first. Version two." }),
    );
    expect(published.version).toBe(2);
    expect(ok(await t.gql(`{ codeOfConduct { version text } codesOfConduct { version } }`, {}, tokens.pia))).toEqual({
      codeOfConduct: { version: 2, text: "Customer first. Version two." },
      codesOfConduct: [{ version: 2 }, { version: 1 }],
    });
    const { revision } = ok(await t.gql(PARTNERSHIP, { id }, tokens.max)).node;
    const outdated = await t.gql(SIGN, { input: { id, revision, codeOfConductVersion: 1 } }, tokens.pia);
    expect([codeOf(outdated), outdated.errors![0]!.extensions!.reason, outdated.errors![0]!.extensions!.currentVersion]).toEqual([
      "CONFLICT",
      "CODE_OF_CONDUCT_OUTDATED",
      2,
    ]);
    const signed = ok(await t.gql(SIGN, { input: { id, revision, codeOfConductVersion: 2 } }, tokens.pia)).signPartnership;
    expect(signed.pendingAmendment.signatures).toContainEqual(
      expect.objectContaining({
        organization: { name: "Paperworks" },
        codeOfConductVersion: 2,
        codeOfConduct: expect.objectContaining({ version: 2 }),
      }),
    );
  });
});
