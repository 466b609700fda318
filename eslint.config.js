// @ts-check
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * ESLint for every package (`pnpm lint`). Type-aware rules read each file's own tsconfig through the
 * project service; the promise rules are the point: a promise nobody awaits or handles fails
 * silently, and an async callback where a void one is expected (an event handler, forEach) loses
 * its errors.
 */
export default defineConfig(
  {
    ignores: [
      "**/node_modules/",
      "**/dist/",
      "**/coverage/",
      "apps/web/src/gql/",
      "packages/schema/src/types.generated.ts",
      "bench/results/",
    ],
  },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // `const { email: _email, ...rest } = user` leaves a field out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // `interface X extends Y {}` is how a module augmentation adds a library's types (apolloTypes.d.ts).
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    // Tests and the benchmark harness read JSON answers and IPC messages whose shape they check.
    files: ["**/*.test.{ts,tsx}", "apps/server/test/**", "apps/web/e2e/**", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
