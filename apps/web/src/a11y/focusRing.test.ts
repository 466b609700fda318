// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { contrastRatio, relativeLuminance } from "./contrast";

// Read from disk: Vite hands tests an empty stylesheet.
const css = readFileSync(fileURLToPath(new URL("../styles.css", import.meta.url)), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");

/** The custom properties declared in `:root`, with `var(--x)` references resolved. */
function customProperties(): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  const raw = new Map([...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
  const resolve = (value: string, depth = 0): string =>
    depth > 10 ? value : value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => resolve(raw.get(name) ?? "", depth + 1));
  return new Map([...raw].map(([name, value]) => [name, resolve(value)]));
}

/** Every rule as [selector, declarations] (media queries flattened: their rules are rules too). */
function rules(): [string, string][] {
  return [...css.replace(/@media[^{]*\{/g, "").matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => [m[1]!.trim(), m[2]!]);
}

const hex = /#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi;

describe("the focus ring", () => {
  const vars = customProperties();
  const ring = vars.get("--focus-ring")!;
  const focusRule = rules().find(([selector]) => selector === ":focus-visible")?.[1] ?? "";

  it("is a solid outline in --focus-ring, offset from the control, on every focusable element", () => {
    expect(focusRule).toMatch(/outline:\s*3px solid var\(--focus-ring\)/);
    expect(Number(/outline-offset:\s*(\d+)px/.exec(focusRule)?.[1])).toBeGreaterThanOrEqual(2);
    expect(ring).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("has at least 3:1 contrast against every light surface in the stylesheet", () => {
    // The surfaces a control sits on: the custom properties and every light background used.
    // (Dark fills, e.g. a primary button, never touch the ring: the offset puts the surface between.)
    const backgrounds = new Set<string>([vars.get("--card")!, vars.get("--paper")!, vars.get("--danger-paper")!]);
    for (const [, declarations] of rules())
      for (const [, value] of declarations.matchAll(/background(?:-color)?\s*:\s*([^;]+);/g)) {
        const resolved = value!.replace(/var\((--[\w-]+)\)/g, (_, name: string) => vars.get(name) ?? "");
        for (const color of resolved.match(hex) ?? []) if (relativeLuminance(color) > 0.4) backgrounds.add(color.toLowerCase());
      }
    expect(backgrounds.size).toBeGreaterThan(10);
    const weak = [...backgrounds].filter((background) => contrastRatio(ring, background) < 3);
    expect(weak).toEqual([]);
  });

  it("is never switched off on an interactive element", () => {
    const off = rules()
      .filter(([, declarations]) => /outline\s*:\s*(none|0)\b/.test(declarations))
      .map(([selector]) => selector);
    // Only the page's <main>, focused by script after a navigation (it is not a control).
    expect(off).toEqual([".page:focus"]);
  });

  it("computes contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    // The old ring (the accent at 45% over white, about #a3b6e6) was too faint: under 3:1.
    expect(contrastRatio("#a3b6e6", "#ffffff")).toBeLessThan(3);
  });
});
