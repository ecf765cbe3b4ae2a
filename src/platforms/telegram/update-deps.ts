import type { Logger } from "../../logger.js";
import type { ButtonActions } from "./button-actions.js";
import type { ChatTypes } from "./chat-types.js";
import type { ContextDeps } from "./command-context.js";

/** What the update handlers share; built once by the adapter. */
export interface UpdateDeps extends ContextDeps {
  logger: Logger;
  actions: ButtonActions;
  chatTypes: ChatTypes;
}
