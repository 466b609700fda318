import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { create as openFont } from "fontkit";
import type { Font } from "fontkit";
import PDFDocument from "pdfkit";
import type { OutlineDocument } from "./outline.document.js";

/**
 * DejaVu Sans, embedded (pdfkit keeps only the glyphs a document uses). pdfkit's built-in
 * Helvetica covers Latin-1 alone, so partner firms' names and notes in Polish, Czech, Turkish,
 * Greek or Russian came out garbled or blank; DejaVu Sans covers the Latin, Greek and Cyrillic
 * scripts. It has no Chinese, Japanese or Korean glyphs: a document with characters it cannot draw
 * says so under its title and points to the Markdown download, which carries every character.
 */
const fontFile = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
let fonts: { readonly regular: Buffer; readonly bold: Buffer; readonly glyphs: readonly Font[] } | undefined;

/** Whether every font can draw every character of `texts` (spaces and control characters aside). */
function drawsEveryCharacter(texts: Iterable<string>, glyphs: readonly Font[]): boolean {
  for (const text of texts)
    for (const char of text) {
      if (/[\s\p{Cc}\p{Cf}]/u.test(char)) continue;
      if (glyphs.some((font) => !font.hasGlyphForCodePoint(char.codePointAt(0)!))) return false;
    }
  return true;
}

function textsOf(doc: OutlineDocument): string[] {
  return [
    doc.title,
    ...doc.facts,
    ...doc.sections.flatMap((section) => [
      section.heading,
      ...section.blocks.flatMap((block) => (block.kind === "list" ? block.items : [block.text])),
    ]),
  ];
}

/** The document as an A4 PDF (pdfkit: text laid out and wrapped, pages added as needed, no browser). */
export function outlinePdf(doc: OutlineDocument, info: { readonly author: string; readonly createdAt: Date }): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: doc.title, Author: info.author, Creator: "cosell", CreationDate: info.createdAt },
    displayTitle: true,
    lang: "en",
  });
  if (!fonts) {
    const regular = fontFile("DejaVuSans");
    const bold = fontFile("DejaVuSans-Bold");
    fonts = { regular, bold, glyphs: [openFont(regular), openFont(bold)] };
  }
  pdf.registerFont("Regular", fonts.regular);
  pdf.registerFont("Bold", fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.font("Bold").fontSize(18).text(doc.title);
  pdf.moveDown(0.5);
  pdf.font("Regular").fontSize(10).fillColor("#444444");
  for (const fact of doc.facts) pdf.text(fact);
  if (!drawsEveryCharacter(textsOf(doc), fonts.glyphs))
    pdf.text("Some characters of this outline cannot be shown in this PDF; the Markdown download has the full text.");
  pdf.fillColor("black");
  for (const section of doc.sections) {
    pdf.moveDown(1);
    pdf.font("Bold").fontSize(13).text(section.heading);
    pdf.moveDown(0.3);
    for (const block of section.blocks) {
      if (block.kind === "subheading") {
        pdf.moveDown(0.3);
        pdf.font("Bold").fontSize(11).text(block.text);
      } else if (block.kind === "paragraph") {
        pdf.font("Regular").fontSize(11).text(block.text, { paragraphGap: 4 });
      } else {
        pdf
          .font("Regular")
          .fontSize(11)
          .list([...block.items], { bulletRadius: 2, textIndent: 12, paragraphGap: 2 });
      }
    }
  }
  pdf.end();
  return done;
}
