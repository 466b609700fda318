import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The schema the server emits (`pnpm --filter @cosell/server codegen`). COSELL_SCHEMA points
 * codegen at another copy, e.g. a draft schema while the server is being changed.
 */
const schema = process.env.COSELL_SCHEMA ?? "../../packages/schema/schema.graphql";

const config: CodegenConfig = {
  schema,
  // Operations and fragments live next to the components that use them; tests define none.
  documents: ["src/**/*.tsx", "!src/**/*.test.tsx"],
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: {
        // Named apart from Apollo's `useFragment` hook: this one only unwraps a masked type.
        fragmentMasking: { unmaskFunctionName: "getFragmentData" },
      },
      config: {
        useTypeImports: true,
        // Apollo Client adds __typename to every selection except the root types.
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: "unknown",
        enumType: "string-literal",
      },
    },
  },
};

export default config;
