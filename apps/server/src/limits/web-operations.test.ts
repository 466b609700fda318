import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse } from "graphql";
import type { DefinitionNode, DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { cosellSchema } from "../schema/build.js";
import { LIMITS, operationCost } from "./index.js";

/**
 * Every operation the web app sends fits under the per-operation cost limit, priced as the server
 * prices it (list bounds included): a bound raised on the server, or a field added to a screen,
 * cannot silently lock users out of a page.
 */
const WEB_SRC = fileURLToPath(new URL("../../../web/src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "gql" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const definitions: DefinitionNode[] = sourceFiles(WEB_SRC).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/graphql\(`([\s\S]*?)`\)/g)].flatMap((match) => parse(match[1]!).definitions),
);
const fragments = definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await cosellSchema();
});

describe("the web app's operations", () => {
  it("are found", () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations.map((op) => [op.name?.value ?? "anonymous", op] as const))("%s costs no more than the limit", (_name, operation) => {
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
    // Pages the web asks for come as variables: price them at the largest it uses (the board's 100).
    const variables = Object.fromEntries(
      (operation.variableDefinitions ?? [])
        .filter((v) => /^(first|last)$/.test(v.variable.name.value))
        .map((v) => [v.variable.name.value, 100]),
    );
    expect(operationCost(schema, document, operation.name?.value ?? null, variables)).toBeLessThanOrEqual(LIMITS.cost);
  });
});
