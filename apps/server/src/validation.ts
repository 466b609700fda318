import { ValidateBy } from "class-validator";

/**
 * A class-validator rule from a function that says why a string is wrong (null: it is fine), so
 * the message names the actual problem ("is not a real date", "must be at most 253 characters").
 */
export function ValidateString(name: string, problem: (value: string) => string | null): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === "string" && problem(value) === null,
      defaultMessage: (args) => (typeof args?.value === "string" ? problem(args.value) : null) ?? "must be a string",
    },
  });
}
