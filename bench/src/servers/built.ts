import type * as App from "@cosell/server/src/app.js";
import type * as Config from "@cosell/server/src/config.js";
import type * as Context from "@cosell/server/src/context.js";
import type * as Exchange from "@cosell/server/src/http/exchange.js";
import type * as Jwt from "@cosell/server/src/auth/jwt.js";
import type * as Limits from "@cosell/server/src/limits/index.js";
import type * as Logger from "@cosell/server/src/logger.js";
import type * as Bus from "@cosell/server/src/realtime/bus.js";
import type * as Policy from "@cosell/server/src/auth/policy.js";
import type * as Presence from "@cosell/server/src/realtime/presence.js";
import type * as SchemaBuild from "@cosell/server/src/schema/build.js";

/**
 * cosell's server code as `pnpm start` runs it: tsc's output in apps/server/dist (`pnpm bench`
 * builds it first), typed by the sources it was built from. Not the sources under tsx: tsx's
 * transform (esbuild with `keepNames`) names every function it creates at run time, a `__name`
 * call per closure (about 2 µs of each L3 request and 20 µs of each live event's execution in this
 * run's profiles) that the built server does not make, and puts each file on one line, so profiles
 * of it have no line numbers. Every import of server code in a server under test comes from here,
 * so that one process holds one copy of each module (a second, from the sources, would have its
 * own caches and registries).
 */
const built = <T>(path: string): Promise<T> => import(`@cosell/server/dist/${path}`) as Promise<T>;

export const app = await built<typeof App>("app.js");
export const config = await built<typeof Config>("config.js");
export const context = await built<typeof Context>("context.js");
export const exchange = await built<typeof Exchange>("http/exchange.js");
export const jwt = await built<typeof Jwt>("auth/jwt.js");
export const limits = await built<typeof Limits>("limits/index.js");
export const logger = await built<typeof Logger>("logger.js");
export const bus = await built<typeof Bus>("realtime/bus.js");
export const policy = await built<typeof Policy>("auth/policy.js");
export const presence = await built<typeof Presence>("realtime/presence.js");
export const schemaBuild = await built<typeof SchemaBuild>("schema/build.js");
