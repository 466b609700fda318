import { GraphQLError, Kind, specifiedRules } from "graphql";
import type { ASTVisitor, SelectionSetNode, ValidationContext, ValidationRule } from "graphql";

/**
 * Limits every GraphQL document must pass, whatever the transport. The WebSocket path applies them
 * in `onSubscribe` (graphql-ws bypasses Apollo); the HTTP path can add the same rules to Apollo.
 */

/** Deepest field nesting a document may have (`{ a { b } }` is 2). */
export const MAX_QUERY_DEPTH = 10;

/** Most lexical tokens a document may have; parsing stops past it (cheap guard against huge documents). */
export const MAX_QUERY_TOKENS = 5_000;

/** Refuses documents whose operations nest fields deeper than `max`, following fragment spreads. */
export function depthLimit(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const depthOf = (selectionSet: SelectionSetNode | undefined, depth: number, visiting: Set<string>): number => {
      if (!selectionSet || depth > max) return depth;
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(deepest, selection.selectionSet ? depthOf(selection.selectionSet, depth + 1, visiting) : depth + 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, visiting));
        } else {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          // A fragment cycle is reported by NoFragmentCyclesRule; here it only must not loop.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, visiting));
          visiting.delete(name);
        }
        if (deepest > max) break;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 0, new Set());
        if (depth > max) {
          context.reportError(
            new GraphQLError(`Query is nested too deeply (more than ${max} levels)`, { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }),
          );
        }
      },
    };
  };
}

/** graphql-js's rules plus cosell's limits: the one list every transport validates with. */
export const VALIDATION_RULES: readonly ValidationRule[] = [...specifiedRules, depthLimit(MAX_QUERY_DEPTH)];
