import "reflect-metadata";
import { IsOptional, Length } from "class-validator";
import { describe, expect, it } from "vitest";
import { validatable } from "./build.js";
import { RoomActivityArgs } from "../modules/activity/activity.inputs.js";
import { CreateOpportunityInput } from "../modules/opportunity/opportunity.inputs.js";

class Titled {
  @Length(1, 3)
  title!: string;
}
class Subtitled extends Titled {}
class OptionalOnly {
  @IsOptional()
  note?: string;
}
class NoRules {
  title!: string;
}

/** Which argument values go through class-validator (build.ts's validateFn): only those it would check. */
describe("validatable", () => {
  it("is true for objects of classes with rules, their own or inherited", () => {
    expect(validatable(new Titled())).toBe(true);
    expect(validatable(new Subtitled())).toBe(true);
    expect(validatable(new OptionalOnly())).toBe(true);
    expect(validatable(Object.assign(new CreateOpportunityInput(), { title: "" }))).toBe(true);
  });

  it("is false for classes without rules, plain objects and non-objects", () => {
    expect(validatable(new NoRules())).toBe(false);
    expect(validatable(Object.assign(new RoomActivityArgs(), { opportunityId: "x" }))).toBe(false);
    expect(validatable({ title: "" })).toBe(false);
    expect(validatable(Object.create(null))).toBe(false);
    expect(validatable(null)).toBe(false);
    expect(validatable("title")).toBe(false);
  });
});
