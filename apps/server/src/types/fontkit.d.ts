/** The part of fontkit 2 (no types of its own) that outline.pdf.ts uses. */
declare module "fontkit" {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
