import { Kind } from "graphql";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { webDocuments } from "../../test/web-documents.js";
import { cosellSchema } from "../schema/build.js";
import { LIMITS, operationCost } from "./index.js";

/**
 * Every operation the web app sends fits under the per-operation cost limit, priced as the server
 * prices it (list bounds included): a bound raised on the server, or a field added to a screen,
 * cannot silently lock users out of a page.
 */
const { operations, fragments } = webDocuments();

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
