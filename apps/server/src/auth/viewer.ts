import type { ApiScope, OrgRole } from "@cosell/schema";

/** Who is asking: a signed-in person, or a partner system with its organization's API token. */
export type Viewer =
  | {
      readonly kind: "user";
      readonly userId: string;
      /** Organization and role as the database has them now, never as a token claims them. */
      readonly organizationId: string;
      readonly role: OrgRole;
      /** The session this request came with, and when it ends (sockets close then). */
      readonly sessionId: string;
      readonly sessionExpiresAtMs: number;
    }
  | {
      readonly kind: "token";
      readonly tokenId: string;
      readonly tokenName: string;
      readonly organizationId: string;
      readonly scopes: readonly ApiScope[];
    };

export const isManager = (viewer: Viewer): boolean => viewer.kind === "user" && (viewer.role === "MANAGER" || viewer.role === "ADMIN");

/** The user id to record as actor, or null for an API token. */
export const actorId = (viewer: Viewer): string | null => (viewer.kind === "user" ? viewer.userId : null);

/** Who a write is recorded for in the room's log: the person, or the organization and its API token. */
export interface Attribution {
  readonly actorId: string | null;
  readonly actorOrganizationId: string;
  readonly apiTokenId: string | null;
  readonly apiTokenName: string | null;
}

export const attributedTo = (viewer: Viewer): Attribution =>
  viewer.kind === "user"
    ? { actorId: viewer.userId, actorOrganizationId: viewer.organizationId, apiTokenId: null, apiTokenName: null }
    : { actorId: null, actorOrganizationId: viewer.organizationId, apiTokenId: viewer.tokenId, apiTokenName: viewer.tokenName };
