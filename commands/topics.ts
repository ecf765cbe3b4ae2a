import { topicCountsSince } from "../src/db/story-queries.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";

export const topics = defineCommand({
  name: "topics",
  description: "List the topics you can follow",
  usage: "/topics",
  options: [],
  permission: "anyone",
  async handle(ctx) {
    const { db, topics: directory, clock } = ctx.services;
    const all = await directory.all();
    const counts = await topicCountsSince(db, new Date(clock().getTime() - 24 * 3600_000));
    return {
      blocks: [
        text({ text: "Topics", bold: true }, " (stories in the last 24 hours):"),
        {
          type: "list",
          items: all.map((t) => [{ text: t.slug, code: true }, ` ${t.label} — ${counts.get(t.slug) ?? 0}`]),
        },
        text("Follow one with ", { text: "/subscribe <topic>", code: true }, "."),
      ],
    };
  },
});
