import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { Organization } from "../organization/organization.entity.js";
import { AuthPayload } from "../user/auth.inputs.js";
import { signedIn } from "../user/user.resolver.js";
import { User } from "../user/user.entity.js";
import { Invitation } from "./invitation.entity.js";
import {
  AcceptInvitationInput,
  InvitationPreview,
  InvitePartnerOrganizationInput,
  InviteUserInput,
  RevokeInvitationInput,
} from "./invitation.inputs.js";

@Resolver(() => Invitation)
export class InvitationResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [Invitation], {
    description:
      "Invitations the caller's organization sent that are not accepted or revoked (pending or expired), newest first: all of them for admins, the partner-firm invitations they sent for managers.",
  })
  invitations(@Ctx() context: Context): Promise<Invitation[]> {
    return context.services.invitations.list(policyOf(context));
  }

  @Query(() => InvitationPreview, {
    description:
      "What an invitation link invites to (no sign-in needed: the token is the credential). NOT_FOUND, the same for every reason, when the link does not work.",
  })
  invitationPreview(@Arg("token", () => String) token: string, @Ctx() context: Context): Promise<InvitationPreview> {
    return context.services.invitations.preview(token);
  }

  @Mutation(() => Invitation, {
    description:
      "Admins only: invites a person to the caller's organization with a role. The answer carries the single-use link (`acceptUrl`), e-mailed too when SMTP is configured. CONFLICT when the address has an account or a pending invitation.",
  })
  inviteUser(@Arg("input", () => InviteUserInput) input: InviteUserInput, @Ctx() context: Context): Promise<Invitation> {
    return context.services.invitations.inviteUser(writerPolicyOf(context), input);
  }

  @Mutation(() => Invitation, {
    description:
      "Managers and admins: creates a partner firm not on cosell yet and invites its first admin; a partnership proposal from the caller's organization waits for them. CONFLICT when the name is taken, or the address has an account or a pending invitation.",
  })
  invitePartnerOrganization(
    @Arg("input", () => InvitePartnerOrganizationInput) input: InvitePartnerOrganizationInput,
    @Ctx() context: Context,
  ): Promise<Invitation> {
    return context.services.invitations.invitePartnerOrganization(writerPolicyOf(context), input);
  }

  @Mutation(() => Invitation, {
    description: "Stops an invitation's link at once (admins; a manager the partner-firm invitations they sent).",
  })
  revokeInvitation(@Arg("input", () => RevokeInvitationInput) input: RevokeInvitationInput, @Ctx() context: Context): Promise<Invitation> {
    return context.services.invitations.revoke(writerPolicyOf(context), input);
  }

  @Mutation(() => AuthPayload, {
    description:
      "The invitee joins with their name and a password (at least 10 characters) and is signed in (over HTTP the web session cookie is set too). The link works once; NOT_FOUND, the same for every reason, when it does not work.",
  })
  async acceptInvitation(
    @Arg("input", () => AcceptInvitationInput) input: AcceptInvitationInput,
    @Ctx() context: Context,
  ): Promise<AuthPayload> {
    return signedIn(context, await context.services.invitations.accept(input));
  }

  @FieldResolver(() => Organization, { description: "The organization the invitee joins." })
  async organization(@Root() invitation: Invitation, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(invitation.organizationId))!;
  }

  @FieldResolver(() => User, { description: "Who sent it." })
  async invitedBy(@Root() invitation: Invitation, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(invitation.invitedById))!;
  }
}
