import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { DomainError, ErrorCode } from "../../errors.js";
import { Organization } from "../organization/organization.entity.js";
import {
  AuthPayload,
  DeactivateUserInput,
  LoginInput,
  LogoutInput,
  LogoutPayload,
  SetUserRoleInput,
  SignInPayload,
} from "./auth.inputs.js";
import { User } from "./user.entity.js";

/** What the sign-in throttle needs to know of the caller: its address, and whose session it already holds. */
const loginAttempt = (context: Context) => ({
  address: context.clientAddress,
  sessionUserId: context.viewer?.kind === "user" ? context.viewer.userId : null,
});

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

  @FieldResolver(() => Organization)
  async organization(@Root() user: User, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(user.organizationId))!;
  }
}
