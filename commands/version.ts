import { createHash } from "node:crypto";
import { commands } from "./index.js";

/** A hash of every command's name, description and options: platforms re-register menus when it changes. */
export function commandsVersion(): string {
  const shape = commands.map((c) => ({ name: c.name, description: c.description, options: c.options, permission: c.permission }));
  return createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 16);
}
