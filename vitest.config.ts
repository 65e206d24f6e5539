import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Queueing-theory checks simulate 10^6 customers; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    env: { TZ: "UTC" },
  },
});
