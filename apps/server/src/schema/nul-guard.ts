import { defaultFieldResolver, getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, GraphQLString } from "graphql";
import type { GraphQLArgument, GraphQLField, GraphQLFieldResolver, GraphQLInputType, GraphQLSchema } from "graphql";
import { badInput } from "../errors.js";

/**
 * PostgreSQL's text cannot hold U+0000: a string carrying one fails deep in a write (22021) or
 * is silently cut by a driver. No business text needs it, so every String argument is refused
 * before any resolver runs: one guard on the schema instead of a rule on every input field.
 */
const NUL = "\u0000";

/**
 * Wraps every field that takes a String (directly, in a list or inside input objects) so that a
 * NUL anywhere in its arguments answers BAD_USER_INPUT naming the field, as input validation does:
 * the path inside the argument's input object (`body`, `items.0.description`), or the argument's
 * own name for a plain argument (`needs`, `after`). Covers queries, mutations and subscriptions
 * (in `subscribe`, once per subscription), on HTTP and over the socket, since both run this schema.
 * Mutates `schema`.
 */
export function refuseNulInStrings(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const guarded = field.args.filter((arg) => carriesString(arg.type, new Set()));
      if (guarded.length === 0) continue;
      const check = (args: Record<string, unknown>) => {
        for (const arg of guarded) {
          const path = nulPath(arg.type, args[arg.name], []);
          if (path) throw badInput(fieldName(arg, path), "must not contain the NUL character (U+0000)");
        }
      };
      // A subscription's arguments are checked once, when it starts: each event's `resolve` gets the same ones.
      wrap(field, field.subscribe ? "subscribe" : "resolve", check);
    }
  }
  return schema;
}

function wrap(field: GraphQLField<unknown, unknown>, key: "resolve" | "subscribe", check: (args: Record<string, unknown>) => void): void {
  const inner: GraphQLFieldResolver<unknown, unknown> = field[key] ?? defaultFieldResolver;
  field[key] = (source, args, context, info) => {
    check(args);
    return inner(source, args, context, info);
  };
}

function carriesString(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (named === GraphQLString) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => carriesString(field.type, seen));
}

/** Where in `value` (of `type`) a String holds a NUL, or null. */
function nulPath(type: GraphQLInputType, value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (value == null) return null;
  if (isNonNullType(type)) return nulPath(type.ofType, value, path);
  if (isListType(type)) {
    if (!Array.isArray(value)) return nulPath(type.ofType, value, path);
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(type.ofType, value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      const found = nulPath(field.type, (value as Record<string, unknown>)[field.name], [...path, field.name]);
      if (found) return found;
    }
    return null;
  }
  return type === GraphQLString && typeof value === "string" && value.includes(NUL) ? path : null;
}

/** The field as class-validator names it: inside an input object argument; a list of strings by its own name. */
function fieldName(arg: GraphQLArgument, path: (string | number)[]): string {
  const segments = (isInputObjectType(getNamedType(arg.type)) ? path : [arg.name, ...path]).map(String);
  while (segments.length > 1 && /^\d+$/.test(segments[segments.length - 1]!)) segments.pop();
  return segments.join(".");
}
