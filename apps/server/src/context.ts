import type { DataSource } from "typeorm";
import { looksLikeApiToken } from "./auth/api-tokens.js";
import type { SessionTokens } from "./auth/jwt.js";
import { readSessionCookie } from "./auth/web-session.js";
import { Policy } from "./auth/policy.js";
import type { Viewer } from "./auth/viewer.js";
import type { UnitOfWork } from "./db/transaction.js";
import { forbidden, unauthenticated } from "./errors.js";
import { LOGIN_THROTTLE_DEFAULTS, LoginThrottle, memoryLedger } from "./limits/login-throttle.js";
import { operationReads } from "./db/projection.js";
import type { OperationReads } from "./db/projection.js";
import { createLoaders } from "./loaders.js";
import type { Loaders } from "./loaders.js";
import type { Logger } from "./logger.js";
import { createMailer } from "./mail/mailer.js";
import type { Mailer } from "./mail/mailer.js";
import type { EventBus } from "./realtime/bus.js";
import type { Presence } from "./realtime/presence.js";
import { realtimeOptions } from "./realtime/options.js";
import type { RealtimeOptions } from "./realtime/options.js";
import { AccountService } from "./modules/account/account.service.js";
import { ActivityFeedService } from "./modules/activity/activity-feed.service.js";
import { ApiTokenService } from "./modules/api-token/api-token.service.js";
import { ActivityService } from "./modules/activity/activity.service.js";
import { AssessmentService } from "./modules/assessment/assessment.service.js";
import { AccountMappingService } from "./modules/mapping/mapping.service.js";
import { CoSellService } from "./modules/mapping/co-sell.service.js";
import { CommitmentService } from "./modules/commitment/commitment.service.js";
import { HelpService } from "./modules/help/help.service.js";
import { MeetingService } from "./modules/meeting/meeting.service.js";
import { OutlineService } from "./modules/outline/outline.service.js";
import { OpportunityImportService } from "./modules/import/opportunity-import.service.js";
import { BoardFeedService } from "./modules/opportunity/board-feed.service.js";
import { NotificationService } from "./modules/notification/notification.service.js";
import { StageFeedService } from "./modules/opportunity/stage-feed.service.js";
import { PresenceService } from "./modules/room/presence.service.js";
import { OpportunityService } from "./modules/opportunity/opportunity.service.js";
import { PartnershipService } from "./modules/partnership/partnership.service.js";
import { RegistrationAttachmentService } from "./modules/registration/registration-attachment.service.js";
import { RegistrationRulesService } from "./modules/registration/registration-rules.service.js";
import { RegistrationService } from "./modules/registration/registration.service.js";
import { ReportingSettingsService } from "./modules/reporting/currency.service.js";
import { ReportingService } from "./modules/reporting/reporting.service.js";
import { RoomService } from "./modules/room/room.service.js";
import { SplitService } from "./modules/split/split.service.js";
import { SessionService } from "./modules/session/session.service.js";
import type { SessionLookup } from "./modules/session/session.service.js";
import { InvitationService } from "./modules/invitation/invitation.service.js";
import { AuthService } from "./modules/user/auth.service.js";
import { PasswordService } from "./modules/user/password.service.js";
import { PeopleService } from "./modules/user/people.service.js";
import { WebhookService } from "./modules/webhook/webhook.service.js";

/** Long-lived services, built once at start. */
export interface Services {
  readonly dataSource: DataSource;
  readonly bus: EventBus;
  readonly logger: Logger;
  /** Outgoing e-mail (`SMTP_URL`); does nothing without it. */
  readonly mailer: Mailer;
  /** The web app's address (`PUBLIC_URL`), for links in e-mails and answers. */
  readonly publicUrl: string;
  readonly tokens: SessionTokens;
  readonly sessions: SessionService;
  readonly auth: AuthService;
  readonly people: PeopleService;
  /** Invitations to join (colleagues, a partner firm's first admin). */
  readonly invitations: InvitationService;
  /** Password change, and reset links issued by admins. */
  readonly passwords: PasswordService;
  readonly accounts: AccountService;
  readonly opportunities: OpportunityService;
  /** CSV import of deals (`POST /import/opportunities`). */
  readonly opportunityImport: OpportunityImportService;
  readonly rooms: RoomService;
  readonly activities: ActivityService;
  readonly partnerships: PartnershipService;
  readonly commitments: CommitmentService;
  readonly help: HelpService;
  readonly splits: SplitService;
  readonly assessments: AssessmentService;
  readonly registrations: RegistrationService;
  /** The vendor's protection window and per-partner auto-approval rules; files attached to registrations. */
  readonly registrationRules: RegistrationRulesService;
  readonly registrationAttachments: RegistrationAttachmentService;
  /** Private account mapping between partner firms, and the co-sell requests made from it. */
  readonly accountMapping: AccountMappingService;
  readonly coSell: CoSellService;
  /** Reporting currency, exchange rates and stage weights; the figures computed with them. */
  readonly reportingSettings: ReportingSettingsService;
  readonly reporting: ReportingService;
  /** Live feeds (subscriptions). */
  readonly activityFeed: ActivityFeedService;
  readonly stageFeed: StageFeedService;
  readonly boardFeed: BoardFeedService;
  readonly presence: PresenceService;
  readonly apiTokens: ApiTokenService;
  readonly webhooks: WebhookService;
  readonly notifications: NotificationService;
  /** The room's meetings (iCalendar invitations) and the outlines published after them. */
  readonly meetings: MeetingService;
  readonly outlines: OutlineService;
}

