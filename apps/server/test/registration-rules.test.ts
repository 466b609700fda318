import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES } from "@cosell/schema";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { MOVE, NODE, countRows, randomGlobalId, roomKinds, signInDemoPeople } from "./helpers.js";

let t: TestServer;
let tokens: Record<string, string>;
const orgs: Record<string, string> = {};
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  t = await startTestServer();
  ({ tokens } = await signInDemoPeople(t));
  tokens.ada = await t.login("ada@acme.test");
  for (const handle of ["max", "pat", "pia", "gus"]) {
    const viewer = await t.gql(`{ viewer { organization { id name } } }`, {}, tokens[handle]);
    orgs[viewer.data!.viewer.organization.name] = viewer.data!.viewer.organization.id;
  }
});
afterAll(() => t?.close());

const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

const FIELDS = `id status title protectedUntil expiredAt autoApproved hasRegistrationConflict reviewedBy { name }
  conflictingRegistrations { id title registrant { name organization { name } } }
  attachments { id filename contentType size url }
  opportunity { id version owner { name } }`;
const REGISTER = `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { ${FIELDS} } }`;
const REVIEW = `mutation ($input: ReviewDealRegistrationInput!) { reviewDealRegistration(input: $input) { ${FIELDS} } }`;
const REGISTRATION = `query ($id: ID!) { node(id: $id) { ... on DealRegistration { ${FIELDS} } } }`;
const SET_WINDOW = `mutation ($input: SetRegistrationProtectionDaysInput!) { setRegistrationProtectionDays(input: $input) { name registrationProtectionDays } }`;
const SET_RULE = `mutation ($input: SetRegistrationAutoApprovalInput!) { setRegistrationAutoApproval(input: $input) {
  enabled requireNoConflict maxAmount { amount currency } partner { name } owner { name } setBy { name } } }`;

let domains = 0;
/** A customer domain no other story uses. */
const freshDomain = () => `customer-${++domains}-${Date.now().toString(36)}.example`;

async function register(as: string, input: Record<string, unknown> = {}) {
  const result = await t.gql(
    REGISTER,
    {
      input: {
        vendorOrganizationId: orgs["Acme Print"],
        accountName: "Umbrella Corp",
        accountDomain: freshDomain(),
        title: `Umbrella brochures ${domains}`,
        amount: { amount: "3000.00", currency: "USD" },
        ...input,
      },
    },
    tokens[as],
  );
  expect(result.errors).toBeUndefined();
  return result.data!.registerDeal;
}

const approve = (id: string, as = "max") => t.gql(REVIEW, { input: { id, decision: "APPROVE" } }, tokens[as]);
const read = async (id: string, as = "max") => (await t.gql(REGISTRATION, { id }, tokens[as])).data!.node;

