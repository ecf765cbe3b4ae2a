import { searchPage } from "../src/topics/search.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

export const search = defineCommand({
  name: "search",
  description: "Search stored stories",
  usage: '/search <query> [page:N] — e.g. /search "interest rates" -bitcoin since:24h',
  options: [
    { name: "query", description: 'Words, "phrases", OR, -exclude, prefix*, title:, source:, topic:, since:24h', type: "string", required: true, rest: true },
    { name: "page", description: "Result page", type: "integer", required: false, min: 1, max: 50 },
  ],
  permission: "anyone",
  slow: true,
  async handle(ctx, args) {
    const { db, clock, searchLimiter } = ctx.services;
    const allowed = searchLimiter.take(`${ctx.platform}:${ctx.user.id}`);
    if (!allowed.ok) {
      throw new UserError(`You are searching a lot — please wait ${Math.ceil(allowed.waitMs / 1000)} s and try again.`);
    }
    const page = args.page ?? 1;
    const outcome = await searchPage(db, args.query, { page, now: clock() });
    if (outcome.status === "invalid") throw new UserError(`Could not read that query: ${outcome.message}.`);
    if (outcome.items.length === 0) {
      const words = args.query.trim().split(/\s+/);
      const hint = page > 1 ? "No more results." : words.length > 1 ? `No stories match. Try dropping a word, e.g. /search ${words.slice(0, -1).join(" ")}` : "No stories match. Try another word.";
      return { blocks: [text(hint)] };
    }
    return {
      blocks: [
        text({ text: `Results for ${args.query}`, bold: true }, page > 1 ? ` (page ${page})` : ""),
        {
          type: "stories",
          timezone: ctx.services.defaultTimezone,
          stories: outcome.items.map((i) => ({ title: i.story.title, url: i.story.url, source: i.story.source, publishedAt: i.story.publishedAt, breaking: i.story.breaking, snippet: i.snippet })),
        },
      ],
      buttons: outcome.hasMore ? [[{ label: "More", action: `search ${args.query} page:${page + 1}` }]] : undefined,
    };
  },
});
