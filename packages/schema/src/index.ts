/**
 * The contract of the cosell API, shared by the server and the web app: its enums, error codes,
 * money and split arithmetic and input rules, as plain TypeScript with no runtime dependencies.
 * `schema.graphql` beside this folder is emitted from the server (`pnpm codegen`).
 */
export * from "./assessment.js";
export * from "./agreement.js";
export * from "./enums.js";
export * from "./errors.js";
export * from "./import.js";
export * from "./money.js";
export * from "./rules.js";
export * from "./split.js";
export * from "./reporting.js";
export * from "./registration.js";
export * from "./meeting.js";