describe("the protection window", () => {
  it("is 90 days until an admin of the vendor sets it, within 1..3650 days", async () => {
    const ORG = `query ($id: ID!) { organization(id: $id) { registrationProtectionDays } }`;
    expect((await t.gql(ORG, { id: orgs["Acme Print"] }, tokens.sam)).data!.organization.registrationProtectionDays).toBe(90);
    for (const as of ["ana", "max", "pat"]) expect(codeOf(await t.gql(SET_WINDOW, { input: { days: 30 } }, tokens[as]))).toBe("FORBIDDEN");
    for (const days of [0, 3651, -5]) {
      const refused = await t.gql(SET_WINDOW, { input: { days } }, tokens.ada);
      expect([codeOf(refused), refused.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "days"]);
    }
    const set = await t.gql(SET_WINDOW, { input: { days: 30 } }, tokens.ada);
    expect(set.data!.setRegistrationProtectionDays).toEqual({ name: "Acme Print", registrationProtectionDays: 30 });
    // Partners see the vendor's window: it is a term of the program they register under.
    expect((await t.gql(ORG, { id: orgs["Acme Print"] }, tokens.sam)).data!.organization.registrationProtectionDays).toBe(30);
  });

  it("protects an approved registration until approval + the window; the sweep expires it then unless its deal moved", async () => {
    const idle = await register("sam");
    const moving = await register("sam");
    const before = Date.now();
    const approvedIdle = (await approve(idle.id)).data!.reviewDealRegistration;
    const approvedMoving = (await approve(moving.id)).data!.reviewDealRegistration;
    const protectedUntil = Date.parse(approvedIdle.protectedUntil);
    expect(protectedUntil).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 1000);
    expect(protectedUntil).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS + 1000);
    expect(approvedIdle).toMatchObject({ status: "APPROVED", expiredAt: null, autoApproved: false, reviewedBy: { name: "Max Meyer" } });

    // The second deal moves on: that keeps its registration.
    const opportunity = approvedMoving.opportunity;
    const moved = await t.gql(
      MOVE,
      { input: { id: opportunity.id, stage: "QUALIFICATION", expectedVersion: opportunity.version } },
      tokens.max,
    );
    expect(moved.errors).toBeUndefined();

    await t.server.registrationSweeper.runOnce(new Date(protectedUntil - 60_000));
    expect((await read(idle.id)).status).toBe("APPROVED");

    const at = new Date(protectedUntil + 5 * 60_000);
    expect(await t.server.registrationSweeper.runOnce(at)).toBeGreaterThanOrEqual(1);
    const expired = await read(idle.id, "sam");
    expect(expired).toMatchObject({ status: "EXPIRED", expiredAt: at.toISOString() });
    expect((await read(moving.id)).status).toBe("APPROVED");
    expect(await t.server.registrationSweeper.runOnce(at)).toBe(0);

    // The registrant and the vendor's managers are told, once.
    const INBOX = `{ notifications(first: 20) { edges { node { kind text } } } }`;
    for (const as of ["sam", "max"]) {
      const inbox = (await t.gql(INBOX, {}, tokens[as])).data!.notifications.edges.map(
        (e: { node: { kind: string; text: string } }) => e.node,
      );
      expect(
        inbox.filter((n: { kind: string; text: string }) => n.kind === "REGISTRATION_EXPIRED" && n.text.includes(idle.title)),
      ).toHaveLength(1);
    }
  });

  it("is swept by several instances at once without expiring anything twice", async () => {
    const registrations = [await register("sam"), await register("sam"), await register("lee")];
    for (const r of registrations) expect((await approve(r.id)).errors).toBeUndefined();
    const far = new Date(Date.now() + 3651 * DAY_MS);
    const DUE = `status = 'APPROVED' AND protected_until < $1
      AND NOT EXISTS (SELECT 1 FROM stage_change c WHERE c.opportunity_id = r.opportunity_id AND c.from_stage IS NOT NULL)`;
    const due = await countRows(t, "deal_registration r", DUE, [far]);
    expect(due).toBeGreaterThanOrEqual(3);
    const counts = await Promise.all([0, 1, 2].map(() => t.server.registrationSweeper.runOnce(far)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(due);
    expect(await countRows(t, "deal_registration r", DUE, [far])).toBe(0);
    for (const r of registrations) expect((await read(r.id)).status).toBe("EXPIRED");
  });
});

