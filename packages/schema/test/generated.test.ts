import { generate } from "@graphql-codegen/cli";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import config from "../codegen.js";

describe("src/types.generated.ts", () => {
  it("is what codegen makes of schema.graphql today (else run `pnpm codegen`)", async () => {
    const files: { filename: string; content: string }[] = await generate({ ...config, silent: true }, false);
    expect(files.map((f) => f.filename)).toEqual(["src/types.generated.ts"]);
    expect(readFileSync("src/types.generated.ts", "utf8")).toBe(files[0]!.content);
  }, 30_000);
});
