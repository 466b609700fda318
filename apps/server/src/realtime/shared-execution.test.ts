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
    const shared = sharedExecution({ accessClass: (args) => (args.contextValue as { viewer: string }).viewer });
    const subscribe = (viewer: string, after: string | null) =>
      shared.subscribe({ schema, document, variableValues: { room: "r1", after }, contextValue: { viewer } }) as Promise<
        AsyncGenerator<ExecutionResult>
      >;

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
      // The first to read ran the three executions; they wait for the other nine of its group.
      if (results === anas[0]) expect(shared.heldResults).toBe(3);
    }
    for (const results of lees) {
      expect(await firstThree(results)).toEqual([1, 2, 3].map((seq) => ({ data: { entries: { seq, seenBy: "lee" } } })));
    }
    expect(shared.executions).toBe(3 * 2);
    expect(resolved()).toBe(3 * 2);
    // Every member has taken every result: the groups hold none of them any longer.
    expect(shared.heldResults).toBe(0);

    // Ending every subscription closes its source and forgets the groups.
    await Promise.all([...anas, ...lees].map((results) => results.return(undefined)));
    expect(shared.groups).toBe(0);
  });

  it("executes per subscriber what is not a log entry (an access-ended notice), and never shares without a permission class", async () => {
    const { bus, schema } = room();
    const shared = sharedExecution({ accessClass: (args) => (args.contextValue as { viewer: string | null }).viewer });
    const one = (await shared.subscribe({
      schema,
      document,
      variableValues: { room: "r1" },
      contextValue: { viewer: "ana" },
    })) as AsyncGenerator<ExecutionResult>;
    const two = (await shared.subscribe({
      schema,
      document,
      variableValues: { room: "r1" },
      contextValue: { viewer: "ana" },
    })) as AsyncGenerator<ExecutionResult>;
    const anonymous = (await shared.subscribe({
      schema,
      document,
      variableValues: { room: "r1" },
      contextValue: { viewer: null },
    })) as AsyncGenerator<ExecutionResult>;
    await bus.publish("r1", { kind: "accessEnded" });
    for (const results of [one, two, anonymous]) expect((await results.next()).value.errors?.[0]?.message).toBe("access ended");
    await bus.publish("r1", { kind: "entry", entry: { seq: 7 } });
    for (const results of [one, two, anonymous])
      expect((await results.next()).value.data).toEqual({ entries: { seq: 7, seenBy: results === anonymous ? null : "ana" } });
    // 3 access-ended executions, then the entry: once for the two of "ana", once for the anonymous one.
    expect(shared.executions).toBe(3 + 2);
  });

  it("writes a result that executes synchronously in the turn its event arrives, once for the group", async () => {
    const { bus, schema } = room();
    const written: string[] = [];
    const sinks = new Map<unknown, { next(json: string): boolean }>();
    const shared = sharedExecution({ accessClass: () => "ana", sinkOf: (context) => sinks.get(context) ?? null });
    const results = [];
    for (const name of ["one", "two", "three"]) {
      const contextValue = { viewer: "ana" };
      sinks.set(contextValue, { next: (json) => (written.push(`${name} ${JSON.parse(json).data.entries.seq}`), true) });
      results.push(
        (await shared.subscribe({ schema, document, variableValues: { room: "r1" }, contextValue })) as AsyncGenerator<ExecutionResult>,
      );
    }
    // The in-process bus hands the event over synchronously; nothing is awaited before looking.
    void bus.publish("r1", { kind: "entry", entry: { seq: 1 } });
    expect(written).toEqual(["one 1", "two 1", "three 1"]);
    expect(shared.executions).toBe(1);
    expect(shared.heldResults).toBe(0);
    await Promise.all(results.map((r) => r.return(undefined)));
  });

  it("writes shared results straight to a sink, once serialized, and hands the rest to the iterator in order", async () => {
    const { bus, schema } = room();
    const written = new Map<string, string[]>();
    const log: string[] = [];
    const declineFirst = new Set(["one"]);
    const sinkFor = (name: string) => ({
      next(json: string) {
        if (declineFirst.delete(name)) return false; // like a first result that must carry its cost
        written.set(name, [...(written.get(name) ?? []), json]);
        log.push(`${name} wrote ${JSON.parse(json).data.entries.seq}`);
        return true;
      },
    });
    const sinks = new Map<unknown, ReturnType<typeof sinkFor>>();
    const shared = sharedExecution({ accessClass: () => "ana", sinkOf: (context) => sinks.get(context) ?? null });
    const subscribe = async (name: string) => {
      const contextValue = { viewer: "ana" };
      sinks.set(contextValue, sinkFor(name));
      return (await shared.subscribe({
        schema,
        document,
        variableValues: { room: "r1" },
        contextValue,
      })) as AsyncGenerator<ExecutionResult>;
    };
    const one = await subscribe("one");
    const two = await subscribe("two");
    const read = (results: AsyncGenerator<ExecutionResult>, into: unknown[]) =>
      (async () => {
        for await (const result of results) {
          into.push(result);
          // Sending takes a while; the transport asks for more only afterwards.
          await new Promise((resolve) => setTimeout(resolve, 5));
          const seq = (result as ExecutionResult<{ entries: { seq: number } }>).data?.entries.seq;
          log.push(`${into === handedToOne ? "one" : "two"} sent ${seq ?? "an error"}`);
        }
      })();
    const handedToOne: unknown[] = [];
    const handedToTwo: unknown[] = [];
    const reading = [read(one, handedToOne), read(two, handedToTwo)];

    for (const seq of [1, 2, 3]) await bus.publish("r1", { kind: "entry", entry: { seq } });
    await bus.publish("r1", { kind: "accessEnded" });
    await bus.publish("r1", { kind: "entry", entry: { seq: 4 } });
    const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
    await settled();
    expect(log.filter((line) => line.startsWith("one"))).toEqual([
      "one sent 1",
      "one wrote 2",
      "one wrote 3",
      "one sent an error",
      "one wrote 4",
    ]);
    expect(log.filter((line) => line.startsWith("two"))).toEqual([
      "two wrote 1",
      "two wrote 2",
      "two wrote 3",
      "two sent an error",
      "two wrote 4",
    ]);

    const json = (seq: number) => JSON.stringify({ data: { entries: { seq, seenBy: "ana" } } });
    // "one" declined its first result: it went through the iterator, then the rest was written, in order.
    expect(handedToOne.slice(0, 1)).toEqual([{ data: { entries: { seq: 1, seenBy: "ana" } } }]);
    expect(written.get("one")).toEqual([json(2), json(3), json(4)]);
    expect(written.get("two")).toEqual([json(1), json(2), json(3), json(4)]);
    // The access-ended notice is executed per subscriber and comes through the iterator, between 3 and 4.
    for (const handed of [handedToOne.slice(1), handedToTwo]) {
      expect(handed.map((result) => (result as ExecutionResult).errors?.[0]?.message)).toEqual(["access ended"]);
    }
    expect(shared.executions).toBe(4 + 2);
    expect(shared.heldResults).toBe(0);

    // Once ended, nothing more is written.
    await one.return(undefined);
    await reading[0];
    await bus.publish("r1", { kind: "entry", entry: { seq: 5 } });
    await settled();
    expect(written.get("one")).toHaveLength(3);
    expect(written.get("two")).toHaveLength(5);
    await two.return(undefined);
    await reading[1];
    expect(shared.groups).toBe(0);
  });

  it("executes each event with the context `eventContext` makes of the operation's, once per shared execution", async () => {
    const { bus, schema } = room();
    let made = 0;
    const shared = sharedExecution({
      accessClass: () => "everyone",
      eventContext: (contextValue) => ({ viewer: `${(contextValue as { viewer: string }).viewer} #${++made}` }),
    });
    const subscribers = (await Promise.all(
      ["ana", "lee"].map((viewer) => shared.subscribe({ schema, document, variableValues: { room: "r1" }, contextValue: { viewer } })),
    )) as AsyncGenerator<ExecutionResult>[];
    for (const seq of [1, 2]) await bus.publish("r1", { kind: "entry", entry: { seq } });
    for (const results of subscribers) {
      const seen = [(await results.next()).value, (await results.next()).value];
      // One context per event, made from the operation of whoever ran the group's execution first.
      expect(seen).toEqual([{ data: { entries: { seq: 1, seenBy: "ana #1" } } }, { data: { entries: { seq: 2, seenBy: "ana #2" } } }]);
    }
    expect(made).toBe(2);
    await Promise.all(subscribers.map((results) => results.return(undefined)));
  });
});