describe("conflicts between partners", () => {
  it("are all shown to the vendor's reviewer; the registrant learns only that there is one", async () => {
    const domain = freshDomain();
    const byLee = await register("lee", { accountDomain: domain, title: "Lee's secret catalog" });
    const bySam = await register("sam", { accountDomain: `https://WWW.${domain.toUpperCase()}/`, title: "Sam's mailers" });
    // What Sam's firm gets back names no other firm and no other deal.
    expect(bySam).toMatchObject({ hasRegistrationConflict: true, conflictingRegistrations: [] });
    const asSam = JSON.stringify(await t.gql(REGISTRATION, { id: bySam.id }, tokens.pia));
    expect(asSam).not.toMatch(/Pixel|Lee|secret catalog/);
    expect(codeOf(await t.gql(NODE, { id: byLee.id }, tokens.sam))).toBe("NOT_FOUND");

    const seenByMax = await read(bySam.id);
    expect(seenByMax.conflictingRegistrations).toEqual([
      { id: byLee.id, title: "Lee's secret catalog", registrant: { name: "Lee Lindqvist", organization: { name: "Pixel Studio" } } },
    ]);
    expect((await read(byLee.id)).conflictingRegistrations.map((r: { title: string }) => r.title)).toEqual(["Sam's mailers"]);
    // A third firm's view of either: nothing at all.
    expect(codeOf(await t.gql(NODE, { id: bySam.id }, tokens.gus))).toBe("NOT_FOUND");
  });

  it("make approval refused with REGISTRATION_CONFLICT once another partner's registration of the account is approved", async () => {
    const domain = freshDomain();
    const byLee = await register("lee", { accountDomain: domain });
    const bySam = await register("sam", { accountDomain: domain });
    expect((await approve(byLee.id)).errors).toBeUndefined();
    const opportunities = await countRows(t, "opportunity");
    const refused = await approve(bySam.id);
    expect(codeOf(refused)).toBe("REGISTRATION_CONFLICT");
    expect(refused.errors![0]!.message).toMatch(/already approved \(protected until \d{4}-\d\d-\d\d\)/);
    expect(refused.errors![0]!.extensions!.conflictingRegistrations).toEqual([byLee.id]);
    expect(await countRows(t, "opportunity")).toBe(opportunities);
    expect((await read(bySam.id)).status).toBe("PENDING");
    // Rejecting stays possible.
    const rejected = await t.gql(REVIEW, { input: { id: bySam.id, decision: "REJECT", reason: "Pixel has it" } }, tokens.max);
    expect(rejected.data!.reviewDealRegistration.status).toBe("REJECTED");
  });

  it("let exactly one of two concurrent approvals win, and the other once the winner has expired", async () => {
    for (let round = 0; round < 3; round++) {
      const domain = freshDomain();
      const byLee = await register("lee", { accountDomain: domain });
      const bySam = await register("sam", { accountDomain: domain });
      const opportunities = await countRows(t, "opportunity");
      const results = await Promise.all([approve(byLee.id, "max"), approve(bySam.id, "ada")]);
      const codes = results.map((r) => codeOf(r) ?? "OK").sort();
      expect(codes).toEqual(["OK", "REGISTRATION_CONFLICT"]);
      expect(await countRows(t, "deal_registration", `normalized_domain = $1 AND status = 'APPROVED'`, [domain])).toBe(1);
      expect(await countRows(t, "opportunity")).toBe(opportunities + 1);

      if (round === 0) {
        // The winner's protection lapses: the other firm's registration may now be approved.
        await t.server.registrationSweeper.runOnce(new Date(Date.now() + 3651 * DAY_MS));
        const loser = codeOf(results[0]!) ? byLee : bySam;
        // Its deal is still open on the account, so approving takes an override, as for any open deal.
        const again = await t.gql(
          REVIEW,
          { input: { id: loser.id, decision: "APPROVE", overrideReason: "The first partner's claim lapsed" } },
          tokens.max,
        );
        expect(again.data!.reviewDealRegistration.status).toBe("APPROVED");
      }
    }
  });
});

/** A real 1×1 PNG: signature, IHDR, IDAT (zlib), IEND, with their CRCs. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0, 255]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A small well-formed PDF with one empty page. */
function pdf(): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** The start of a Windows program (MZ header and PE signature), whatever it is named. */
function exe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
}

