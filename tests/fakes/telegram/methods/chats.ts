// Reading chats and members, and chat actions.
import type { ChatMember } from "grammy/types";
import { requireBotCanPost, requireBotInChat, resolveChat } from "../chat-access.js";
import { chatIdParam, optionalString, requiredInt } from "../params.js";
import { fail, telegramErrors } from "../telegram-errors.js";
import { chatMemberObject, chatObject, membershipOf } from "../world.js";
import type { MethodTable } from "./method-handler.js";

const chatActions = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
  "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

export const chatMethods: MethodTable = {
  getChat(params, { state }) {
    const chat = resolveChat(state.world, chatIdParam(params));
    requireBotInChat(state.world, chat);
    // The ChatFullInfo fields Telegram always sends; the rest are optional.
    return { ...chatObject(chat), accent_color_id: 0, max_reaction_count: 11 };
  },

  getChatMember(params, { state }) {
    const chat = resolveChat(state.world, chatIdParam(params));
    requireBotInChat(state.world, chat);
    const user = state.world.users.get(requiredInt(params, "user_id"));
    if (!user) fail(telegramErrors.badRequest("user not found"));
    return chatMemberObject(user, membershipOf(state.world, chat, user.id));
  },

  getChatAdministrators(params, { state }) {
    const chat = resolveChat(state.world, chatIdParam(params));
    if (chat.type === "private") fail(telegramErrors.badRequest("there are no administrators in the private chat"));
    requireBotInChat(state.world, chat);
    const admins: ChatMember[] = [];
    for (const user of state.world.users.values()) {
      const membership = membershipOf(state.world, chat, user.id);
      if (membership.status === "creator" || membership.status === "administrator") admins.push(chatMemberObject(user, membership));
    }
    return admins;
  },

  sendChatAction(params, { state }) {
    const chat = resolveChat(state.world, chatIdParam(params));
    requireBotCanPost(state.world, chat);
    if (!chatActions.has(optionalString(params, "action") ?? "")) fail(telegramErrors.badRequest("wrong parameter action in request"));
    return true;
  },
};
