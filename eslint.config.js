// ESLint flat config. The restricted-import and restricted-global rules enforce STYLE.md §1 and §7:
// dependencies point one way (sim <- models <- scenarios <- api), and the simulation has no ambient
// randomness or clock.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ambient = {
  "no-restricted-globals": ["error", { name: "performance", message: "no ambient clock in the simulation" }],
  "no-restricted-properties": [
    "error",
    { object: "Math", property: "random", message: "use a named seeded stream (src/sim/random)" },
    { object: "Date", property: "now", message: "no ambient clock in the simulation" },
  ],
  "no-restricted-syntax": [
    "error",
    { selector: "NewExpression[callee.name='Date']", message: "no ambient clock in the simulation" },
  ],
};

const streamRule = {
  selector: "NewExpression[callee.name='RandomStream']",
  message: "get streams by name: engine.random(name), engine.randomCopy(name) or new RandomStreams(seed).stream(name)",
};

const seedrandom = { name: "seedrandom", message: "random numbers come from src/sim/random.ts (named streams)" };

const io = ["fs", "node:fs", "fs/promises", "node:fs/promises", "fastify", "better-sqlite3"];

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "coverage/", "docs/", "dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/sim/**/*.ts"],
    rules: {
      ...ambient,
      "no-restricted-imports": [
        "error",
        {
          paths: io,
          patterns: [
            {
              group: ["**/models/**", "**/scenarios/**", "**/api/**", "**/web/**"],
              message: "src/sim knows nothing of the domain",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/models/**/*.ts"],
    rules: {
      ...ambient,
      "no-restricted-imports": [
        "error",
        {
          paths: [...io, seedrandom],
          patterns: [
            { group: ["**/scenarios/**", "**/api/**", "**/web/**"], message: "src/models imports only src/sim" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/scenarios/**/*.ts"],
    rules: {
      ...ambient,
      "no-restricted-imports": [
        "error",
        {
          paths: [seedrandom],
          patterns: [{ group: ["**/api/**", "**/web/**"], message: "src/scenarios does not import the API or UI" }],
        },
      ],
    },
  },
  {
    // Random numbers only through the engine's random API (src/sim/random.ts: engine.random(name),
    // engine.randomCopy(name), new RandomStreams(seed).stream(name)): no hand-made stream keys outside src/sim.
    files: ["src/api/**/*.ts", "src/cli/**/*.ts", "src/studies/**/*.ts", "src/calibration/**/*.ts", "web/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", streamRule] },
  },
  {
    files: ["src/models/**/*.ts", "src/scenarios/**/*.ts"],
    rules: { "no-restricted-syntax": [...ambient["no-restricted-syntax"], streamRule] },
  },
);
