/// <reference types="vite/client" />

/** The Subscription fields of the schema the app was built against (see vite.config.ts). */
declare const __COSELL_SUBSCRIPTION_FIELDS__: readonly string[];
