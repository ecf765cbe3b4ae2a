import type { Reply, Span, StoryLine } from "../../../commands/reply.js";
import { formatLocalTime } from "../../delivery/render/format-local-time.js";

function span(s: Span): string {
  if (typeof s === "string") return s;
  if (s.href) return `${s.text} <${s.href}>`;
  if (s.highlight) return `[${s.text}]`;
  return s.text;
}

function storyText(story: StoryLine, timezone: string, index: number, now: Date): string {
  const marker = story.breaking ? "🔴 " : "";
  const snippet = story.snippet ? "\n   " + story.snippet.map((p) => (p.match ? `[${p.text}]` : p.text)).join("") : "";
  return `${index + 1}. ${marker}${story.title}\n   ${story.source} · ${formatLocalTime(story.publishedAt, timezone, now)}${snippet}\n   ${story.url}`;
}

/** A command reply as it reads in a terminal chat; buttons become the command they would run. */
export function renderReplyForConsole(reply: Reply, now = new Date()): string {
  const parts = reply.blocks.map((block) => {
    if (block.type === "text") return block.spans.map(span).join("");
    if (block.type === "list") return block.items.map((item) => "  • " + item.map(span).join("")).join("\n");
    return block.stories.map((s, i) => storyText(s, block.timezone, i, now)).join("\n");
  });
  const buttons = (reply.buttons ?? []).flat();
  if (buttons.length > 0) parts.push(buttons.map((b) => `  [${b.label}] → /${b.action}`).join("\n"));
  return parts.join("\n");
}
