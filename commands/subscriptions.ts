import { chatSubscriptions, type Subscription } from "../src/db/subscription-queries.js";
import { text, type Span } from "./reply.js";
import { defineCommand } from "./types.js";

function describe(sub: Subscription, now: Date): Span[] {
  const spans: Span[] = [{ text: sub.topicSlug ?? `"${sub.query}"`, code: true }, ` — ${sub.mode}`];
  if (sub.mode === "digest" && sub.schedule) spans.push(` at ${sub.schedule} ${sub.timezone}`);
  if (sub.mutedUntil && sub.mutedUntil > now) spans.push(`, muted until ${sub.mutedUntil.toISOString().slice(0, 16).replace("T", " ")} UTC`);
  return spans;
}

export const subscriptions = defineCommand({
  name: "subscriptions",
  description: "What this chat follows",
  usage: "/subscriptions",
  options: [],
  permission: "anyone",
  async handle(ctx) {
    const subs = await chatSubscriptions(ctx.services.db, { platform: ctx.platform, chatId: ctx.chat.id });
    if (subs.length === 0) {
      return { blocks: [text("This chat follows nothing yet. Try ", { text: "/subscribe world", code: true }, ".")] };
    }
    const now = ctx.services.clock();
    return {
      blocks: [text({ text: "This chat follows:", bold: true }), { type: "list", items: subs.map((s) => describe(s, now)) }],
      buttons: subs.map((s) => [{ label: `Unsubscribe ${s.topicSlug ?? s.query ?? s.id}`.slice(0, 40), action: `unsubscribe #${s.id}` }]),
    };
  },
});
