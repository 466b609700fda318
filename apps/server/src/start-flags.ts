import { readFileSync } from "node:fs";

/**
 * The Node flags `pnpm start` gives the server (package.json's `start` script: the young-generation
 * size, no allocation-site pretenuring), read from there for whatever must run the server as it
 * runs in production: the compiled-build test and every server of the benchmarks.
 */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: { start: string } };
  return scripts.start.split(" ").filter((word) => word.startsWith("--"));
}
