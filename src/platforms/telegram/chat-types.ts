import type { Api } from "grammy";
import type { Chat } from "grammy/types";

export interface ChatTypes {
  remember(chatId: number | string, type: Chat["type"]): void;
  /** The chat's type, asking Telegram once per process for a -100… id never seen in an update. */
  lookup(chatId: string): Promise<Chat["type"] | undefined>;
}

/**
 * Chat types as seen in updates. Alerts need them only to tell channels (where a button would be
 * offered to every subscriber) from supergroups, which share the -100… id range.
 */
export function createChatTypes(api: Api): ChatTypes {
  const types = new Map<string, Chat["type"] | undefined>();
  return {
    remember(chatId, type) {
      types.set(String(chatId), type);
    },
    async lookup(chatId) {
      if (types.has(chatId)) return types.get(chatId);
      if (!chatId.startsWith("-100")) return chatId.startsWith("-") ? "group" : "private";
      // Remember failures too: the send that follows reports the real problem.
      const type = await api.getChat(chatId).then((chat) => chat.type, () => undefined);
      types.set(chatId, type);
      return type;
    },
  };
}