describe("attachments", () => {
  let registration: { id: string };
  const upload = (id: string, filename: string, body: Buffer, token?: string) =>
    fetch(`${t.url}/registrations/${id}/attachments?filename=${encodeURIComponent(filename)}`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });

  beforeAll(async () => {
    registration = await register("sam");
  });

  it("take a real PDF and PNG, typed by their content, and list them on the registration", async () => {
    const byPdf = await upload(registration.id, "Signed NDA.pdf", pdf(), tokens.sam);
    expect(byPdf.status).toBe(201);
    const pdfAnswer = (await byPdf.json()) as { attachment: { contentType: string; size: number; url: string } };
    expect(pdfAnswer.attachment).toMatchObject({ contentType: "application/pdf", size: pdf().length });
    // A PNG named like a PDF is kept as what it is.
    const byPng = await upload(registration.id, "org chart.pdf", png(), tokens.pia);
    expect(byPng.status).toBe(201);

    const listed = (await read(registration.id, "sam")).attachments;
    expect(listed.map((a: { filename: string; contentType: string }) => [a.filename, a.contentType])).toEqual([
      ["Signed NDA.pdf", "application/pdf"],
      ["org chart.pdf", "image/png"],
    ]);
    expect(listed[0].url).toBe(pdfAnswer.attachment.url);

    // The vendor downloads them with the detected type, as a download, never sniffed.
    const download = await fetch(`${t.url}${listed[1].url}`, { headers: { authorization: `Bearer ${tokens.max}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="org-chart.pdf"');
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer()).equals(png())).toBe(true);
  });

  it("refuse a program renamed .pdf, and text renamed .png, by their content (415), writing nothing", async () => {
    const before = await countRows(t, "registration_attachment");
    for (const [name, body] of [
      ["contract.pdf", exe()],
      ["photo.png", Buffer.from("just some text, not an image")],
    ] as const) {
      const refused = await upload(registration.id, name, body, tokens.sam);
      expect(refused.status).toBe(415);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        "UNSUPPORTED_MEDIA_TYPE",
      );
    }
    expect(await countRows(t, "registration_attachment")).toBe(before);
  });

  it("refuse a file over the size limit with 413", async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(ATTACHMENT_MAX_BYTES)]);
    const refused = await upload(registration.id, "huge.pdf", big, tokens.sam);
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("are seen only by the registrant's firm and the vendor: a third firm gets 404, as for a random id", async () => {
    const [first] = (await read(registration.id, "sam")).attachments;
    for (const as of ["lee", "gus"]) {
      const seen = await fetch(`${t.url}${first.url}`, { headers: { authorization: `Bearer ${tokens[as]}` } });
      expect(seen.status).toBe(404);
      const added = await upload(registration.id, "mine.pdf", pdf(), tokens[as]);
      expect(added.status).toBe(404);
      const random = await upload(randomGlobalId("DealRegistration"), "mine.pdf", pdf(), tokens[as]);
      expect(await added.text()).toBe(await random.text());
    }
    // The vendor reads but does not add; nobody anonymous does anything.
    expect((await upload(registration.id, "vendor.pdf", pdf(), tokens.max)).status).toBe(403);
    expect((await upload(registration.id, "anon.pdf", pdf())).status).toBe(401);
    expect((await fetch(`${t.url}${first.url}`)).status).toBe(401);
    const wrongAttachment = await fetch(
      `${t.url}/registrations/${registration.id}/attachments/${randomGlobalId("RegistrationAttachment")}`,
      {
        headers: { authorization: `Bearer ${tokens.sam}` },
      },
    );
    expect(wrongAttachment.status).toBe(404);
  });

  it("take the web app's session cookie only from its own origin", async () => {
    const signIn = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation ($input: LoginInput!) { signIn(input: $input) { user { name } } }`,
        variables: { input: { email: "sam@paperworks.test", password: "cosell-demo" } },
      }),
    });
    const cookie = /^(cosell_session=[^;]+)/.exec(signIn.headers.get("set-cookie") ?? "")![1]!;
    const withCookie = (origin: string) =>
      fetch(`${t.url}/registrations/${registration.id}/attachments?filename=scan.png`, {
        method: "POST",
        headers: { cookie, origin, "content-type": "application/octet-stream" },
        body: new Uint8Array(png()),
      });
    const before = await countRows(t, "registration_attachment");
    expect((await withCookie("https://evil.example")).status).toBe(403);
    expect(await countRows(t, "registration_attachment")).toBe(before);
    expect((await withCookie(t.url)).status).toBe(201);
  });

  it("need a file name", async () => {
    const refused = await upload(registration.id, "", pdf(), tokens.sam);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe("filename");
  });
});

