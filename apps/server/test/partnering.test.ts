import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { AGREEMENT_TERMS, LOG, MOVE, NODE, countRows, openRoom, randomGlobalId, roomKinds, signInDemoPeople, userId } from "./helpers.js";

let t: TestServer;
let tokens: Record<string, string>;
const orgs: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestServer();
  ({ tokens } = await signInDemoPeople(t));
  for (const handle of ["max", "pat", "pia", "gus"]) {
    const viewer = await t.gql(`{ viewer { organization { id name } } }`, {}, tokens[handle]);
    orgs[viewer.data!.viewer.organization.name] = viewer.data!.viewer.organization.id;
  }
});
afterAll(() => t?.close());

const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

describe("self-assessment (SWOT)", () => {
  const SAVE = `mutation ($input: SaveAssessmentInput!) { saveAssessment(input: $input) { organization { name } updatedBy { name } items { kind description capabilities industries } } }`;
  const ASSESSMENT = `query ($id: ID!) { organization(id: $id) { assessment { items { kind description } } } }`;

  it("is saved by a manager, replacing the previous one, with tags compared without case", async () => {
    const saved = await t.gql(
      SAVE,
      {
        input: {
          items: [
            {
              kind: "STRENGTH",
              description: "Brand and packaging design",
              capabilities: ["Graphic-Design", "packaging-design", "graphic-design"],
              industries: ["Retail", "Food"],
            },
            { kind: "STRENGTH", description: "Photo retouching", capabilities: ["retouching"] },
            { kind: "WEAKNESS", description: "No production capacity", capabilities: ["printing"] },
          ],
        },
      },
      tokens.pat,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveAssessment).toEqual({
      organization: { name: "Pixel Studio" },
      updatedBy: { name: "Pat Park" },
      items: [
        {
          kind: "STRENGTH",
          description: "Brand and packaging design",
          capabilities: ["graphic-design", "packaging-design"],
          industries: ["retail", "food"],
        },
        { kind: "STRENGTH", description: "Photo retouching", capabilities: ["retouching"], industries: [] },
        { kind: "WEAKNESS", description: "No production capacity", capabilities: ["printing"], industries: [] },
      ],
    });
    expect(await countRows(t, "assessment_item", "organization_id = $1", [rowId(orgs["Pixel Studio"]!)])).toBe(3);
  });

  it("refuses reps and bad items, and writes nothing", async () => {
    const before = await countRows(t, "assessment_item");
    const byRep = await t.gql(SAVE, { input: { items: [{ kind: "STRENGTH", description: "Design" }] } }, tokens.lee);
    expect(codeOf(byRep)).toBe("FORBIDDEN");
    const blank = await t.gql(SAVE, { input: { items: [{ kind: "STRENGTH", description: "" }] } }, tokens.pat);
    expect([codeOf(blank), blank.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "items.0.description"]);
    const tag = await t.gql(
      SAVE,
      { input: { items: [{ kind: "STRENGTH", description: "Design", capabilities: ["<script>"] }] } },
      tokens.pat,
    );
    expect([codeOf(tag), tag.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "items.0.capabilities"]);
    expect(await countRows(t, "assessment_item")).toBe(before);
  });

  it("shows its whole self to its own organization and only its strengths to others", async () => {
    const own = await t.gql(ASSESSMENT, { id: orgs["Pixel Studio"] }, tokens.lee);
    expect(own.data!.organization.assessment.items.map((i: { kind: string }) => i.kind)).toEqual(["STRENGTH", "STRENGTH", "WEAKNESS"]);
    for (const as of ["ana", "gus"]) {
      const other = await t.gql(ASSESSMENT, { id: orgs["Pixel Studio"] }, tokens[as]);
      expect(other.data!.organization.assessment.items.map((i: { kind: string }) => i.kind)).toEqual(["STRENGTH", "STRENGTH"]);
    }
  });
});

