import pg from "pg";
import { ActivityKind } from "@cosell/schema";
import { appendActivity } from "../src/modules/activity/activity.service.js";
import type { TestServer } from "./fixtures.js";

/** Global ids of the demo world's opportunities by title, as seen by Ana (Acme's owner rep). */
export async function demoOpportunities(t: TestServer): Promise<Record<string, { id: string; version: number }>> {
  const token = await t.login("ana@acme.test");
  const result = await t.gql(`{ opportunities(first: 100) { edges { node { id title version } } } }`, {}, token);
  const out: Record<string, { id: string; version: number }> = {};
  for (const edge of result.data!.opportunities.edges) out[edge.node.title] = { id: edge.node.id, version: edge.node.version };
  return out;
}

/** Global id of a demo user, read from their own `viewer`. */
export async function userId(t: TestServer, email: string): Promise<string> {
  const token = await t.login(email);
  const result = await t.gql(`{ viewer { id } }`, {}, token);
  return result.data!.viewer.id;
}

/** A well-formed global id of the given type that points at nothing. */
/** The demo world's people by first name. */
export const DEMO_PEOPLE = {
  ana: "ana@acme.test",
  max: "max@acme.test",
  lee: "lee@pixel.test",
  pat: "pat@pixel.test",
  sam: "sam@paperworks.test",
  pia: "pia@paperworks.test",
  gus: "gus@globex.test",
} as const;

/** Signs the demo people in: each one's session token and global user id, by first name. */
export async function signInDemoPeople(
  t: TestServer,
  people: readonly (keyof typeof DEMO_PEOPLE)[] = Object.keys(DEMO_PEOPLE) as (keyof typeof DEMO_PEOPLE)[],
): Promise<{ tokens: Record<string, string>; ids: Record<string, string> }> {
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const who of people) {
    tokens[who] = await t.login(DEMO_PEOPLE[who]);
    ids[who] = await userId(t, DEMO_PEOPLE[who]);
  }
  return { tokens, ids };
}

export function randomGlobalId(type: string): string {
  return Buffer.from(`${type}:${crypto.randomUUID()}`).toString("base64url");
}

export const OPPORTUNITY = `query ($id: ID!) { opportunity(id: $id) { id title stage version members { user { name } access } } }`;
export const NODE = `query ($id: ID!) { node(id: $id) { id } }`;
export const LOG = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id seq kind body cursor actor { name } } }`;
export const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id stage version } }`;
export const ADD_MEMBER = `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { role access user { id name } } }`;

export const ADD_COMMITMENT = `mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { id title status dueAt completedAt onTime assignee { name } } }`;
export const ACCEPT_COMMITMENT = `mutation ($input: AcceptCommitmentInput!) { acceptCommitment(input: $input) { id status acceptedAt acceptedBy { name } } }`;
export const DECLINE_COMMITMENT = `mutation ($input: DeclineCommitmentInput!) { declineCommitment(input: $input) { id status declineReason declinedAt declinedBy { name } } }`;
export const COMPLETE_COMMITMENT = `mutation ($input: CompleteCommitmentInput!) { completeCommitment(input: $input) { id status completedAt onTime } }`;
export const PROPOSE_SPLIT = `mutation ($input: ProposeSplitInput!) { proposeSplit(input: $input) { id status revision lines { user { name } organization { name } basisPoints type payout { amount currency } } } }`;
export const APPROVE_SPLIT = `mutation ($input: ApproveSplitInput!) { approveSplit(input: $input) { id status revision approvals { organization { name } approvedBy { name } } awaitingApprovalFrom { name } } }`;

/** An ISO time `days` from now. */
export const inDays = (days: number): string => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();

/**
 * Opens a fresh opportunity as Ana (Acme's rep) on one of Acme's demo accounts and adds members,
 * so a story starts from a room of its own. Returns its global id.
 */
