import { formatBasisPoints, formatMinor } from "@cosell/schema";
import { utcMinute as utc } from "../meeting/calendar.js";
import type { Outline } from "./outline.entity.js";

/**
 * An outline as a document: the same headings, paragraphs and lists whether it is written as
 * Markdown or as PDF, so the two downloads never say different things.
 */
export interface OutlineDocument {
  readonly title: string;
  /** Lines under the title: the deal's facts and which version this is. */
  readonly facts: readonly string[];
  readonly sections: readonly { readonly heading: string; readonly blocks: readonly Block[] }[];
}

export type Block =
  | { readonly kind: "subheading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly items: readonly string[] };

/** What a document states beyond the stored snapshot: who has signed so far, and names. */
export interface OutlineState {
  readonly publishedBy: string;
  readonly signatures: readonly { readonly organizationId: string; readonly signedBy: string; readonly signedAt: Date }[];
  /** The latest version of the room's outline (this one's, unless a later one was published). */
  readonly latestVersion: number;
  /** Names of the parties, by organization id. */
  readonly organizationNames: ReadonlyMap<string, string>;
}

const day = (iso: string): string => iso.slice(0, 10);
const words = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");

export function outlineDocument(outline: Outline, state: OutlineState): OutlineDocument {
  const { deal, firms, split, meeting } = outline.data;
  const facts = [
    `Account: ${deal.accountName}`,
    `Amount: ${formatMinor(BigInt(deal.amountMinor), deal.currency)} ${deal.currency}`,
    `Stage: ${words(deal.stage)}${deal.closeDate ? `, expected to close ${deal.closeDate}` : ""}`,
    `Version ${outline.version}, published ${utc(outline.publishedAtDate)} by ${state.publishedBy}`,
  ];
  if (state.latestVersion > outline.version) facts.push(`Superseded by version ${state.latestVersion}`);

  const partners = firms.filter((firm) => !firm.owner);
  const signedBy = new Map(state.signatures.map((s) => [s.organizationId, s]));
  return {
    title: `Outline: ${deal.title}`,
    facts,
    sections: [
      {
        heading: "Meeting",
        blocks: meeting
          ? [
              { kind: "paragraph", text: `${utc(meeting.startsAt)}, ${meeting.durationMinutes} minutes` },
              { kind: "paragraph", text: meeting.agenda },
            ]
          : [{ kind: "paragraph", text: "No meeting was scheduled in the room." }],
      },
      {
        heading: "Commitments",
        blocks: firms.flatMap((firm): Block[] => [
          { kind: "subheading", text: firm.owner ? `${firm.name} (the deal's organization)` : firm.name },
          firm.commitments.length > 0
            ? {
                kind: "list",
                items: firm.commitments.map((c) => `${c.title}: ${c.assigneeName}, due ${day(c.dueAt)} (${words(c.status)})`),
              }
            : { kind: "paragraph", text: "No accepted commitments." },
        ]),
      },
      {
        heading: "Agreement scope",
        blocks:
          partners.length > 0
            ? [{ kind: "list", items: partners.map((firm) => `${firm.name}: ${firm.agreementScope ?? "no working agreement on record"}`) }]
            : [{ kind: "paragraph", text: "No partner firm is in the room." }],
      },
      {
        heading: "Credit split",
        blocks: split
          ? [
              {
                kind: "paragraph",
                text: `Revision ${split.revision}${split.agreedAt ? `, agreed ${utc(split.agreedAt)}` : ""}`,
              },
              {
                kind: "list",
                items: split.lines.map(
                  (l) => `${l.userName} (${l.organizationName}): ${formatBasisPoints(l.basisPoints)} ${l.type.toLowerCase()}`,
                ),
              },
            ]
          : [{ kind: "paragraph", text: "No split has been agreed yet." }],
      },
      {
        heading: "Signatures",
        blocks: [
          {
            kind: "list",
            items: outline.parties.map((organizationId) => {
              const name = state.organizationNames.get(organizationId) ?? "A firm";
              const signature = signedBy.get(organizationId);
              return signature ? `${name}: signed by ${signature.signedBy}, ${utc(signature.signedAt)}` : `${name}: awaiting signature`;
            }),
          },
        ],
      },
    ],
  };
}

/**
 * Escapes what Markdown would read as markup (emphasis, links, headings, HTML, code), so a title or
 * an agenda reads as typed. Line breaks inside a paragraph stay line breaks.
 */
export function markdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, "\\$&")
    .replace(/^(\s*)([#+-])/gm, "$1\\$2")
    .replace(/^(\s*)(\d+)([.)])/gm, "$1$2\\$3");
}

/** The document as Markdown (CommonMark). */
export function outlineMarkdown(doc: OutlineDocument): string {
  const out: string[] = [`# ${markdownText(doc.title)}`, "", ...doc.facts.map((fact) => `${markdownText(fact)}  `), ""];
  for (const section of doc.sections) {
    out.push(`## ${markdownText(section.heading)}`, "");
    for (const block of section.blocks) {
      if (block.kind === "subheading") out.push(`### ${markdownText(block.text)}`, "");
      else if (block.kind === "paragraph") out.push(markdownText(block.text).replace(/\n/g, "  \n"), "");
      else out.push(...block.items.map((item) => `- ${markdownText(item).replace(/\n/g, " ")}`), "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
