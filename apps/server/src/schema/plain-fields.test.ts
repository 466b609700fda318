import "reflect-metadata";
import { execute, parse } from "graphql";
import type { GraphQLObjectType } from "graphql";
import { Field, ObjectType, Query, Resolver, UseMiddleware, buildSchema } from "type-graphql";
import { describe, expect, it } from "vitest";
import { cosellSchema, resolvePlainFieldsDirectly } from "./build.js";

@ObjectType()
class Sample {
  @Field(() => String) plain!: string;

  // Named apart from its property: graphql's default would read `shown`, which does not exist.
  @Field(() => String, { name: "shown" }) hidden!: string;

  @Field(() => String)
  @UseMiddleware(async (_data, next) => `${String(await next())}!`)
  loud!: string;
}

@Resolver()
class SampleResolver {
  @Query(() => Sample)
  sample(): Sample {
    return Object.assign(new Sample(), { plain: "a", hidden: "b", loud: "c" });
  }
}

describe("resolvePlainFieldsDirectly", () => {
  it("leaves plain data fields to graphql's default and keeps type-graphql's resolver where it does something", async () => {
    resolvePlainFieldsDirectly();
    const schema = await buildSchema({ resolvers: [SampleResolver], validate: false });
    const fields = (schema.getType("Sample") as GraphQLObjectType).getFields();
    expect(fields.plain!.resolve).toBeUndefined();
    expect(fields.shown!.resolve).toBeTypeOf("function");
    expect(fields.loud!.resolve).toBeTypeOf("function");
    const result = await execute({ schema, document: parse("{ sample { plain shown loud } }") });
    expect(result).toEqual({ data: { sample: { plain: "a", shown: "b", loud: "c!" } } });
  });

  it("is how cosell's schema is built: entity columns resolve directly, field resolvers stay", async () => {
    const schema = await cosellSchema();
    const opportunity = (schema.getType("Opportunity") as GraphQLObjectType).getFields();
    expect(opportunity.title!.resolve).toBeUndefined();
    expect(opportunity.stage!.resolve).toBeUndefined();
    expect(opportunity.members!.resolve).toBeTypeOf("function");
  });

  it("keeps a resolver on fields answered by a getter, so a getter that throws is that field's error", async () => {
    // Compiled execution inlines a field without a resolver as an unguarded property read: a getter
    // throwing there (BigInt of a column a query did not read, say) would escape the execution,
    // from inside a promise callback below an async field, and stop the process. Through a
    // resolver, graphql-jit catches it as graphql-js does.
    const schema = await cosellSchema();
    const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;
    for (const [type, name] of [
      ["Opportunity", "amount"],
      ["Activity", "createdAt"],
      ["Activity", "cursor"],
      ["Commitment", "dueAt"],
      ["Commitment", "onTime"],
    ] as const) {
      expect(field(type, name).resolve, `${type}.${name}`).toBeTypeOf("function");
    }
  });
});