export function createServices(deps: {
  dataSource: DataSource;
  bus: EventBus;
  logger: Logger;
  tokens: SessionTokens;
  uow: UnitOfWork;
  /** Outgoing e-mail; none unless given. */
  mailer?: Mailer;
  /** The web app's address; http://localhost:4000 unless given. */
  publicUrl?: string;
  presence: Presence;
  realtime?: RealtimeOptions;
  /** Whether webhooks may point at private addresses (`WEBHOOK_PRIVATE_TARGETS`); refused unless said. */
  webhookPrivateTargets?: boolean;
  /** Sign-in throttling; default: in process with the default settings. */
  loginThrottle?: LoginThrottle;
  /** How long a session lasts (`SESSION_TTL_SECONDS`); 12 hours unless said. */
  sessionTtlSeconds?: number;
  /** Where sessions are read; the database unless said (the benchmarks run without one). */
  sessionLookup?: SessionLookup;
  /** How long an invitation link works (`INVITATION_TTL_HOURS`); a week unless said. */
  invitationTtlHours?: number;
  /** How long a password reset link works (`PASSWORD_RESET_TTL_MINUTES`); an hour unless said. */
  passwordResetTtlMinutes?: number;
}): Services {
  const { dataSource, uow, bus, logger } = deps;
  const { recheckMs } = deps.realtime ?? realtimeOptions();
  const activities = new ActivityService(dataSource, uow);
  const sessions = new SessionService(dataSource, bus, deps.tokens, logger, {
    ttlSeconds: deps.sessionTtlSeconds ?? 12 * 3600,
    lookup: deps.sessionLookup,
  });
  const reportingSettings = new ReportingSettingsService(dataSource, uow);
  const partnerships = new PartnershipService(dataSource, uow);
  const mailer = deps.mailer ?? createMailer({ smtpUrl: undefined, mailFrom: "" });
  const publicUrl = deps.publicUrl ?? "http://localhost:4000";
  // Wrong passwords count alike, at sign-in and when a signed-in person changes theirs.
  const loginThrottle = deps.loginThrottle ?? new LoginThrottle(memoryLedger(LOGIN_THROTTLE_DEFAULTS), LOGIN_THROTTLE_DEFAULTS);
  const registrations = new RegistrationService(dataSource, uow);
  return {
    dataSource,
    bus,
    logger,
    mailer,
    publicUrl,
    tokens: deps.tokens,
    sessions,
    auth: new AuthService(dataSource, sessions, loginThrottle),
    people: new PeopleService(dataSource, uow, sessions),
    invitations: new InvitationService(dataSource, uow, sessions, mailer, logger, {
      publicUrl,
      ttlHours: deps.invitationTtlHours ?? 7 * 24,
    }),
    passwords: new PasswordService(dataSource, uow, sessions, loginThrottle, mailer, logger, {
      publicUrl,
      resetTtlMinutes: deps.passwordResetTtlMinutes ?? 60,
    }),
    accounts: new AccountService(dataSource, uow),
    opportunities: new OpportunityService(dataSource, uow),
    opportunityImport: new OpportunityImportService(dataSource, uow),
    rooms: new RoomService(dataSource, uow),
    activities,
    partnerships,
    commitments: new CommitmentService(dataSource, uow),
    help: new HelpService(dataSource, uow),
    splits: new SplitService(dataSource, uow),
    assessments: new AssessmentService(dataSource, uow),
    registrations,
    registrationRules: new RegistrationRulesService(dataSource, uow),
    registrationAttachments: new RegistrationAttachmentService(dataSource, uow, registrations),
    accountMapping: new AccountMappingService(dataSource, uow, partnerships),
    coSell: new CoSellService(dataSource, uow, partnerships),
    reportingSettings,
    reporting: new ReportingService(dataSource, reportingSettings),
    activityFeed: new ActivityFeedService(dataSource, bus, activities, logger, recheckMs),
    stageFeed: new StageFeedService(dataSource, bus, logger),
    boardFeed: new BoardFeedService(dataSource, bus, logger),
    presence: new PresenceService(dataSource, bus, deps.presence, logger, recheckMs),
    apiTokens: new ApiTokenService(dataSource, uow),
    webhooks: new WebhookService(dataSource, uow, deps.webhookPrivateTargets ?? false),
    notifications: new NotificationService(dataSource, uow, bus, logger),
    meetings: new MeetingService(dataSource, uow, { mailer, publicUrl, logger }),
    outlines: new OutlineService(dataSource, uow, publicUrl),
  };
}

