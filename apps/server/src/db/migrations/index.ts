import { CoreDeals1764230000000 } from "./1764230000000-CoreDeals.js";
import { Partnering1764300000000 } from "./1764300000000-Partnering.js";
import { PartnerApi1764400000000 } from "./1764400000000-PartnerApi.js";
import { WonIsFinal1764500000003 } from "./1764500000003-WonIsFinal.js";

/** Every migration in order. Schema changes happen only here; `synchronize` is never on. */
export const MIGRATIONS = [CoreDeals1764230000000, Partnering1764300000000, PartnerApi1764400000000, WonIsFinal1764500000003];
