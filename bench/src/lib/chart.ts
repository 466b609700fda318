import { pct } from "./report.js";
import type { Row } from "./report.js";

/** The report's chart: one bar per ratio, red for a missed target, green for a met one, blue for information. */
export function chart(all: readonly Row[]): string {
  const bars = all.filter((r) => r.ratio !== null);
  const width = 900;
  const rowHeight = 26;
  const left = 440;
  const scale = (width - left - 130) / 1.5;
  const height = 40 + bars.length * rowHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-weight="bold">cosell / baseline (same run); line at 100%</text>`,
    `<line x1="${left + scale}" y1="28" x2="${left + scale}" y2="${height - 4}" stroke="#888" stroke-dasharray="3,3"/>`,
  ];
  bars.forEach((r, i) => {
    const y = 32 + i * rowHeight;
    const w = Math.max(1, Math.min(1.5, r.ratio!) * scale);
    const color = r.pass === false ? "#d9534f" : r.pass ? "#5cb85c" : "#5b9bd5";
    const label = `${shortScenario(r.scenario)}: ${r.case}`;
    const target = r.target.startsWith("(") ? r.target : `(${r.target})`;
    parts.push(`<text x="10" y="${y + 15}">${escapeXml(label.slice(0, 68))}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" fill="${color}"/>`);
    parts.push(`<text x="${left + w + 4}" y="${y + 15}">${escapeXml(`${pct(r.ratio)} ${target}`)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

const shortScenario = (scenario: string): string =>
  scenario
    .replace(/^\d\. /, "")
    .replace("Board from PostgreSQL", "Board")
    .replace("Fan-out at 10 events/s", "Fan-out");

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
