import { uuidv7 } from "uuidv7";
import { notFound } from "./errors.js";

/** Row ids are UUIDv7: time-ordered, generated in the app (PGlite has no uuid extensions). */
export const newId = (): string => uuidv7();

export type NodeType =
  | "Organization"
  | "User"
  | "Account"
  | "Opportunity"
  | "Activity"
  | "Partnership"
  | "Commitment"
  | "CreditSplit"
  | "DealRegistration"
  | "RegistrationAttachment"
  | "ApiToken"
  | "Webhook"
  | "Notification"
  | "CoSellRequest"
  | "Invitation"
  | "PasswordReset"
  | "Meeting"
  | "Outline";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque global id: base64url of `Type:uuid`. Clients must not parse it. */
export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export function fromGlobalId(globalId: string): { type: string; id: string } | null {
  if (typeof globalId !== "string" || globalId.length > 100) return null;
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const at = decoded.indexOf(":");
  if (at <= 0) return null;
  const type = decoded.slice(0, at);
  const id = decoded.slice(at + 1);
  return UUID.test(id) ? { type, id } : null;
}

/** The row id behind a global id of the expected type, or null when it is not one. */
export function idOf(type: NodeType, globalId: string): string | null {
  const parsed = fromGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}

/**
 * The row id behind a global id of the expected type; NOT_FOUND (`what not found`) when it is not
 * one, exactly as for an id of a row that does not exist.
 */
export function rowIdOf(type: NodeType, globalId: string, what: string): string {
  const id = idOf(type, globalId);
  if (!id) throw notFound(what);
  return id;
}