/** What an HTTP request's resolvers may do to its answer; absent over WebSocket. */
export interface HttpExchange {
  /** Whether the caller was authenticated by the web session cookie (not a bearer token). */
  readonly cookieSession: boolean;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

/** What every resolver gets, per HTTP request or per WebSocket operation. */
export interface Context {
  readonly viewer: Viewer | null;
  readonly policy: Policy | null;
  readonly loaders: Loaders;
  readonly services: Services;
  /** The network address of the caller, to keep anonymous callers' rate limits apart. */
  readonly clientAddress: string | null;
  readonly http: HttpExchange | null;
  /** What its operation needs of the rows the loaders read: set when it is executed (`db/projection.ts`). */
  readonly reads: OperationReads;
}

export function createContext(
  services: Services,
  viewer: Viewer | null,
  clientAddress: string | null = null,
  http: HttpExchange | null = null,
): Context {
  const reads = operationReads();
  return {
    viewer,
    policy: viewer ? new Policy(services.dataSource, viewer) : null,
    loaders: createLoaders(services.dataSource, reads),
    services,
    clientAddress,
    http,
    reads,
  };
}

/**
 * The context one event of a subscription is executed with: the operation's (its viewer, services,
 * reads), with loaders and a policy of its own, so every event is read and authorized as of now, and
 * what it loads dies with it. A subscription keeps its operation's context for its whole life; with
 * the operation's loaders, each event's rows stayed cached (and were promoted to the old generation)
 * until its next event, minutes later in a quiet room.
 */
export function eventContext(context: Context): Context {
  const { dataSource } = context.services;
  return {
    ...context,
    policy: context.viewer ? new Policy(dataSource, context.viewer) : null,
    loaders: createLoaders(dataSource, context.reads),
  };
}

/** The policy of a signed-in caller; anonymous callers are UNAUTHENTICATED. */
export function policyOf(context: Context): Policy {
  if (!context.policy) throw unauthenticated();
  return context.policy;
}

/** Reads `Bearer <session jwt | api token>` and turns it into a viewer; an invalid, revoked or ended one is as good as none. */
export async function viewerFromAuthorization(services: Services, authorization: unknown): Promise<Viewer | null> {
  if (typeof authorization !== "string") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) return null;
  return looksLikeApiToken(match[1]) ? services.apiTokens.authenticate(match[1]) : services.sessions.authenticate(match[1]);
}

/**
 * The caller of an HTTP request or WebSocket upgrade: by its `Authorization` (bearer) or, without
 * one, by the web session cookie. `cookieSession` says which, for the cookie's origin check and logout.
 */
export async function viewerFromRequest(
  services: Services,
  headers: { readonly authorization?: unknown; readonly cookie?: string },
): Promise<{ viewer: Viewer | null; cookieSession: boolean }> {
  const cookie = headers.authorization === undefined ? readSessionCookie(headers.cookie) : null;
  if (cookie === null) return { viewer: await viewerFromAuthorization(services, headers.authorization), cookieSession: false };
  return { viewer: await services.sessions.authenticate(cookie), cookieSession: true };
}

/** The policy for a mutation: like `policyOf`, and API tokens need the WRITE scope. */
export function writerPolicyOf(context: Context): Policy {
  const policy = policyOf(context);
  if (policy.viewer.kind === "token" && !policy.viewer.scopes.includes("WRITE")) {
    throw forbidden("This API token has the READ scope only");
  }
  return policy;
}
