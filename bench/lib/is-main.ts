import { pathToFileURL } from "node:url";

/** True when the module is the script node was started with (not imported by bench/run.ts). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}
