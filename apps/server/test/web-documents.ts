import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse } from "graphql";
import type { DefinitionNode, FragmentDefinitionNode, OperationDefinitionNode } from "graphql";

/** The web app's sources (its generated `gql/` folder left out). */
const WEB_SRC = fileURLToPath(new URL("../../web/src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "gql" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every operation and fragment the web app writes in `graphql(`…`)`, as it sends them. */
export function webDocuments(): { operations: OperationDefinitionNode[]; fragments: FragmentDefinitionNode[] } {
  const definitions: DefinitionNode[] = sourceFiles(WEB_SRC).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/graphql\(`([\s\S]*?)`\)/g)].flatMap((match) => parse(match[1]!).definitions),
  );
  return {
    operations: definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION),
    fragments: definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION),
  };
}
