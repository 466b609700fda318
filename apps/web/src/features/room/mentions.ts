/**
 * Mentions in the composer: typing "@" and the start of a name offers the room's members; choosing
 * one writes "@Name" into the text and remembers the person. What is sent is the body as written
 * plus `mentions` (the ids of the chosen people whose "@Name" is still in it): the server never
 * guesses who a name means.
 */

export interface Mentionable {
  readonly id: string;
  readonly name: string;
}

/** Longest text after "@" still read as the start of a name. */
const QUERY_MAX = 40;

/** The "@…" being typed just before the caret: where it starts (the "@") and what follows it. */
export function mentionQuery(text: string, caret: number): { readonly start: number; readonly query: string } | null {
  const match = new RegExp(`(^|\\s)@([^@\\n]{0,${QUERY_MAX}})$`).exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Members whose name, or a word of it, starts with the query (case-insensitive), at most `max`. */
export function mentionOptions<M extends Mentionable>(members: readonly M[], query: string, max = 8): M[] {
  const wanted = query.toLocaleLowerCase();
  return members
    .filter((member) => {
      const name = member.name.toLocaleLowerCase();
      return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, max);
}

/** The text with the "@…" from `start` to `caret` replaced by "@Name ", and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { readonly text: string; readonly caret: number } {
  const mention = `@${name} `;
  return { text: text.slice(0, start) + mention + text.slice(caret), caret: start + mention.length };
}

/** The ids of the chosen people still mentioned by name in the body, once each. */
export function mentionedIds(body: string, chosen: readonly Mentionable[]): string[] {
  return [...new Set(chosen.filter((member) => body.includes(`@${member.name}`)).map((member) => member.id))];
}

export interface Firm {
  readonly id: string;
  readonly name: string;
}

/** The firms with people in the room, once each, by name: who a help request may be addressed to. */
export function firmsInRoom(members: readonly { readonly user: { readonly organization: Firm } }[]): Firm[] {
  const byId = new Map(members.map((member) => [member.user.organization.id, member.user.organization]));
  return [...byId.values()].map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
