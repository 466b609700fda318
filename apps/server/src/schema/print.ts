import { printSchema } from "graphql";
import type { GraphQLSchema } from "graphql";

const HEADER = "# Emitted by @cosell/server (`pnpm codegen`). Do not edit by hand: the tests fail when it is stale.\n\n";

/** The schema as SDL, exactly as the server serves it. */
export function printSchemaWithDirectives(schema: GraphQLSchema): string {
  return HEADER + printSchema(schema) + "\n";
}
