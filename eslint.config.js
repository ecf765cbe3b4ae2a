// Lint enforces what it can of the module rules in DESIGN.md: the pipeline never reaches the
// platforms, SQL stays in src/db, adapters never import each other, and there are no cycles.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { importX } from "eslint-plugin-import-x";

const pipeline = ["src/ingest/**", "src/topics/**", "src/stories/**", "src/delivery/**"];
const sdks = ["grammy", "grammy/*", "@grammyjs/*", "discord.js", "@discordjs/*", "node-cron"];
const sqlDrivers = ["better-sqlite3", "pg"];

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "import-x": importX },
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    settings: { "import-x/resolver": { node: { extensions: [".ts", ".js"] } } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "import-x/no-cycle": "error",
    },
  },
  {
    files: pipeline,
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: sdks, message: "The pipeline never imports a platform SDK or node-cron (DESIGN.md rule 1)." },
          { group: ["**/platforms/**", "**/commands/**"], message: "The pipeline never imports platforms/ or commands/ (rule 1)." },
          { group: sqlDrivers, message: "SQL lives in src/db only (rule 2)." },
        ],
      }],
    },
  },
  {
    files: ["commands/**"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: sdks, message: "commands/ never depends on a platform SDK (rule 3)." },
          { group: ["**/platforms/**"], message: "commands/ never imports an adapter (rule 3)." },
          { group: sqlDrivers, message: "SQL lives in src/db only (rule 2)." },
        ],
      }],
    },
  },
  {
    files: ["migrations/**"],
    rules: {
      // Migrations are frozen history: they must not depend on today's schema types (DESIGN.md).
      "@typescript-eslint/no-explicit-any": "off",
      "no-restricted-imports": ["error", {
        patterns: [{ regex: "^(?!kysely$).*", message: "migrations/ imports only kysely (rule 5)." }],
      }],
    },
  },
  {
    files: ["src/platforms/telegram/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/platforms/discord/**", "**/platforms/console/**", "discord.js"], message: "Adapters never import each other (rule 4)." }] }] },
  },
  {
    files: ["src/platforms/discord/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/platforms/telegram/**", "**/platforms/console/**", "grammy"], message: "Adapters never import each other (rule 4)." }] }] },
  },
  {
    files: ["src/platforms/console/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/platforms/telegram/**", "**/platforms/discord/**", "grammy", "discord.js"], message: "Adapters never import each other (rule 4)." }] }] },
  },
  {
    files: ["bin/**", "eslint.config.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
