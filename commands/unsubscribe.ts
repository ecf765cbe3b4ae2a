import { chatSubscriptions, unsubscribe as removeSubscription } from "../src/db/subscription-queries.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

export const unsubscribe = defineCommand({
  name: "unsubscribe",
  description: "Stop following a topic (or all) in this chat",
  usage: "/unsubscribe <topic|all>",
  options: [{ name: "topic", description: "A followed topic, or all", type: "string", required: true, rest: true, autocomplete: "subscription" }],
  permission: "manage",
  async handle(ctx, args) {
    const chat = { platform: ctx.platform, chatId: ctx.chat.id };
    const wanted = args.topic.trim();
    if (wanted.toLowerCase() === "all") {
      const n = await removeSubscription(ctx.services.db, chat, "all");
      return { blocks: [text(n === 0 ? "This chat follows nothing." : `Unsubscribed from all ${n} subscription${n === 1 ? "" : "s"}.`)], ephemeral: true };
    }
    const current = await chatSubscriptions(ctx.services.db, chat);
    const byId = /^#?(\d+)$/.exec(wanted);
    const match = byId
      ? current.find((s) => s.id === Number(byId[1]))
      : current.find((s) => s.topicSlug?.toLowerCase() === wanted.toLowerCase() || s.query === wanted);
    if (!match) {
      const following = current.map((s) => s.topicSlug ?? `"${s.query}"`).join(", ");
      throw new UserError(`This chat does not follow "${wanted}".${following ? ` It follows: ${following}.` : " It follows nothing yet."}`);
    }
    await removeSubscription(ctx.services.db, chat, { id: match.id });
    return { blocks: [text(`Unsubscribed from ${match.topicSlug ?? `"${match.query}"`}.`)], ephemeral: true };
  },
});