describe("the partner directory (due diligence)", () => {
  const DIRECTORY = `query ($needs: [String!]) { partnerDirectory(needs: $needs) { organization { name } matchedNeeds strengths { description } reliability { delivered missed onTimeRate } wonDealsTogether partnershipStatus } }`;

  it("matches needs to other organizations' strengths, with reliability, deals won together and partnership status", async () => {
    // A deal Acme won with Pixel in the room.
    const room = await openRoom(t, { title: "Umbrella gift boxes", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    await t.gql(MOVE, { input: { id: room, stage: "CLOSED_WON", expectedVersion: 1 } }, tokens.ana);

    const result = await t.gql(DIRECTORY, { needs: ["Graphic-Design"] }, tokens.ana);
    expect(result.errors).toBeUndefined();
    expect(result.data!.partnerDirectory).toEqual([
      {
        organization: { name: "Pixel Studio" },
        matchedNeeds: ["graphic-design"],
        strengths: [{ description: "Brand and packaging design" }],
        reliability: { delivered: 1, missed: 0, onTimeRate: 1 },
        wonDealsTogether: 1,
        partnershipStatus: "SIGNED",
      },
      {
        organization: { name: "Globex" },
        matchedNeeds: ["graphic-design"],
        strengths: [{ description: "Industrial graphic design" }],
        reliability: { delivered: 0, missed: 0, onTimeRate: null },
        wonDealsTogether: 0,
        partnershipStatus: null,
      },
    ]);
  });

  it("uses the caller's own weaknesses when no needs are given, best coverage first", async () => {
    const result = await t.gql(DIRECTORY, {}, tokens.max);
    const entries = result.data!.partnerDirectory.map((e: { organization: { name: string }; matchedNeeds: string[] }) => [
      e.organization.name,
      e.matchedNeeds,
    ]);
    // Acme's weaknesses: graphic-design, packaging-design, specialty-paper. Paperworks outranks Globex on reliability.
    expect(entries).toEqual([
      ["Pixel Studio", ["graphic-design", "packaging-design"]],
      ["Paperworks", ["specialty-paper"]],
      ["Globex", ["graphic-design"]],
    ]);
    const own = await t.gql(DIRECTORY, { needs: ["printing"] }, tokens.max);
    expect(own.data!.partnerDirectory).toEqual([]); // Acme's own strength is not a partner
  });

  it("answers BAD_USER_INPUT for an empty list of needs", async () => {
    expect(codeOf(await t.gql(DIRECTORY, { needs: [" "] }, tokens.ana))).toBe("BAD_USER_INPUT");
  });
});

describe("deal registration", () => {
  const REGISTER = `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id status title amount { amount currency } conflicts { title } opportunity { id } } }`;
  const REVIEW = `mutation ($input: ReviewDealRegistrationInput!) { reviewDealRegistration(input: $input) { id status reviewReason overrideReason reviewedBy { name } opportunity { id title owner { name } account { name domain } members { role access user { name } } } } }`;
  const REGISTRATION = `query ($id: ID!) { node(id: $id) { ... on DealRegistration { id status conflicts { title } opportunity { title } } } }`;
  const register = (as: string, input: Record<string, unknown>) =>
    t.gql(
      REGISTER,
      {
        input: {
          vendorOrganizationId: orgs["Acme Print"],
          accountName: "Contoso Retail",
          accountDomain: "WWW.Contoso.Example",
          title: "Contoso loyalty mailers",
          amount: { amount: "7000.00", currency: "USD" },
          ...input,
        },
      },
      tokens[as],
    );
  let samsContoso: string;

  it("is PENDING, and flags the vendor's open opportunities on the same domain that the registrant may see", async () => {
    const bySam = await register("sam", {});
    expect(bySam.errors).toBeUndefined();
    expect(bySam.data!.registerDeal).toMatchObject({
      status: "PENDING",
      title: "Contoso loyalty mailers",
      amount: { amount: "7000.00", currency: "USD" },
      opportunity: null,
    });
    // Sam is not in the Contoso room: he learns of no conflict he may not see.
    expect(bySam.data!.registerDeal.conflicts).toEqual([]);
    samsContoso = bySam.data!.registerDeal.id;
    // Acme's reviewers see every conflict.
    expect((await t.gql(REGISTRATION, { id: samsContoso }, tokens.max)).data!.node.conflicts).toEqual([
      { title: "Contoso holiday packaging" },
    ]);
    // Lee is in the Contoso room, so his registration shows it.
    const byLee = await register("lee", { accountDomain: "https://contoso.EXAMPLE/", title: "Contoso shelf talkers" });
    expect(byLee.data!.registerDeal.conflicts).toEqual([{ title: "Contoso holiday packaging" }]);
  });

  it("is refused for an organization without a signed partnership, and for bad input, writing nothing", async () => {
    const before = await countRows(t, "deal_registration");
    const byGus = await register("gus", {});
    expect(codeOf(byGus)).toBe("FORBIDDEN");
    expect(byGus.errors![0]!.message).toBe("Globex has no signed partnership with Acme Print; sign one before registering deals with it");
    const withPixel = await register("sam", { vendorOrganizationId: orgs["Pixel Studio"] });
    expect(codeOf(withPixel)).toBe("FORBIDDEN");
    const own = await register("ana", {});
    expect([codeOf(own), own.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "vendorOrganizationId"]);
    const domain = await register("sam", { accountDomain: "not a domain" });
    expect([codeOf(domain), domain.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "accountDomain"]);
    const nowhere = await register("sam", { vendorOrganizationId: randomGlobalId("Organization") });
    expect(codeOf(nowhere)).toBe("NOT_FOUND");
    expect(await countRows(t, "deal_registration")).toBe(before);
  });

  it("is reviewed only by the vendor's managers", async () => {
    for (const as of ["sam", "pia", "ana"]) {
      const result = await t.gql(REVIEW, { input: { id: samsContoso, decision: "APPROVE", overrideReason: "mine" } }, tokens[as]);
      expect(codeOf(result)).toBe("FORBIDDEN");
    }
    expect(await t.sql(`SELECT status FROM deal_registration WHERE id = $1`, [rowId(samsContoso)])).toEqual([{ status: "PENDING" }]);
  });

  it("with conflicts needs an override reason; approval opens the opportunity with the registrant as PARTNER_REP", async () => {
    const opportunities = await countRows(t, "opportunity");
    const accounts = await countRows(t, "account");
    const bare = await t.gql(REVIEW, { input: { id: samsContoso, decision: "APPROVE" } }, tokens.max);
    expect(codeOf(bare)).toBe("CONFLICT");
    expect(bare.errors![0]!.extensions!.field).toBe("overrideReason");
    expect(bare.errors![0]!.message).toMatch(/1 open opportunity of Acme Print already on contoso\.example/);
    expect(await countRows(t, "opportunity")).toBe(opportunities);
    expect(await t.sql(`SELECT status FROM deal_registration WHERE id = $1`, [rowId(samsContoso)])).toEqual([{ status: "PENDING" }]);

    const approved = await t.gql(
      REVIEW,
      { input: { id: samsContoso, decision: "APPROVE", overrideReason: "Different buyer: Contoso's loyalty team, not packaging" } },
      tokens.max,
    );
    expect(approved.errors).toBeUndefined();
    const registration = approved.data!.reviewDealRegistration;
    expect(registration).toMatchObject({
      status: "APPROVED",
      overrideReason: "Different buyer: Contoso's loyalty team, not packaging",
      reviewedBy: { name: "Max Meyer" },
    });
    expect(registration.opportunity).toMatchObject({
      title: "Contoso loyalty mailers",
      owner: { name: "Max Meyer" },
      account: { name: "Contoso Retail", domain: "www.contoso.example" },
      members: [
        { role: "OWNER", access: "WRITE", user: { name: "Max Meyer" } },
        { role: "PARTNER_REP", access: "WRITE", user: { name: "Sam Sato" } },
      ],
    });
    expect(await countRows(t, "opportunity")).toBe(opportunities + 1);
    expect(await countRows(t, "account")).toBe(accounts); // Contoso's existing account
    expect(await roomKinds(t, registration.opportunity.id)).toEqual(["MEMBER_JOINED", "MEMBER_JOINED", "DEAL_REGISTERED"]);

    // The registrant works the new room and sees it from the registration.
    const seen = await t.gql(REGISTRATION, { id: samsContoso }, tokens.sam);
    expect(seen.data!.node).toMatchObject({ status: "APPROVED", opportunity: { title: "Contoso loyalty mailers" } });
    const logged = await t.gql(
      LOG,
      { input: { opportunityId: registration.opportunity.id, kind: "NOTE", body: "Thanks, on it" } },
      tokens.sam,
    );
    expect(logged.errors).toBeUndefined();

    const twice = await t.gql(REVIEW, { input: { id: samsContoso, decision: "REJECT", reason: "changed my mind" } }, tokens.max);
    expect(codeOf(twice)).toBe("CONFLICT");
  });

  it("without conflicts opens a new account, owned by the rep the reviewer names", async () => {
    const registered = await register("sam", {
      accountName: "Wayne Enterprises",
      accountDomain: "wayne-industries.example",
      title: "Wayne annual report",
    });
    expect(registered.data!.registerDeal.conflicts).toEqual([]);
    const accounts = await countRows(t, "account");
    const approved = await t.gql(
      REVIEW,
      { input: { id: registered.data!.registerDeal.id, decision: "APPROVE", ownerId: await userId(t, "ana@acme.test") } },
      tokens.max,
    );
    expect(approved.data!.reviewDealRegistration.opportunity).toMatchObject({
      owner: { name: "Ana Alvarez" },
      account: { name: "Wayne Enterprises", domain: "wayne-industries.example" },
    });
    expect(await countRows(t, "account")).toBe(accounts + 1);
  });

  it("is rejected only with a reason, and then opens nothing", async () => {
    const registered = await register("sam", { accountName: "Initech", accountDomain: "initech.example", title: "Initech letterheads" });
    const id = registered.data!.registerDeal.id;
    const opportunities = await countRows(t, "opportunity");
    const bare = await t.gql(REVIEW, { input: { id, decision: "REJECT" } }, tokens.max);
    expect([codeOf(bare), bare.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "reason"]);
    const rejected = await t.gql(
      REVIEW,
      { input: { id, decision: "REJECT", reason: "Ana already works Initech" } },
      tokens.ada ?? (tokens.ada = await t.login("ada@acme.test")),
    );
    expect(rejected.data!.reviewDealRegistration).toMatchObject({
      status: "REJECTED",
      reviewReason: "Ana already works Initech",
      opportunity: null,
    });
    expect(await countRows(t, "opportunity")).toBe(opportunities);
  });

  it("is seen only by the registrant's and the vendor's organizations: everyone else gets NOT_FOUND, as for a random id", async () => {
    const random = randomGlobalId("DealRegistration");
    for (const as of ["lee", "pat", "gus"]) {
      const seen = await t.gql(NODE, { id: samsContoso }, tokens[as]);
      expect(codeOf(seen)).toBe("NOT_FOUND");
      expect(seen.errors![0]!.message).toBe((await t.gql(NODE, { id: random }, tokens[as])).errors![0]!.message);
      const review = await t.gql(REVIEW, { input: { id: samsContoso, decision: "REJECT", reason: "x" } }, tokens[as]);
      expect(review.errors![0]!.message).toBe(
        (await t.gql(REVIEW, { input: { id: random, decision: "REJECT", reason: "x" } }, tokens[as])).errors![0]!.message,
      );
    }
    const LIST = `{ dealRegistrations { title registrant { name } } }`;
    const pixel = (await t.gql(LIST, {}, tokens.pat)).data!.dealRegistrations.map(
      (r: { registrant: { name: string } }) => r.registrant.name,
    );
    expect(new Set(pixel)).toEqual(new Set(["Lee Lindqvist"]));
    const acme = (await t.gql(`{ dealRegistrations(filter: { status: PENDING }) { title } }`, {}, tokens.max)).data!.dealRegistrations.map(
      (r: { title: string }) => r.title,
    );
    expect(acme).toEqual(expect.arrayContaining(["Contoso shelf talkers", "Contoso spring catalog", "Wayne stationery refresh"]));
    expect(acme).not.toContain("Contoso loyalty mailers");
    expect((await t.gql(LIST, {}, tokens.gus)).data!.dealRegistrations).toEqual([]);
  });
});

describe("partnership agreements (the fields older clients read)", () => {
  const PROPOSE = `mutation ($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id status scope terms defaultRevenueSplitBp codeOfConductAccepted } }`;
  const SIGN = `mutation ($input: SignPartnershipInput!) { signPartnership(input: $input) { status codeOfConductAccepted currentTerms { signatures { codeOfConductVersion } } } }`;

  it("derive scope, terms and the default split from the structured terms; acceptCodeOfConduct still signs, with the newest version", async () => {
    const tooMuch = await t.gql(
      PROPOSE,
      { input: { partnerOrganizationId: orgs.Paperworks, terms: { ...AGREEMENT_TERMS, defaultCreditSplitBp: 10001 } } },
      tokens.pat,
    );
    expect([codeOf(tooMuch), tooMuch.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "terms.defaultCreditSplitBp"]);
    const proposed = await t.gql(PROPOSE, { input: { partnerOrganizationId: orgs.Paperworks, terms: AGREEMENT_TERMS } }, tokens.pat);
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposePartnership).toMatchObject({
      status: "PROPOSED",
      scope: "Retail accounts; DACH; Catalogs and packaging",
      defaultRevenueSplitBp: 2000,
      codeOfConductAccepted: false,
    });
    expect(proposed.data!.proposePartnership.terms).toContain("Customer meetings are led by: The opportunity's owner.");
    const id = proposed.data!.proposePartnership.id;

    const refused = await t.gql(SIGN, { input: { id, acceptCodeOfConduct: false } }, tokens.pia);
    expect([codeOf(refused), refused.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "acceptCodeOfConduct"]);
    const unnamed = await t.gql(SIGN, { input: { id } }, tokens.pia);
    expect([codeOf(unnamed), unnamed.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "codeOfConductVersion"]);
    expect(await t.sql(`SELECT partner_signed_by_id FROM partnership_terms WHERE partnership_id = $1`, [rowId(id)])).toEqual([
      { partner_signed_by_id: null },
    ]);

    expect((await t.gql(SIGN, { input: { id, acceptCodeOfConduct: true } }, tokens.pia)).data!.signPartnership).toEqual({
      status: "PROPOSED",
      codeOfConductAccepted: true,
      currentTerms: { signatures: [{ codeOfConductVersion: 1 }] },
    });
    expect((await t.gql(SIGN, { input: { id, acceptCodeOfConduct: true } }, tokens.pat)).data!.signPartnership.status).toBe("SIGNED");
  });
});
