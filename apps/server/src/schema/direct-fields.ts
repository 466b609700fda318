import { getMetadataStorage } from "type-graphql";
import type { ContainerType } from "type-graphql";
import { isObjectType } from "graphql";
import type { GraphQLFieldResolver, GraphQLSchema } from "graphql";

type Storage = ReturnType<typeof getMetadataStorage>;
type FieldMetadata = NonNullable<Storage["objectTypes"][number]["fields"]>[number];
type FieldResolverMetadata = Storage["fieldResolvers"][number];
type Resolve = GraphQLFieldResolver<unknown, unknown>;
type Class = abstract new (...args: never[]) => unknown;

/**
 * One instance per resolver class, made on first use: what type-graphql's default container does
 * (`new Resolver()`, kept), in a container whose instances `resolveWrappedFieldsDirectly` can reach.
 * Resolver classes keep no state.
 */
export function resolverContainer(): ContainerType {
  const instances = new Map<object, unknown>();
  return {
    get(someClass: new () => unknown) {
      let instance = instances.get(someClass);
      if (instance === undefined) instances.set(someClass, (instance = new someClass()));
      return instance;
    },
  };
}

const direct = new WeakSet<Resolve>();

/** Whether `resolve` is one `resolveWrappedFieldsDirectly` set (for tests). */
export function resolvesDirectly(resolve: unknown): boolean {
  return typeof resolve === "function" && direct.has(resolve as Resolve);
}

/**
 * Resolves the fields without arguments that type-graphql wraps in a resolver of its own where the
 * wrapper only reads, by a function that reads the same thing: a field named apart from its
 * property (`id` for `globalId`), a getter of the entity (`createdAt`), and a field resolver of a
 * resolver class that takes only the parent (`@Root`) and the context (`@Ctx`). type-graphql's
 * wrapper builds resolver data, looks its resolver class up in its container (a linear search),
 * sorts and maps the parameters' metadata and runs an empty middleware chain, for every field of
 * every row; a live event's execution paid it on `id`, `createdAt` and `actor` (bench/).
 *
 * The answer is the same: the getter or method of the same instance is called with the same
 * values. Where type-graphql would do more, its resolver stays: middlewares or roles on the field,
 * a parent that is not yet an instance of its class (type-graphql converts it first), arguments,
 * and every field of a schema built with global middlewares or an auth checker. Fields keep a
 * resolver (compiled execution then catches a getter that throws, as graphql-js does). Mutates
 * `schema`; run it before wrappers that must stay outermost (`refuseNulInStrings`).
 */
export function resolveWrappedFieldsDirectly(
  schema: GraphQLSchema,
  options: {
    readonly resolvers: readonly object[];
    readonly container: ContainerType;
    readonly globalMiddlewares?: unknown;
    readonly authChecker?: unknown;
  },
): GraphQLSchema {
  if (options.globalMiddlewares !== undefined || options.authChecker !== undefined) return schema;
  const storage = getMetadataStorage();
  // As type-graphql's schema generator finds a field's resolver metadata.
  const fieldResolvers = storage.fieldResolvers.filter((it) => it.kind === "internal" || options.resolvers.includes(it.target));
  const classesNamed = new Map<string, number>();
  for (const { name } of storage.objectTypes) classesNamed.set(name, (classesNamed.get(name) ?? 0) + 1);
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    // A name two classes carry (each in a schema of its own) does not say which class built this type.
    if (!isObjectType(type) || classesNamed.get(objectType.name) !== 1) continue;
    const interfaces = storage.interfaceTypes.filter((it) => objectType.interfaceClasses?.includes(it.target));
    const fields = type.getFields();
    for (const field of [...interfaces.flatMap((it) => it.fields ?? []), ...(objectType.fields ?? [])]) {
      const schemaField = fields[field.schemaName];
      const wrapped = schemaField?.resolve;
      if (!schemaField || !wrapped || schemaField.args.length > 0 || direct.has(wrapped)) continue;
      const fieldResolver = fieldResolvers.find((it) => it.getObjectType?.() === field.target && it.methodName === field.name);
      const resolve = fieldResolver ? fieldResolverRead(fieldResolver, wrapped, options.container) : propertyRead(field);
      if (!resolve) continue;
      direct.add(resolve);
      schemaField.resolve = resolve;
    }
  }
  return schema;
}

/** A field without a resolver method: type-graphql's wrapper reads the property. */
function propertyRead(field: FieldMetadata): Resolve | null {
  if (field.middlewares?.length || field.roles !== undefined) return null;
  const name = field.name;
  return (parent) => (parent as Record<string, unknown>)[name];
}

/** A getter of the entity, or a resolver class's method of the parent and the context; null: keep type-graphql's. */
function fieldResolverRead(metadata: FieldResolverMetadata, wrapped: Resolve, container: ContainerType): Resolve | null {
  if (metadata.middlewares?.length || metadata.roles !== undefined || !metadata.getObjectType) return null;
  const name = metadata.methodName;
  if (metadata.kind === "internal") {
    const Entity = metadata.getObjectType() as Class;
    if (!getterOf(Entity, name)) return null; // a method with parameters: type-graphql passes them
    return (parent, args, context, info) =>
      parent instanceof Entity ? (parent as Record<string, unknown>)[name] : wrapped(parent, args, context, info);
  }
  const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
  if (!params.every((param) => (param.kind === "root" || param.kind === "context") && param.propertyName === undefined)) return null;
  const root = params.find((param) => param.kind === "root");
  const Parent = root?.kind === "root" ? root.getType?.() : undefined;
  // type-graphql converts a parent to the @Root parameter's class when it is not one already.
  if (Parent !== undefined && typeof Parent !== "function") return null;
  const instance = container.get(metadata.target, undefined as never) as Record<string, (...values: unknown[]) => unknown>;
  const method = instance[name];
  if (typeof method !== "function") return null;
  const order = params.map((param) => param.kind).join(",");
  const call =
    order === "root"
      ? (parent: unknown) => method.call(instance, parent)
      : order === "root,context"
        ? (parent: unknown, context: unknown) => method.call(instance, parent, context)
        : order === "context,root"
          ? (parent: unknown, context: unknown) => method.call(instance, context, parent)
          : (parent: unknown, context: unknown) =>
              method.apply(
                instance,
                params.map((param) => (param.kind === "root" ? parent : context)),
              );
  return (parent, args, context, info) =>
    Parent === undefined || parent instanceof (Parent as Class) ? call(parent, context) : wrapped(parent, args, context, info);
}

/** The getter `name` of `Entity`'s instances, on its prototype chain. */
function getterOf(Entity: Class, name: string): (() => unknown) | undefined {
  for (
    let prototype: object | null = Entity.prototype as object;
    prototype && prototype !== Object.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (descriptor) return descriptor.get;
  }
  return undefined;
}
