import { latestStories } from "../src/db/story-queries.js";
import { text } from "./reply.js";
import { storyLine } from "./story-lines.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

export const latest = defineCommand({
  name: "latest",
  description: "The five newest stories, optionally for one topic",
  usage: "/latest [topic]",
  options: [{ name: "topic", description: "A topic slug, e.g. world", type: "string", required: false, rest: true, autocomplete: "topic" }],
  permission: "anyone",
  async handle(ctx, args) {
    const { db, topics } = ctx.services;
    let slug: string | undefined;
    if (args.topic !== undefined) {
      const found = await topics.lookup(args.topic);
      if (found.status === "did-you-mean") {
        throw new UserError(`No topic "${args.topic}". Did you mean ${found.suggestions.map((t) => t.slug).join(", ")}?`);
      }
      if (found.status === "not-a-topic") throw new UserError(`No topic "${args.topic}". /topics lists them.`);
      slug = found.topic.slug;
    }
    const stories = await latestStories(db, { topic: slug, limit: 5 });
    if (stories.length === 0) {
      return { blocks: [text(slug ? `No stories about ${slug} yet.` : "No stories yet.")] };
    }
    return {
      blocks: [
        text({ text: slug ? `Latest on ${slug}` : "Latest stories", bold: true }),
        { type: "stories", stories: stories.map(storyLine), timezone: ctx.services.defaultTimezone },
      ],
    };
  },
});
