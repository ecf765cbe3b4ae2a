import type { CommandServices } from "../../commands/types.js";
import type { Logger } from "../logger.js";

/** What every platform adapter is built from (besides its own config section). */
export interface AdapterDeps {
  services: CommandServices;
  logger: Logger;
  /** Version string of the command definitions, so start-up re-registers menus only on change. */
  commandsVersion: string;
}
