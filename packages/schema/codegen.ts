import type { CodegenConfig } from "@graphql-codegen/cli";

/** TypeScript types of every schema type, for servers and partner code that use the API's shapes. */
const config: CodegenConfig = {
  schema: "schema.graphql",
  generates: {
    "src/types.generated.ts": {
      plugins: ["typescript"],
      config: { enumsAsTypes: true, useTypeImports: true, avoidOptionals: { field: true, inputValue: false }, defaultScalarType: "unknown" },
    },
  },
};

export default config;
