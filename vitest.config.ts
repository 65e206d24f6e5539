import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Queueing-theory checks simulate 10^6 customers; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    env: { TZ: "UTC" },
    coverage: {
      provider: "v8",
      include: ["src/sim/**/*.ts", "src/models/**/*.ts"],
      // `npm run coverage` fails below these (STYLE.md: thresholds for the engine and the models).
      thresholds: { lines: 90, functions: 90, branches: 85, statements: 90 },
    },
  },
});
