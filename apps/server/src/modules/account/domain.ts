import { domainProblem } from "@cosell/schema";
import { ValidateString } from "../../validation.js";

/**
 * class-validator rule: a domain as `domainProblem` (@cosell/schema) sees it, with its reason as the
 * message. Both createAccount and registerDeal take domains this way (docs/PARTNERING.md).
 */
export const IsDomain = (): PropertyDecorator => ValidateString("isDomain", domainProblem);
