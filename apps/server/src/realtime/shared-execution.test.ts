import { GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from "graphql";
import type { ExecutionResult } from "graphql";
import { describe, expect, it } from "vitest";
import { memoryBus } from "./bus.js";
import { sharedExecution } from "./shared-execution.js";
import { stream } from "./stream.js";

/** A room whose subscribers each get their own feed of `{ kind: "entry", entry: { seq } }` items, like roomFeed's. */
function room() {
  const bus = memoryBus();
  let resolved = 0;
  const Entry = new GraphQLObjectType({
    name: "Entry",
    fields: {
      seq: { type: new GraphQLNonNull(GraphQLInt) },
      seenBy: { type: GraphQLString, resolve: (_entry, _args, context: { viewer: string }) => ((resolved += 1), context.viewer) },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: "Subscription",
      fields: {
        entries: {
          type: new GraphQLNonNull(Entry),
          args: { room: { type: new GraphQLNonNull(GraphQLString) }, after: { type: GraphQLString } },
          subscribe: async (_root, args: { room: string }) => {
            const out = stream<unknown>(() => void unsubscribe());
            const unsubscribe = await bus.subscribe(args.room, (message) => out.push(message));
            return out;
          },
          resolve: (item: { kind: string; entry?: { seq: number } }) => {
            if (item.kind !== "entry") throw new Error("access ended");
            return item.entry;
          },
        },
      },
    }),
  });
  return { bus, schema, resolved: () => resolved };
}

const document = parse(`subscription ($room: String!, $after: String) { entries(room: $room, after: $after) { seq seenBy } }`);

describe("shared execution of subscription events", () => {
  it("runs one execution per event for subscribers of one operation and permission class, and one per class otherwise", async () => {
    const { bus, schema, resolved } = room();
    const shared = sharedExecution({ permissionClass: (context) => (context as { viewer: string }).viewer });
    const subscribe = (viewer: string, after: string | null) =>
      shared.subscribe({ schema, document, variableValues: { room: "r1", after }, contextValue: { viewer } }) as Promise<AsyncGenerator<ExecutionResult>>;

    // Ten subscribers of class "ana" (different cursors: the cursor only says where a stream starts) and two of "lee".
    const anas = await Promise.all(Array.from({ length: 10 }, (_, i) => subscribe("ana", i % 2 ? `c${i}` : null)));
    const lees = await Promise.all([subscribe("lee", null), subscribe("lee", null)]);
    expect(shared.groups).toBe(2);

    for (const seq of [1, 2, 3]) await bus.publish("r1", { kind: "entry", entry: { seq } });
    const firstThree = async (results: AsyncGenerator<ExecutionResult>) => [
      (await results.next()).value,
      (await results.next()).value,
      (await results.next()).value,
    ];
    for (const results of anas) {
      expect(await firstThree(results)).toEqual([1, 2, 3].map((seq) => ({ data: { entries: { seq, seenBy: "ana" } } })));
    }
    for (const results of lees) {
      expect(await firstThree(results)).toEqual([1, 2, 3].map((seq) => ({ data: { entries: { seq, seenBy: "lee" } } })));
    }
    expect(shared.executions).toBe(3 * 2);
    expect(resolved()).toBe(3 * 2);

    // Ending every subscription closes its source and forgets the groups.
    await Promise.all([...anas, ...lees].map((results) => results.return(undefined)));
    expect(shared.groups).toBe(0);
  });

  it("executes per subscriber what is not a log entry (an access-ended notice), and never shares without a permission class", async () => {
    const { bus, schema } = room();
    const shared = sharedExecution({ permissionClass: (context) => (context as { viewer: string | null }).viewer });
    const one = (await shared.subscribe({ schema, document, variableValues: { room: "r1" }, contextValue: { viewer: "ana" } })) as AsyncGenerator<ExecutionResult>;
    const two = (await shared.subscribe({ schema, document, variableValues: { room: "r1" }, contextValue: { viewer: "ana" } })) as AsyncGenerator<ExecutionResult>;
    const anonymous = (await shared.subscribe({ schema, document, variableValues: { room: "r1" }, contextValue: { viewer: null } })) as AsyncGenerator<ExecutionResult>;
    await bus.publish("r1", { kind: "accessEnded" });
    for (const results of [one, two, anonymous]) expect((await results.next()).value.errors?.[0]?.message).toBe("access ended");
    await bus.publish("r1", { kind: "entry", entry: { seq: 7 } });
    for (const results of [one, two, anonymous]) expect((await results.next()).value.data).toEqual({ entries: { seq: 7, seenBy: results === anonymous ? null : "ana" } });
    // 3 access-ended executions, then the entry: once for the two of "ana", once for the anonymous one.
    expect(shared.executions).toBe(3 + 2);
  });
});
