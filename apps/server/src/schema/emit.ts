import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printSchemaWithDirectives } from "./print.js";
import { cosellSchema } from "./build.js";

/** `pnpm codegen`: writes packages/schema/schema.graphql from the server's schema. */
export const SCHEMA_FILE = fileURLToPath(new URL("../../../../packages/schema/schema.graphql", import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  const sdl = printSchemaWithDirectives(await cosellSchema());
  writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE}`);
}
