import "reflect-metadata";
import { execute, parse } from "graphql";
import type { GraphQLObjectType, GraphQLSchema } from "graphql";
import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchema } from "type-graphql";
import { describe, expect, it } from "vitest";
import { cosellSchema } from "./build.js";
import { resolveWrappedFieldsDirectly, resolverContainer, resolvesDirectly } from "./direct-fields.js";

@ObjectType()
class Card {
  @Field(() => String, { name: "label" }) title!: string;

  @Field(() => String)
  get shout(): string {
    return `${this.title}!`;
  }

  @Field(() => String)
  @UseMiddleware(async (_data, next) => `<${String(await next())}>`)
  get guarded(): string {
    return this.title;
  }
}

/** How often type-graphql asked the sample's container for a resolver instance. */
const seen = { lookups: 0 };

@Resolver(() => Card)
class CardResolver {
  @Query(() => [Card])
  cards(): unknown[] {
    // An entity, and a plain object type-graphql converts to Card before reading a getter of it.
    return [Object.assign(new Card(), { title: "a" }), { title: "b" }];
  }

  owner(card: Card, context: { owner: string }): string {
    return `${context.owner} holds ${card.title} (${card instanceof Card ? "entity" : "plain"})`;
  }
}
// `@FieldResolver() owner(@Root() card: Card, @Ctx() context)` with the parameter types tsc records
// under emitDecoratorMetadata (the server is built without, so there a parent is passed as it is):
// type-graphql then converts a parent that is not a Card into one before calling `owner`.
Reflect.defineMetadata("design:paramtypes", [Card, Object], CardResolver.prototype, "owner");
Root()(CardResolver.prototype, "owner", 0);
Ctx()(CardResolver.prototype, "owner", 1);
FieldResolver(() => String)(CardResolver.prototype, "owner", Object.getOwnPropertyDescriptor(CardResolver.prototype, "owner")!);

const QUERY = parse("{ cards { label shout guarded owner } }");

async function sampleSchema(direct: boolean): Promise<GraphQLSchema> {
  const base = resolverContainer();
  const container = {
    get: (someClass: new () => unknown, data: unknown) => {
      seen.lookups += 1;
      return base.get(someClass, data as never);
    },
  };
  const options = { resolvers: [CardResolver] as [typeof CardResolver], container };
  const schema = await buildSchema({ ...options, validate: false });
  return direct ? resolveWrappedFieldsDirectly(schema, options) : schema;
}

/** Two classes of one GraphQL name, as two schemas in one process may have: only type-graphql knows which built a type. */
@ObjectType("Twin")
class TwinOfOtherSchema {
  @Field(() => String, { name: "label" }) title!: string;
}

@ObjectType("Twin")
class Twin {
  @Field(() => String, { name: "label" }) text!: string;
}

@Resolver(() => Twin)
class TwinResolver {
  @Query(() => Twin)
  twin(): Twin {
    return Object.assign(new Twin(), { text: "t" });
  }
}

describe("resolveWrappedFieldsDirectly", () => {
  it("answers exactly as type-graphql's wrappers do, without them where they only read", async () => {
    const wrapped = await sampleSchema(false);
    const lookups = seen.lookups;
    const expected = await execute({ schema: wrapped, document: QUERY, contextValue: { owner: "ana" } });
    // type-graphql asks its container for the resolver instance on every call: `cards`, and `owner` twice.
    expect(seen.lookups - lookups).toBe(3);

    const schema = await sampleSchema(true);
    const fields = (schema.getType("Card") as GraphQLObjectType).getFields();
    expect(resolvesDirectly(fields.label!.resolve)).toBe(true);
    expect(resolvesDirectly(fields.shout!.resolve)).toBe(true);
    expect(resolvesDirectly(fields.owner!.resolve)).toBe(true);
    expect(resolvesDirectly(fields.guarded!.resolve)).toBe(false);

    const before = seen.lookups;
    const result = await execute({ schema, document: QUERY, contextValue: { owner: "ana" } });
    expect(result).toEqual(expected);
    expect(result).toEqual({
      data: {
        cards: [
          { label: "a", shout: "a!", guarded: "<a>", owner: "ana holds a (entity)" },
          // The plain object goes through type-graphql's own resolver, which converts it.
          { label: "b", shout: "b!", guarded: "<b>", owner: "ana holds b (entity)" },
        ],
      },
    });
    // Besides `cards`, only the plain object's `owner` went through type-graphql's wrapper (which
    // asked the container); the entity's was called on the same instance directly.
    expect(seen.lookups - before).toBe(2);
  });

  it("leaves a type alone whose name more than one class carries", async () => {
    void TwinOfOtherSchema; // in the metadata storage with Twin's name, in no schema of this test
    const options = { resolvers: [TwinResolver] as [typeof TwinResolver], container: resolverContainer() };
    const schema = resolveWrappedFieldsDirectly(await buildSchema({ ...options, validate: false }), options);
    expect(resolvesDirectly((schema.getType("Twin") as GraphQLObjectType).getFields().label!.resolve)).toBe(false);
    expect(await execute({ schema, document: parse("{ twin { label } }") })).toEqual({ data: { twin: { label: "t" } } });
  });

  it("keeps one instance per resolver class, shared with type-graphql", async () => {
    const container = resolverContainer();
    expect(container.get(CardResolver, undefined as never)).toBe(container.get(CardResolver, undefined as never));
  });

  it("is how cosell's schema is built: ids, getters and parent-only field resolvers resolve directly", async () => {
    const schema = await cosellSchema();
    const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
    for (const [type, name] of [
      ["User", "id"],
      ["Activity", "id"],
      ["Activity", "createdAt"],
      ["Activity", "cursor"],
      ["Activity", "actor"],
      ["Activity", "actorOrganization"],
    ] as const)
      expect(resolvesDirectly(field(type, name).resolve), `${type}.${name}`).toBe(true);
    // A field with arguments keeps type-graphql's argument handling.
    expect(resolvesDirectly(field("Opportunity", "activities").resolve)).toBe(false);
  });
});
