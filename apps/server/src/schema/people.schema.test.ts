import { describe, expect, it } from "vitest";
import type { GraphQLInputObjectType, GraphQLObjectType } from "graphql";
import { cosellSchema } from "./build.js";

/** Issue 17's people names (invitations, roles, passwords): outside tests and partner firms call them exactly. */
describe("the people contract", () => {
  it("has each mutation with its one input named after it, and what it answers", async () => {
    const schema = await cosellSchema();
    const mutations = schema.getMutationType()!.getFields();
    const answers: Record<string, string> = {
      inviteUser: "Invitation!",
      invitePartnerOrganization: "Invitation!",
      acceptInvitation: "AuthPayload!",
      revokeInvitation: "Invitation!",
      setUserRole: "User!",
      deactivateUser: "User!",
      changePassword: "ChangePasswordPayload!",
      issuePasswordReset: "PasswordReset!",
      resetPassword: "AuthPayload!",
    };
    for (const [name, type] of Object.entries(answers)) {
      const field = mutations[name];
      expect(field, name).toBeDefined();
      expect(field!.args.map((a) => `${a.name}: ${a.type}`)).toEqual([`input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!`]);
      expect(String(field!.type), name).toBe(type);
    }
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(expect.arrayContaining(["invitations", "invitationPreview"]));
  });

  it("has the inputs' fields and the invitation's link for the inviter", async () => {
    const schema = await cosellSchema();
    const inputFields = (type: string) => Object.keys((schema.getType(type) as GraphQLInputObjectType).getFields());
    expect(inputFields("InviteUserInput")).toEqual(["email", "role"]);
    expect(inputFields("InvitePartnerOrganizationInput")).toEqual(["organizationName", "adminEmail"]);
    expect(inputFields("AcceptInvitationInput")).toEqual(["token", "name", "password"]);
    expect(inputFields("RevokeInvitationInput")).toEqual(["id"]);
    expect(inputFields("ChangePasswordInput")).toEqual(["currentPassword", "newPassword"]);
    expect(inputFields("IssuePasswordResetInput")).toEqual(["userId"]);
    expect(inputFields("ResetPasswordInput")).toEqual(["token", "newPassword"]);
    const fields = (type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
    expect(Object.keys(fields("Invitation"))).toEqual(expect.arrayContaining(["id", "email", "role", "status", "expiresAt", "acceptUrl"]));
    expect(String(fields("Invitation").acceptUrl!.type)).toBe("String");
    expect(Object.keys(fields("PasswordReset"))).toEqual(expect.arrayContaining(["id", "expiresAt", "resetUrl"]));
  });
});
