/**
 * The rules of an organization's self-assessment (SWOT), shared by the API's input validation and
 * the web app's editor, so both say the same thing about the same input.
 */

/** Items in one assessment. */
export const ASSESSMENT_ITEMS_MAX = 100;
/** Characters in one item's description. */
export const ASSESSMENT_DESCRIPTION_MAX = 1000;
/** Capability tags, and industry tags, per item. */
export const ASSESSMENT_TAGS_MAX = 20;
/** A tag: 1 to 60 letters, digits, spaces or - & / + . (starting with a letter or digit). */
export const ASSESSMENT_TAG = /^[\p{L}\p{N}][\p{L}\p{N} &/+.-]{0,59}$/u;
export const ASSESSMENT_TAG_MESSAGE = "tags are 1 to 60 letters, digits, spaces or - & / + .";

/** "Packaging design, retail , " → ["packaging design", "retail"]: comma-separated tags as typed. */
export function tagsFromText(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** What is wrong with one item's description, or null. */
export function assessmentDescriptionProblem(description: string): string | null {
  if (!/\S/.test(description)) return "Describe the item.";
  if (description.length > ASSESSMENT_DESCRIPTION_MAX) return `Keep it to ${ASSESSMENT_DESCRIPTION_MAX} characters.`;
  return null;
}

/** What is wrong with one item's tags, or null. */
export function assessmentTagsProblem(tags: readonly string[]): string | null {
  if (tags.length > ASSESSMENT_TAGS_MAX) return `At most ${ASSESSMENT_TAGS_MAX} tags.`;
  const bad = tags.find((tag) => !ASSESSMENT_TAG.test(tag));
  return bad === undefined ? null : `“${bad}”: ${ASSESSMENT_TAG_MESSAGE}`;
}
