import { AccessLevel, OrgRole, mayDecideOutcome } from "@cosell/schema";
import type { ApiScope } from "@cosell/schema";
import { describe, expect, it } from "vitest";
import { decideOpportunityAccess, memberChangeRefusal } from "./policy.js";
import type { OpportunityFacts } from "./policy.js";
import type { Viewer } from "./viewer.js";

const OWNER = "org-owner";
const PARTNER = "org-partner";
const user = (organizationId: string, role: OrgRole): Viewer => ({
  kind: "user",
  userId: "u",
  organizationId,
  role,
  sessionId: "s",
  sessionExpiresAtMs: Number.MAX_SAFE_INTEGER,
});
const facts = (overrides: Partial<OpportunityFacts> = {}): OpportunityFacts => ({
  organizationId: OWNER,
  viewerAccess: null,
  orgHasMember: false,
  orgHasWriteMember: false,
  orgHasAgreedLine: false,
  ...overrides,
});

describe("decideOpportunityAccess (DESIGN.md section 2)", () => {
  it("lets the owner organization read everything; reps write only as WRITE members, managers always", () => {
    expect(decideOpportunityAccess(user(OWNER, OrgRole.REP), facts())).toBe("READ");
    expect(decideOpportunityAccess(user(OWNER, OrgRole.REP), facts({ viewerAccess: AccessLevel.WRITE }))).toBe("WRITE");
    expect(decideOpportunityAccess(user(OWNER, OrgRole.MANAGER), facts())).toBe("WRITE");
  });

  it("lets another organization's people in only as members, or as its managers when it has a member", () => {
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.REP), facts({ orgHasMember: true }))).toBe("NONE");
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.REP), facts({ viewerAccess: AccessLevel.READ, orgHasMember: true }))).toBe("READ");
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.REP), facts({ viewerAccess: AccessLevel.WRITE, orgHasMember: true }))).toBe(
      "WRITE",
    );
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.MANAGER), facts({ orgHasMember: true, orgHasWriteMember: true }))).toBe("READ");
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.ADMIN), facts())).toBe("NONE");
  });

  it("lets a token read what its organization owns or is in, and write only with the WRITE scope", () => {
    const token = (scopes: ("READ" | "WRITE")[]): Viewer => ({
      kind: "token",
      tokenId: "t",
      tokenName: "partner system",
      organizationId: PARTNER,
      scopes,
    });
    expect(decideOpportunityAccess(token(["READ", "WRITE"]), facts())).toBe("NONE");
    expect(decideOpportunityAccess(token(["READ"]), facts({ orgHasMember: true, orgHasWriteMember: true }))).toBe("READ");
    expect(decideOpportunityAccess(token(["READ", "WRITE"]), facts({ orgHasMember: true, orgHasWriteMember: true }))).toBe("WRITE");
    expect(decideOpportunityAccess(token(["READ", "WRITE"]), facts({ orgHasMember: true }))).toBe("READ");
  });

  it("lets an organization with a line in the agreed split read the deal it earned credit on, never write it", () => {
    const token = (scopes: ("READ" | "WRITE")[]): Viewer => ({
      kind: "token",
      tokenId: "t",
      tokenName: "system",
      organizationId: PARTNER,
      scopes,
    });
    for (const role of [OrgRole.REP, OrgRole.MANAGER, OrgRole.ADMIN]) {
      expect(decideOpportunityAccess(user(PARTNER, role), facts({ orgHasAgreedLine: true }))).toBe("READ");
    }
    expect(decideOpportunityAccess(token(["READ", "WRITE"]), facts({ orgHasAgreedLine: true }))).toBe("READ");
    // A member keeps what membership gives; the line adds nothing on top.
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.REP), facts({ viewerAccess: AccessLevel.WRITE, orgHasAgreedLine: true }))).toBe(
      "WRITE",
    );
    expect(decideOpportunityAccess(user(PARTNER, OrgRole.REP), facts({ orgHasAgreedLine: false }))).toBe("NONE");
  });
});

describe("mayDecideOutcome: who closes a deal", () => {
  const owned = { organizationId: OWNER };
  const token = (organizationId: string, scopes: ApiScope[]): Viewer => ({
    kind: "token",
    tokenId: "t",
    tokenName: "system",
    organizationId,
    scopes,
  });
  it("is the opportunity's own organization, people and tokens alike; never a partner", () => {
    expect(mayDecideOutcome(user(OWNER, OrgRole.REP), owned)).toBe(true);
    expect(mayDecideOutcome(token(OWNER, ["WRITE"]), owned)).toBe(true);
    expect(mayDecideOutcome(user(PARTNER, OrgRole.MANAGER), owned)).toBe(false);
    expect(mayDecideOutcome(token(PARTNER, ["READ", "WRITE"]), owned)).toBe(false);
  });
});

describe("memberChangeRefusal: who adds, changes or removes room members", () => {
  const change = (
    viewer: Viewer,
    memberOrganizationId: string,
    viewerAccess: "READ" | "WRITE",
    grant: AccessLevel | null,
    memberIsOwner = false,
  ) => memberChangeRefusal(viewer, { opportunityOrganizationId: OWNER, memberOrganizationId, memberIsOwner, viewerAccess, grant });

  it("leaves the owner rep to the managers of the opportunity's organization", () => {
    const ownerRep = (viewer: Viewer, grant: AccessLevel | null) => change(viewer, OWNER, "WRITE", grant, true);
    expect(ownerRep(user(OWNER, OrgRole.MANAGER), AccessLevel.READ)).toBeNull();
    expect(ownerRep(user(OWNER, OrgRole.ADMIN), null)).toBeNull();
    for (const viewer of [
      user(OWNER, OrgRole.REP),
      user(PARTNER, OrgRole.REP),
      user(PARTNER, OrgRole.MANAGER),
      { kind: "token", tokenId: "t", tokenName: "system", organizationId: OWNER, scopes: ["READ", "WRITE"] } as Viewer,
      { kind: "token", tokenId: "t", tokenName: "system", organizationId: PARTNER, scopes: ["READ", "WRITE"] } as Viewer,
    ]) {
      expect(ownerRep(viewer, AccessLevel.READ)).toMatch(/Only a manager or admin of the opportunity's organization changes the owner rep/);
    }
  });

  it("lets the owner organization's writers add anyone with any access", () => {
    expect(change(user(OWNER, OrgRole.REP), PARTNER, "WRITE", AccessLevel.WRITE)).toBeNull();
    expect(change(user(OWNER, OrgRole.REP), OWNER, "WRITE", AccessLevel.READ)).toBeNull();
  });

  it("lets a partner writer add only people of their own firm", () => {
    expect(change(user(PARTNER, OrgRole.REP), PARTNER, "WRITE", AccessLevel.WRITE)).toBeNull();
    expect(change(user(PARTNER, OrgRole.REP), "org-third", "WRITE", AccessLevel.READ)).toMatch(/only people of your own organization/);
    expect(change(user(PARTNER, OrgRole.REP), OWNER, "WRITE", null)).toMatch(/only people of your own organization/);
  });

  it("never lets anyone grant more than they hold, and a reader change nobody", () => {
    expect(change(user(PARTNER, OrgRole.REP), PARTNER, "READ", AccessLevel.WRITE)).toMatch(/hold READ access and cannot grant WRITE/);
    expect(change(user(OWNER, OrgRole.REP), OWNER, "READ", AccessLevel.READ)).toMatch(/read-only/);
  });
});
