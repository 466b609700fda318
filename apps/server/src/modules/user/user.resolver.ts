import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { organizationWrittenWith } from "../activity/room-message.js";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { DomainError, ErrorCode } from "../../errors.js";
import { Organization } from "../organization/organization.entity.js";
import {
  AuthPayload,
  ChangePasswordInput,
  ChangePasswordPayload,
  DeactivateUserInput,
  IssuePasswordResetInput,
  LoginInput,
  LogoutInput,
  LogoutPayload,
  PasswordReset,
  ResetPasswordInput,
  SetUserRoleInput,
  SignInPayload,
} from "./auth.inputs.js";
import { User } from "./user.entity.js";

/** What the sign-in throttle needs to know of the caller: its address, and whose session it already holds. */
const loginAttempt = (context: Context) => ({
  address: context.clientAddress,
  sessionUserId: context.viewer?.kind === "user" ? context.viewer.userId : null,
});

/**
 * The answer of a mutation that signs someone in (accepting an invitation, resetting a password):
 * the bearer token, and over HTTP the web session cookie too, as `signIn` sets it, so the web page
 * that called it is signed in at once.
 */
export function signedIn(context: Context, session: { token: string; expiresAt: Date; user: User }): AuthPayload {
  context.http?.setSessionCookie(session.token, session.expiresAt);
  return { token: session.token, user: session.user, expiresAt: session.expiresAt.toISOString() };
}

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in person; null for an API token." })
  async viewer(@Ctx() context: Context): Promise<User | null> {
    const { viewer } = policyOf(context);
    return viewer.kind === "user" ? context.loaders.user.load(viewer.userId) : null;
  }

  @Mutation(() => AuthPayload, { description: "Exchange email and password for a session token (scripts and partner systems)." })
  async login(@Arg("input", () => LoginInput) input: LoginInput, @Ctx() context: Context): Promise<AuthPayload> {
    const { token, expiresAt, user } = await context.services.auth.login(input.email, input.password, loginAttempt(context));
    return { token, user, expiresAt: expiresAt.toISOString() };
  }

  @Mutation(() => SignInPayload, {
    description:
      "For the web app: exchange email and password for a session kept in an httpOnly cookie; the token is never in the answer. HTTP only.",
  })
  async signIn(@Arg("input", () => LoginInput) input: LoginInput, @Ctx() context: Context): Promise<SignInPayload> {
    if (!context.http)
      throw new DomainError(
        ErrorCode.BAD_USER_INPUT,
        "signIn answers with a cookie, so it works over HTTP only; use login for a bearer token",
      );
    const { token, expiresAt, user } = await context.services.auth.login(input.email, input.password, loginAttempt(context));
    context.http.setSessionCookie(token, expiresAt);
    return { user, expiresAt: expiresAt.toISOString() };
  }

  @Mutation(() => LogoutPayload, {
    description: "Ends the caller's session (with `everywhere`, all of their sessions); its sockets close with 4401.",
  })
  async logout(@Arg("input", () => LogoutInput) input: LogoutInput, @Ctx() context: Context): Promise<LogoutPayload> {
    const sessionsEnded = await context.services.sessions.end(policyOf(context).viewer, input.everywhere);
    if (context.http?.cookieSession) context.http.clearSessionCookie();
    return { sessionsEnded };
  }

  @Mutation(() => User, {
    description:
      "Admins only: gives a person of their organization another role, from their next request and on their open sockets (which reconnect). CONFLICT when it would leave the organization without an active admin.",
  })
  async setUserRole(@Arg("input", () => SetUserRoleInput) input: SetUserRoleInput, @Ctx() context: Context): Promise<User> {
    return context.services.people.setRole(writerPolicyOf(context), input);
  }

  @Mutation(() => User, {
    description:
      "Admins only: deactivates a person of their organization. They cannot sign in; their sessions end and sockets close (4401) at once; what they did stays attributed to them. CONFLICT for the last active admin.",
  })
  async deactivateUser(@Arg("input", () => DeactivateUserInput) input: DeactivateUserInput, @Ctx() context: Context): Promise<User> {
    return context.services.people.deactivate(writerPolicyOf(context), input);
  }

  @Mutation(() => ChangePasswordPayload, {
    description:
      "The signed-in person changes their password (the new one: at least 10 characters); their other sessions end and their sockets close, this one goes on.",
  })
  changePassword(
    @Arg("input", () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() context: Context,
  ): Promise<ChangePasswordPayload> {
    return context.services.passwords.change(writerPolicyOf(context), input, context.clientAddress);
  }

  @Mutation(() => PasswordReset, {
    description:
      "Admins only: a single-use link (`resetUrl`, about an hour) with which a person of their organization sets a new password; a newer link replaces an unused one. E-mailed to the person too when SMTP is configured.",
  })
  issuePasswordReset(
    @Arg("input", () => IssuePasswordResetInput) input: IssuePasswordResetInput,
    @Ctx() context: Context,
  ): Promise<PasswordReset> {
    return context.services.passwords.issueReset(writerPolicyOf(context), input);
  }

  @Mutation(() => AuthPayload, {
    description:
      "Sets a new password with a reset link (no sign-in needed: the token is the credential) and signs the person in; every earlier session of theirs ends. NOT_FOUND, the same for every reason, when the link does not work.",
  })
  async resetPassword(@Arg("input", () => ResetPasswordInput) input: ResetPasswordInput, @Ctx() context: Context): Promise<AuthPayload> {
    return signedIn(context, await context.services.passwords.reset(input));
  }

  @FieldResolver(() => Organization)
  organization(@Root() user: User, @Ctx() context: Context): Organization | Promise<Organization> {
    // A live entry's actor comes with its organization as the entry's write read it (`WrittenWith`).
    return organizationWrittenWith(user) ?? context.loaders.organization.load(user.organizationId).then((organization) => organization!);
  }
}