describe("auto-approval", () => {
  it("is set per partner firm by the vendor's managers, with checked input", async () => {
    const input = { partnerOrganizationId: orgs.Paperworks, maxAmount: "5000.00", currency: "USD", requireNoConflict: true, enabled: true };
    for (const as of ["ana", "sam"]) expect(codeOf(await t.gql(SET_RULE, { input }, tokens[as]))).toBe("FORBIDDEN");
    const own = await t.gql(SET_RULE, { input }, tokens.pia);
    expect([codeOf(own), own.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "partnerOrganizationId"]);
    const badAmount = await t.gql(SET_RULE, { input: { ...input, maxAmount: "lots" } }, tokens.max);
    expect([codeOf(badAmount), badAmount.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "maxAmount"]);
    expect(codeOf(await t.gql(SET_RULE, { input: { ...input, partnerOrganizationId: randomGlobalId("Organization") } }, tokens.max))).toBe(
      "NOT_FOUND",
    );
    const set = await t.gql(SET_RULE, { input }, tokens.max);
    expect(set.data!.setRegistrationAutoApproval).toEqual({
      enabled: true,
      requireNoConflict: true,
      maxAmount: { amount: "5000.00", currency: "USD" },
      partner: { name: "Paperworks" },
      owner: { name: "Max Meyer" },
      setBy: { name: "Max Meyer" },
    });
    const listed = await t.gql(`{ registrationAutoApprovals { partner { name } enabled } }`, {}, tokens.ada);
    expect(listed.data!.registrationAutoApprovals).toEqual([{ partner: { name: "Paperworks" }, enabled: true }]);
    expect((await t.gql(`{ registrationAutoApprovals { enabled } }`, {}, tokens.pia)).data!.registrationAutoApprovals).toEqual([]);
  });

  it("approves a matching registration at creation, with no reviewer, and says so in the room", async () => {
    const registration = await register("sam", { amount: { amount: "4000.00", currency: "USD" } });
    expect(registration).toMatchObject({
      status: "APPROVED",
      autoApproved: true,
      reviewedBy: null,
      opportunity: { owner: { name: "Max Meyer" } },
    });
    expect(Date.parse(registration.protectedUntil)).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(await roomKinds(t, registration.opportunity.id)).toContain("DEAL_REGISTERED");
    const [entry] = await t.sql(`SELECT body FROM activity WHERE opportunity_id = $1 AND kind = 'DEAL_REGISTERED'`, [
      rowId(registration.opportunity.id),
    ]);
    expect(entry!.body).toBe("Deal registered by Sam Sato (Paperworks) and approved automatically (the vendor's rule for its firm)");
  });

  it("leaves for review what is over the limit, in another currency, in conflict, or from a firm without a rule", async () => {
    const over = await register("sam", { amount: { amount: "5000.01", currency: "USD" } });
    const euros = await register("sam", { amount: { amount: "100.00", currency: "EUR" } });
    const domain = freshDomain();
    await register("lee", { accountDomain: domain, amount: { amount: "100.00", currency: "USD" } });
    const conflicted = await register("sam", { accountDomain: domain, amount: { amount: "100.00", currency: "USD" } });
    // Acme already has an open deal on contoso.example.
    const onOpenDeal = await register("sam", { accountDomain: "contoso.example", amount: { amount: "100.00", currency: "USD" } });
    for (const r of [over, euros, conflicted, onOpenDeal]) expect([r.status, r.autoApproved]).toEqual(["PENDING", false]);
    const byLee = await register("lee", { amount: { amount: "100.00", currency: "USD" } });
    expect(byLee.status).toBe("PENDING");
  });

  it("approves nothing once disabled", async () => {
    const off = await t.gql(
      SET_RULE,
      { input: { partnerOrganizationId: orgs.Paperworks, maxAmount: "5000.00", requireNoConflict: true, enabled: false } },
      tokens.max,
    );
    expect(off.data!.setRegistrationAutoApproval).toMatchObject({ enabled: false, maxAmount: { currency: "USD" } });
    expect((await register("sam", { amount: { amount: "10.00", currency: "USD" } })).status).toBe("PENDING");
  });
});
