import { subscribe as storeSubscription, type SubscriptionMode } from "../src/db/subscription-queries.js";
import { describeQuery } from "../src/topics/query/describe-query.js";
import { parseQuery } from "../src/topics/query/parser.js";
import { QueryError } from "../src/topics/query/query-error.js";
import { previewQuery } from "../src/topics/search.js";
import { text, type Reply } from "./reply.js";
import { storyLine } from "./story-lines.js";
import { defineCommand, type CommandContext } from "./types.js";
import { UserError } from "./user-error.js";

const modes: readonly SubscriptionMode[] = ["instant", "breaking"];

const subscribeUsage = "/subscribe <topic or search words> [mode:instant|breaking] [channel:@name]";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Target = { id: string; title: string; threadId?: string | null };

/** Anything that is not a topic is a standing search: show how it was read and what it would have sent. */
async function subscribeToQuery(ctx: CommandContext, words: string, mode: SubscriptionMode, target: Target): Promise<Reply> {
  let query;
  try {
    query = parseQuery(words);
  } catch (error) {
    if (error instanceof QueryError) throw new UserError(`"${words}" is not a topic, and as a search it does not work: ${error.message}. /topics lists the topics.`);
    throw error;
  }
  const result = await storeSubscription(ctx.services.db, {
    platform: ctx.platform,
    chatId: target.id,
    threadId: target.threadId ?? null,
    target: { query: words.trim() },
    mode,
    timezone: ctx.services.defaultTimezone,
    createdBy: ctx.user.id,
  });
  const recent = await previewQuery(ctx.services.db, query, 3, ctx.services.clock());
  const who = target.id === ctx.chat.id ? "this chat" : target.title;
  const lead = result.status === "unchanged" ? `${capitalise(who)} already follows this search.` : `Subscribed ${who} to a search${mode === "breaking" ? " (breaking news only)" : ""}.`;
  return {
    ephemeral: true,
    blocks: [
      text(lead),
      text("Understood as: ", { text: describeQuery(query), italic: true }),
      ...(recent.length > 0
        ? [text("It would have sent, most recently:"), { type: "stories" as const, stories: recent.map(storyLine), timezone: ctx.services.defaultTimezone }]
        : [text("No stored story matches it yet; you will get the next one that does.")]),
    ],
  };
}

async function resolveChannel(ctx: CommandContext, ref: string) {
  if (!ctx.resolveTargetChat) throw new UserError("This platform cannot subscribe another channel from here; run /subscribe in that channel.");
  return ctx.resolveTargetChat(ref);
}

export const subscribe = defineCommand({
  name: "subscribe",
  description: "Follow a topic or a search in this chat",
  usage: "/subscribe <topic or search words> [mode:instant|breaking] [channel:@name]",
  options: [
    { name: "topic", description: "A topic (e.g. world) or search words (e.g. \"interest rates\" -crypto)", type: "string", required: true, rest: true, autocomplete: "topic" },
    { name: "mode", description: "instant (every story) or breaking (breaking news only)", type: "string", required: false },
    { name: "channel", description: "Subscribe another channel you administer instead of this chat", type: "string", required: false },
  ],
  permission: "manage",
  async handle(ctx, args) {
    const mode = (args.mode ?? "instant").toLowerCase() as SubscriptionMode;
    if (!modes.includes(mode)) throw new UserError(`mode must be instant or breaking, not "${args.mode}". Usage: ${subscribeUsage}`);
    const found = await ctx.services.topics.lookup(args.topic);
    if (found.status === "did-you-mean") {
      const names = found.suggestions.map((t) => t.slug);
      return { blocks: [text(`There is no topic "${args.topic}". Did you mean `, ...names.flatMap((n, i) => [i > 0 ? " or " : "", { text: `/subscribe ${n}`, code: true }]), "?")], ephemeral: true };
    }
    const target = args.channel !== undefined ? await resolveChannel(ctx, args.channel) : { id: ctx.chat.id, title: "this chat", threadId: ctx.chat.threadId };
    if (found.status === "not-a-topic") return subscribeToQuery(ctx, args.topic, mode, target);
    const topic = found.topic;
    const result = await storeSubscription(ctx.services.db, {
      platform: ctx.platform,
      chatId: target.id,
      threadId: target.threadId ?? null,
      target: { topic: topic.slug },
      mode,
      timezone: ctx.services.defaultTimezone,
      createdBy: ctx.user.id,
    });
    const what = mode === "breaking" ? `breaking news about ${topic.label}` : `${topic.label} (${topic.slug})`;
    const who = target.id === ctx.chat.id ? "this chat" : target.title;
    const message =
      result.status === "unchanged" ? `${capitalise(who)} already follows ${what}.` : result.status === "updated" ? `Updated: ${who} now follows ${what}.` : `Subscribed: ${who} now follows ${what}.`;
    return { blocks: [text(message)], ephemeral: true };
  },
});
