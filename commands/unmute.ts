import { getChatSettings, updateChatSettings } from "../src/db/chat-settings-queries.js";
import { chatSubscriptions, muteChat } from "../src/db/subscription-queries.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";

export const unmute = defineCommand({
  name: "unmute",
  description: "Resume alerts in this chat",
  usage: "/unmute",
  options: [],
  permission: "manage",
  async handle(ctx) {
    const { db, clock } = ctx.services;
    const chat = { platform: ctx.platform, chatId: ctx.chat.id };
    const now = clock().getTime();
    const settings = await getChatSettings(db, chat);
    const wasMuted = (settings?.mutedUntil ?? 0) > now;
    if (settings?.mutedUntil != null) await updateChatSettings(db, chat, { mutedUntil: null }, now);
    // Subscriptions muted one by one (older versions, the CLI) come back too.
    const subsMuted = (await chatSubscriptions(db, chat)).some((s) => (s.mutedUntil?.getTime() ?? 0) > now);
    if (subsMuted) await muteChat(db, chat, null, now);
    return { blocks: [text(wasMuted || subsMuted ? "Alerts are back on in this chat." : "This chat is not muted.")], ephemeral: true };
  },
});
