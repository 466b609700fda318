import "reflect-metadata";
import type { GraphQLObjectType, GraphQLResolveInfo } from "graphql";
import { describe, expect, it } from "vitest";
import type { Context } from "../context.js";
import { Activity } from "../modules/activity/activity.entity.js";
import { rememberWrittenWith } from "../modules/activity/room-message.js";
import { Organization } from "../modules/organization/organization.entity.js";
import { User } from "../modules/user/user.entity.js";
import { cosellSchema } from "./build.js";

const info = {} as GraphQLResolveInfo;

/** A context whose loaders fail the test if anything is loaded: a live event must not need them. */
const noLoads = { loaders: new Proxy({}, { get: (_, name) => expect.fail(`loaded ${String(name)}`) }) } as unknown as Context;

function liveEntry(): Activity {
  const actor = Object.assign(new User(), { id: "u1", organizationId: "o1", name: "Ana", createdAt: new Date() });
  const actorOrganization = Object.assign(new Organization(), { id: "o1", name: "Acme", createdAt: new Date() });
  const activity = Object.assign(new Activity(), { id: "a1", seq: 7, actorId: "u1", actorOrganizationId: "o1", createdAtDate: new Date() });
  rememberWrittenWith(activity, { actor, actorOrganization });
  return activity;
}

describe("subscription payloads", () => {
  it("turn a roomActivity event into its payload synchronously, and access ended into NOT_FOUND", async () => {
    const schema = await cosellSchema();
    const roomActivity = schema.getSubscriptionType()!.getFields().roomActivity!;
    const entry = liveEntry();
    // A value, not a promise: the event's execution does not wait on type-graphql's argument handling.
    expect(roomActivity.resolve!({ kind: "entry", entry }, { opportunityId: "x" }, noLoads, info)).toBe(entry);
    expect(() => roomActivity.resolve!({ kind: "accessEnded" }, { opportunityId: "x" }, noLoads, info)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    for (const name of ["dealStageChanged", "boardChanged"]) {
      const change = { seq: 1 };
      expect(schema.getSubscriptionType()!.getFields()[name]!.resolve!(change, {}, noLoads, info), name).toBe(change);
    }
  });

  it("answer a live entry's actor and organization from the rows written with it, without a loader", async () => {
    const schema = await cosellSchema();
    const fields = (schema.getType("Activity") as GraphQLObjectType).getFields();
    const entry = liveEntry();
    expect(fields.actor!.resolve!(entry, {}, noLoads, info)).toMatchObject({ id: "u1", name: "Ana" });
    expect(fields.actorOrganization!.resolve!(entry, {}, noLoads, info)).toMatchObject({ id: "o1", name: "Acme" });
  });

  it("load the actor of an entry read from the log as before", async () => {
    const schema = await cosellSchema();
    const fields = (schema.getType("Activity") as GraphQLObjectType).getFields();
    const read = Object.assign(new Activity(), { id: "a2", seq: 8, actorId: "u2", actorOrganizationId: "o2", createdAtDate: new Date() });
    const asked: string[] = [];
    const loaders = {
      user: { load: async (id: string) => (asked.push(`user ${id}`), null) },
      organization: { load: async (id: string) => (asked.push(`organization ${id}`), null) },
    };
    const context = { loaders } as unknown as Context;
    await fields.actor!.resolve!(read, {}, context, info);
    await fields.actorOrganization!.resolve!(read, {}, context, info);
    expect(asked).toEqual(["user u2", "organization o2"]);
  });
});
