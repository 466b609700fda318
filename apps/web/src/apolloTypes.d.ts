import type { GraphQLCodegenDataMasking } from "@apollo/client/masking";

// The client preset generates masked fragment types (unwrapped with `getFragmentData`); this
// tells Apollo Client's own types about them, e.g. so that a MockLink result is the full shape.
declare module "@apollo/client" {
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}
