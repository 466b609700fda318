/**
 * WCAG 2 contrast, for checking the stylesheet's colors in tests: relative luminance of an sRGB
 * color and the ratio between two (1 to 21; 3 is the minimum for focus indicators and UI parts).
 */

/** `#rgb` or `#rrggbb` → [r, g, b] in 0..255. */
export function parseHexColor(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a hex color: ${hex}`);
  const digits = match[1]!.length === 3 ? [...match[1]!].map((d) => d + d) : match[1]!.match(/../g)!;
  return digits.map((pair) => parseInt(pair, 16)) as [number, number, number];
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHexColor(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
