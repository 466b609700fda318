// @vitest-environment node
import { generate } from "@graphql-codegen/cli";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import config from "../codegen";

describe("src/gql/", () => {
  it("is what codegen makes of the schema and the operations today (else run `pnpm codegen`)", async () => {
    // Also fails, naming the field, when an operation no longer fits the server's schema.
    const files: { filename: string; content: string }[] = await generate({ ...config, silent: true }, false);

    expect(files.map((file) => file.filename).sort()).toEqual([
      "src/gql/fragment-masking.ts",
      "src/gql/gql.ts",
      "src/gql/graphql.ts",
      "src/gql/index.ts",
    ]);
    for (const file of files) {
      const onDisk = existsSync(file.filename) ? readFileSync(file.filename, "utf8") : null;
      expect(onDisk, `${file.filename} is stale`).toBe(file.content);
    }
  }, 30_000);
});
