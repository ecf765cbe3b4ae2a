import { subscribe as storeSubscription, type SubscriptionMode } from "../src/db/subscription-queries.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

const modes: readonly SubscriptionMode[] = ["instant", "breaking"];

export const subscribe = defineCommand({
  name: "subscribe",
  description: "Follow a topic in this chat",
  usage: "/subscribe <topic> [mode:instant|breaking]",
  options: [
    { name: "topic", description: "A topic slug or name, e.g. world", type: "string", required: true, rest: true, autocomplete: "topic" },
    { name: "mode", description: "instant (every story) or breaking (breaking news only)", type: "string", required: false },
  ],
  permission: "manage",
  async handle(ctx, args) {
    const mode = (args.mode ?? "instant").toLowerCase() as SubscriptionMode;
    if (!modes.includes(mode)) throw new UserError(`mode must be instant or breaking, not "${args.mode}". Usage: /subscribe <topic> [mode:instant|breaking]`);
    const found = await ctx.services.topics.lookup(args.topic);
    if (found.status === "did-you-mean") {
      const names = found.suggestions.map((t) => t.slug);
      return { blocks: [text(`There is no topic "${args.topic}". Did you mean `, ...names.flatMap((n, i) => [i > 0 ? " or " : "", { text: `/subscribe ${n}`, code: true }]), "?")], ephemeral: true };
    }
    if (found.status === "not-a-topic") {
      throw new UserError(`There is no topic "${args.topic}". /topics lists the topics you can follow.`);
    }
    const topic = found.topic;
    const result = await storeSubscription(ctx.services.db, {
      platform: ctx.platform,
      chatId: ctx.chat.id,
      threadId: ctx.chat.threadId,
      target: { topic: topic.slug },
      mode,
      timezone: ctx.services.defaultTimezone,
      createdBy: ctx.user.id,
    });
    const what = mode === "breaking" ? `breaking news about ${topic.label}` : `${topic.label} (${topic.slug})`;
    const message =
      result.status === "unchanged" ? `This chat already follows ${what}.` : result.status === "updated" ? `Updated: this chat now follows ${what}.` : `Subscribed: this chat now follows ${what}.`;
    return { blocks: [text(message)], ephemeral: true };
  },
});
