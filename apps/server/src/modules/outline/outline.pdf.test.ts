import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import type { OutlineDocument } from "./outline.document.js";
import { outlinePdf } from "./outline.pdf.js";

async function textOf(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  let text = "";
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    text += (await page.getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ") + "\n";
  }
  return text;
}

describe("outlinePdf", () => {
  it("writes names and notes beyond Latin-1 (Polish, Czech, Turkish, Greek, Cyrillic) as they are", async () => {
    const doc: OutlineDocument = {
      title: "Outline: Łódź catalogue relaunch",
      facts: ["Owner: Małgorzata Dąbrowska (Drukarnia Świt)"],
      sections: [
        {
          heading: "People",
          blocks: [
            { kind: "subheading", text: "Partner firms" },
            { kind: "list", items: ["Jiří Čapek (Tiskárna Říčany)", "Şebnem Çelik (İstanbul Kâğıt)"] },
            { kind: "paragraph", text: "Notes: Ελληνικό χαρτί και Кириллица — the € price stands." },
          ],
        },
      ],
    };
    const text = await textOf(await outlinePdf(doc, { author: "cosell", createdAt: new Date("2026-12-03T10:00:00Z") }));
    for (const expected of [
      "Outline: Łódź catalogue relaunch",
      "Małgorzata Dąbrowska (Drukarnia Świt)",
      "Jiří Čapek (Tiskárna Říčany)",
      "Şebnem Çelik (İstanbul Kâğıt)",
      "Ελληνικό χαρτί και Кириллица",
      "€",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("cannot be shown");
  });

  it("says under the title when it cannot draw some characters, and points to the Markdown", async () => {
    const doc: OutlineDocument = {
      title: "Outline: Tokyo catalogue",
      facts: ["Owner: Ana Alvarez (Acme Print)"],
      sections: [{ heading: "People", blocks: [{ kind: "list", items: ["Haruto Sato (東京印刷)"] }] }],
    };
    const text = await textOf(await outlinePdf(doc, { author: "cosell", createdAt: new Date("2026-12-03T10:00:00Z") }));
    expect(text).toContain("Some characters of this outline cannot be shown in this PDF; the Markdown download has the full text.");
    expect(text).toContain("Haruto Sato");
  });
});
