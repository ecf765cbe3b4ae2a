import type { Story } from "../src/stories/story.js";
import type { StoryLine } from "./reply.js";

export function storyLine(story: Story): StoryLine {
  return { title: story.title, url: story.url, source: story.source, publishedAt: story.publishedAt, breaking: story.breaking };
}
