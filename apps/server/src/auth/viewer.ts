import type { OrgRole } from "@cosell/schema";

/** Who is asking: a signed-in person, or a partner system with its organization's API token. */
export type Viewer =
  | { readonly kind: "user"; readonly userId: string; readonly organizationId: string; readonly role: OrgRole }
  | { readonly kind: "token"; readonly tokenId: string; readonly organizationId: string; readonly scopes: readonly ApiScope[] };

export type ApiScope = "READ" | "WRITE";

export const isManager = (viewer: Viewer): boolean =>
  viewer.kind === "user" && (viewer.role === "MANAGER" || viewer.role === "ADMIN");

/** The user id to record as actor, or null for an API token. */
export const actorId = (viewer: Viewer): string | null => (viewer.kind === "user" ? viewer.userId : null);
