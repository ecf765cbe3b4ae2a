import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Bytes of one of our hand-written fixtures in tests/ingest/fixtures. */
export function loadFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))));
}
