import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Child-process and fake-server tests are I/O bound; two cores still finish well under 5 min.
    fileParallelism: true,
  },
});
