// Every Bot API method the fake speaks. Anything else answers 404 Not Found, as Telegram does.
import { botProfileMethods } from "./bot-profile.js";
import { callbackMethods } from "./callbacks.js";
import { chatMethods } from "./chats.js";
import { messageMethods } from "./messages.js";
import type { MethodTable } from "./method-handler.js";
import { updateMethods } from "./updates.js";

export const botApiMethods: MethodTable = {
  ...botProfileMethods,
  ...updateMethods,
  ...messageMethods,
  ...callbackMethods,
  ...chatMethods,
};
