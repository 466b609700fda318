import { describe, expect, it } from "vitest";
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType } from "graphql";
import { cosellSchema } from "./build.js";

/** The partnering part of DESIGN.md section 3: partner firms depend on these names. */
describe("the partnering contract", () => {
  it("has the queries and mutations, each mutation taking one input", async () => {
    const schema = await cosellSchema();
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(["partnerDirectory", "suggestedSplit", "dealRegistrations"]),
    );
    expect(Object.keys(schema.getMutationType()!.getFields())).toEqual(
      expect.arrayContaining([
        "addCommitment",
        "completeCommitment",
        "cancelCommitment",
        "answerHelpRequest",
        "proposeSplit",
        "approveSplit",
        "saveAssessment",
        "registerDeal",
        "reviewDealRegistration",
      ]),
    );
  });

  it("has the core shapes", async () => {
    const schema = await cosellSchema();
    const fields = (type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields());
    expect(fields("Commitment")).toEqual(expect.arrayContaining(["id", "title", "assignee", "dueAt", "status", "completedAt"]));
    expect(fields("Reliability")).toEqual(expect.arrayContaining(["delivered", "missed", "open", "onTimeRate"]));
    expect(fields("User")).toContain("reliability");
    expect(fields("Organization")).toContain("reliability");
    expect(fields("Opportunity")).toEqual(expect.arrayContaining(["commitments", "split", "helpRequests"]));
    expect(fields("CreditSplit")).toEqual(expect.arrayContaining(["id", "status", "lines"]));
    expect(fields("SplitLine")).toEqual(expect.arrayContaining(["user", "organization", "basisPoints", "type", "payout"]));
    expect(fields("SuggestedSplit")).toEqual(["lines", "explanation"]);
    expect(fields("DealRegistration")).toEqual(expect.arrayContaining(["id", "status", "conflicts", "opportunity"]));
    expect(
      String(
        schema
          .getQueryType()!
          .getFields()
          .suggestedSplit!.args.map((a) => `${a.name}: ${a.type}`),
      ),
    ).toBe("opportunityId: ID!");
    expect(
      String(
        schema
          .getQueryType()!
          .getFields()
          .partnerDirectory!.args.map((a) => `${a.name}: ${a.type}`),
      ),
    ).toBe("needs: [String!]");
  });
  it("has issue 16's account mapping names, each mutation's input named after it", async () => {
    const schema = await cosellSchema();
    const mutations = schema.getMutationType()!.getFields();
    for (const [name, input] of [
      ["setAccountMapping", "SetAccountMappingInput!"],
      ["revealAccounts", "RevealAccountsInput!"],
      ["requestCoSell", "RequestCoSellInput!"],
      ["answerCoSellRequest", "AnswerCoSellRequestInput!"],
    ] as const) {
      expect(
        mutations[name]!.args.map((a) => `${a.name}: ${String(a.type)}`),
        name,
      ).toEqual([`input: ${input}`]);
    }
    const inputFields = (type: string) => Object.keys((schema.getType(type) as GraphQLInputObjectType).getFields());
    expect(inputFields("SetAccountMappingInput")).toEqual(expect.arrayContaining(["partnershipId", "enabled"]));
    expect(inputFields("RevealAccountsInput")).toEqual(["partnershipId", "accountDomains", "level"]);
    expect(inputFields("RequestCoSellInput")).toEqual(["partnershipId", "accountDomain", "message"]);
    expect(inputFields("AnswerCoSellRequestInput")).toEqual(expect.arrayContaining(["id", "accept", "reason"]));
    expect((schema.getType("RevealLevel") as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(["NONE", "NAME", "DEAL"]);
    const queries = schema.getQueryType()!.getFields();
    expect(String(queries.accountOverlap!.type)).toBe("AccountOverlap!");
    expect(queries.accountOverlap!.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(["partnershipId: ID!"]);
    expect(queries.overlappingAccounts!.args.map((a) => a.name)).toEqual(["partnershipId", "first", "after"]);
    const fields = (type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields());
    expect(fields("AccountOverlap")).toEqual(
      expect.arrayContaining(["common", "withMyOpenDeals", "withTheirOpenDeals", "withBothOpenDeals", "byStage"]),
    );
    expect(fields("OverlappingAccountConnection")).toEqual(["edges", "pageInfo"]);
    expect(fields("CoSellRequest")).toContain("opportunity");
  });
});
