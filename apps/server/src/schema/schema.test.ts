import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cosellSchema } from "./build.js";
import { SCHEMA_FILE } from "./emit.js";
import { printSchemaWithDirectives } from "./print.js";

describe("packages/schema/schema.graphql", () => {
  it("is what the server serves (run `pnpm codegen` when this fails)", async () => {
    const committed = readFileSync(SCHEMA_FILE, "utf8");
    expect(committed).toBe(printSchemaWithDirectives(await cosellSchema()));
  });

  it("carries the public contract's names", async () => {
    const schema = await cosellSchema();
    const query = Object.keys(schema.getQueryType()!.getFields());
    const mutation = Object.keys(schema.getMutationType()!.getFields());
    expect(query).toEqual(
      expect.arrayContaining(["viewer", "node", "opportunities", "opportunity", "accounts", "partnerships", "organization"]),
    );
    expect(mutation).toEqual(
      expect.arrayContaining([
        "login",
        "createAccount",
        "createOpportunity",
        "updateOpportunity",
        "moveOpportunityStage",
        "addRoomMember",
        "removeRoomMember",
        "logActivity",
        "proposePartnership",
        "signPartnership",
        "terminatePartnership",
      ]),
    );
    const subscription = schema.getSubscriptionType()!.getFields();
    expect(Object.keys(subscription)).toEqual(expect.arrayContaining(["roomActivity", "dealStageChanged", "roomPresence"]));
    expect(subscription.roomActivity!.args.map((a) => `${a.name}: ${a.type}`)).toEqual(["opportunityId: ID!", "after: String"]);
    expect(String(subscription.roomActivity!.type)).toBe("Activity!");
    expect(subscription.dealStageChanged!.args.map((a) => `${a.name}: ${a.type}`)).toEqual(["filter: StageChangeFilter", "after: String"]);
    expect(String(subscription.roomPresence!.type)).toBe("PresenceEvent!");
    const mutationFields = schema.getMutationType()!.getFields();
    for (const name of mutation) {
      const args = mutationFields[name]!.args.map((a) => a.name);
      expect(args, name).toEqual(["input"]);
    }
  });
});