export async function openRoom(
  t: TestServer,
  options: {
    title: string;
    amount?: string;
    currency?: string;
    account?: string;
    members?: [email: string, role: string, access: string][];
  },
): Promise<string> {
  const ana = await t.login("ana@acme.test");
  const accounts = await t.gql(`{ accounts { id name } }`, {}, ana);
  const accountId = accounts.data!.accounts.find((a: { name: string }) => a.name === (options.account ?? "Umbrella Foods")).id;
  const created = await t.gql(
    `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
    { input: { accountId, title: options.title, amount: { amount: options.amount ?? "1000.00", currency: options.currency ?? "USD" } } },
    ana,
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id: string = created.data!.createOpportunity.id;
  for (const [email, role, access] of options.members ?? []) {
    const added = await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: await userId(t, email), role, access } }, ana);
    if (added.errors) throw new Error(JSON.stringify(added.errors));
  }
  return id;
}

/** Activity kinds of a room, in log order. */
export async function roomKinds(t: TestServer, opportunityGlobalId: string): Promise<string[]> {
  const id = Buffer.from(opportunityGlobalId, "base64url").toString("utf8").split(":")[1];
  const rows = await t.sql(`SELECT kind FROM activity WHERE opportunity_id = $1 ORDER BY seq`, [id]);
  return rows.map((r) => r.kind as string);
}

/** Row count of a table, for "nothing was written" checks. */
export async function countRows(t: TestServer, table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
  return (await t.sql(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n as number;
}

const CREATE_API_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`;

/** A new API token of the manager's organization: its secret and global id. */
export async function createApiToken(
  t: TestServer,
  manager: string,
  scopes: string[],
  name = "partner system",
): Promise<{ token: string; id: string }> {
  const result = await t.gql(CREATE_API_TOKEN, { input: { name, scopes } }, await t.login(manager));
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { token: result.data.createApiToken.token, id: result.data.createApiToken.apiToken.id };
}

/**
 * Appends a NOTE through the app's own statement and commits it, but never publishes it: as if the
 * process died right after COMMIT, or the bus lost the message. Returns its seq.
 */
export async function appendUnannounced(t: TestServer, opportunityGlobalId: string, body: string): Promise<number> {
  const opportunityId = Buffer.from(opportunityGlobalId, "base64url").toString("utf8").split(":")[1]!;
  const activity = await t.server.services.dataSource.transaction((em) =>
    appendActivity(em, { publish: () => undefined }, { opportunityId, kind: ActivityKind.NOTE, body, actorId: null }),
  );
  return activity.seq;
}

/** Issue 12's shape: a page of deals, each room's people, each person's whole firm (lists without `first`). */
export const DEALS_MEMBERS_FIRMS = `query ($n: Int) { opportunities(first: $n) { edges { node { members { user { organization { members { name } } } } } } } }`;

/** A complete agreement (`PartnershipTermsInput`): every point stated. */
export const AGREEMENT_TERMS = {
  scope: { accounts: "Retail accounts", regions: "DACH", products: "Catalogs and packaging" },
  relationship: "CO_SELL",
  logistics: { meetingsLedBy: "The opportunity's owner", leadSharing: "Registered in cosell first" },
  knownProblems: "None known",
  disputeResolution: "Managers of both firms settle within ten working days",
  defaultCreditSplitBp: 2000,
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
} as const;

export const PROPOSE_PARTNERSHIP = `mutation ($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id status revision } }`;
export const SIGN_PARTNERSHIP = `mutation ($input: SignPartnershipInput!) { signPartnership(input: $input) { id status revision inForceRevision } }`;

/**
 * The text of every SQL statement sent by any pg client in this process while `work` runs (test
 * servers run in the test's process), in order.
 */
export async function statementsSent<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    sent.push(typeof config === "string" ? config : (config?.text ?? ""));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { result: await work(), sent };
  } finally {
    pg.Client.prototype.query = query;
  }
}
