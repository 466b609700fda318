import { closeDateProblem, domainProblem, moneyProblem, titleProblem } from "@cosell/schema";

/**
 * The API's input rules for a deal (@cosell/schema), as messages shown next to each field: a
 * sentence about that field, or null when the value will be accepted.
 */
const sentence = (problem: string): string => `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;

export function dealTitleError(title: string): string | null {
  if (title.trim() === "") return "Enter a title.";
  const problem = titleProblem(title.trim());
  return problem ? sentence(problem) : null;
}

/** Amount and currency; the currency is taken upper-cased, as the forms send it. */
export function moneyErrors(amount: string, currency: string): { amount: string | null; currency: string | null } {
  const errors = {
    amount: amount.trim() === "" ? "Enter an amount, such as 12500.00." : null,
    currency: currency.trim() === "" ? "Enter a currency, such as USD." : null,
  };
  if (errors.amount || errors.currency) return errors;
  const problem = moneyProblem({ amount: amount.trim(), currency: currency.trim().toUpperCase() });
  return problem ? { ...errors, [problem.field]: sentence(problem.message) } : errors;
}

/** An optional close date: empty is fine (no close date). */
export function closeDateError(value: string): string | null {
  if (value === "") return null;
  const problem = closeDateProblem(value);
  return problem ? sentence(problem) : null;
}

/** An optional account domain: empty is fine. */
export function domainError(value: string): string | null {
  if (value.trim() === "") return null;
  const problem = domainProblem(value);
  return problem ? sentence(problem) : null;
}

export function accountNameError(name: string): string | null {
  if (name.trim() === "") return "Enter the account's name.";
  const problem = titleProblem(name.trim());
  return problem ? sentence(problem) : null;
}
