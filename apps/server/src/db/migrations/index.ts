import { CoreDeals1764230000000 } from "./1764230000000-CoreDeals.js";
import { Partnering1764300000000 } from "./1764300000000-Partnering.js";
import { PartnerApi1764400000000 } from "./1764400000000-PartnerApi.js";
import { SplitRevisions1764500000001 } from "./1764500000001-SplitRevisions.js";

/** Every migration in order. Schema changes happen only here; `synchronize` is never on. */
export const MIGRATIONS = [CoreDeals1764230000000, Partnering1764300000000, PartnerApi1764400000000, SplitRevisions1764500000001];
