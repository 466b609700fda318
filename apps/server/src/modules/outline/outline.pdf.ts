import PDFDocument from "pdfkit";
import type { OutlineDocument } from "./outline.document.js";

/**
 * The document as an A4 PDF (pdfkit: text laid out and wrapped, pages added as needed, no browser).
 * pdfkit's built-in Helvetica covers Latin-1 (WinAnsi) text, the languages cosell's people write
 * in today; a character outside it prints as a blank.
 */
export function outlinePdf(doc: OutlineDocument, info: { readonly author: string; readonly createdAt: Date }): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    margin: 56,
    info: { Title: doc.title, Author: info.author, Creator: "cosell", CreationDate: info.createdAt },
    displayTitle: true,
    lang: "en",
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  pdf.font("Helvetica-Bold").fontSize(18).text(doc.title);
  pdf.moveDown(0.5);
  pdf.font("Helvetica").fontSize(10).fillColor("#444444");
  for (const fact of doc.facts) pdf.text(fact);
  pdf.fillColor("black");
  for (const section of doc.sections) {
    pdf.moveDown(1);
    pdf.font("Helvetica-Bold").fontSize(13).text(section.heading);
    pdf.moveDown(0.3);
    for (const block of section.blocks) {
      if (block.kind === "subheading") {
        pdf.moveDown(0.3);
        pdf.font("Helvetica-Bold").fontSize(11).text(block.text);
      } else if (block.kind === "paragraph") {
        pdf.font("Helvetica").fontSize(11).text(block.text, { paragraphGap: 4 });
      } else {
        pdf
          .font("Helvetica")
          .fontSize(11)
          .list([...block.items], { bulletRadius: 2, textIndent: 12, paragraphGap: 2 });
      }
    }
  }
  pdf.end();
  return done;
}
