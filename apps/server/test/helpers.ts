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
export function randomGlobalId(type: string): string {
  return Buffer.from(`${type}:${crypto.randomUUID()}`).toString("base64url");
}

export const OPPORTUNITY = `query ($id: ID!) { opportunity(id: $id) { id title stage version members { user { name } access } } }`;
export const NODE = `query ($id: ID!) { node(id: $id) { id } }`;
export const LOG = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id seq kind body cursor actor { name } } }`;
export const MOVE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id stage version } }`;
export const ADD_MEMBER = `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { role access user { id name } } }`;
