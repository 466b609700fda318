import { closeDateProblem } from "@cosell/schema";
import { ValidateString } from "../../validation.js";

/** class-validator rule: a close date as `closeDateProblem` (@cosell/schema) sees it, with its reason as the message. */
export const IsCloseDate = (): PropertyDecorator => ValidateString("isCloseDate", closeDateProblem);
