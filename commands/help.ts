import { text, type Reply } from "./reply.js";
import { defineCommand } from "./types.js";

export const helpReply = (intro?: string): Reply => ({
  blocks: [
    ...(intro ? [text({ text: intro, bold: true })] : []),
    text("I send breaking-news alerts for the topics this chat follows."),
    {
      type: "list",
      items: [
        [{ text: "/topics", code: true }, " — the topics you can follow"],
        [{ text: "/subscribe world", code: true }, " — follow a topic (add ", { text: "mode:breaking", code: true }, " for breaking news only)"],
        [{ text: "/unsubscribe world", code: true }, " or ", { text: "/unsubscribe all", code: true }, " — stop following"],
        [{ text: "/subscriptions", code: true }, " — what this chat follows"],
        [{ text: "/latest [topic]", code: true }, " — the five newest stories"],
        [{ text: "/digest 08:00 Europe/Berlin", code: true }, " — one digest at set times instead of every alert (", { text: "/digest off", code: true }, " to stop)"],
        [{ text: "/quiet 23:00-07:00", code: true }, " — quiet hours, summed up when they end (", { text: "breaking:on", code: true }, " lets breaking news through)"],
        [{ text: "/mute 2h", code: true }, " or ", { text: "/mute until 07:00", code: true }, ", ", { text: "/unmute", code: true }, " — pause alerts"],
        [{ text: "/help", code: true }, " — this message"],
      ],
    },
  ],
});

export const help = defineCommand({
  name: "help",
  description: "How to use the bot",
  usage: "/help",
  options: [],
  permission: "anyone",
  async handle() {
    return helpReply();
  },
});

export const start = defineCommand({
  name: "start",
  description: "Welcome and how to subscribe",
  usage: "/start",
  options: [],
  permission: "anyone",
  async handle() {
    return helpReply("Welcome to newsflash!");
  },
});
