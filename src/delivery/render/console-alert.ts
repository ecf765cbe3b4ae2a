import type { Alert } from "../alert.js";
import { describeMoreSources, formatByline } from "./byline.js";
import { cleanLine, cleanParagraphs } from "./clean-text.js";
import { hashtagsFor } from "./hashtags.js";
import { httpUrl } from "./safe-link.js";
import type { RenderOptions } from "./render-options.js";

export interface ConsoleRenderOptions extends RenderOptions {
  /** Add ANSI colour and weight; off unless asked for, so piped output stays plain. */
  color?: boolean;
}

type Style = "bold" | "red" | "dim" | "underline";

const ANSI: Record<Style, [string, string]> = {
  bold: ["\x1b[1m", "\x1b[22m"],
  red: ["\x1b[1;31m", "\x1b[22;39m"],
  dim: ["\x1b[2m", "\x1b[22m"],
  underline: ["\x1b[4m", "\x1b[24m"],
};

/**
 * One alert as terminal text laid out like the chat message: marker, headline, summary, byline,
 * other sources, link, tags. Data passes through the same cleaning as the chat renderers, which
 * drops control characters, so a headline cannot smuggle escape sequences into the terminal.
 */
export function renderConsoleAlert(alert: Alert, options: ConsoleRenderOptions = {}): string {
  const now = options.now ?? new Date();
  const paint = (style: Style, text: string) =>
    options.color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;

  const head: string[] = [];
  if (alert.breaking) head.push(paint("red", "🔴 BREAKING"));
  const title = cleanLine(alert.title);
  if (title !== "") head.push(paint("bold", title));

  const summary = cleanParagraphs(alert.summary);

  const foot: string[] = [];
  const byline = formatByline(alert, now);
  if (byline !== "") foot.push(paint("dim", byline));
  const more = describeMoreSources(alert.moreSources);
  if (more) foot.push(paint("dim", `${more.label}: ${more.names}`));
  const link = httpUrl(alert.url);
  if (link) foot.push(paint("underline", link));
  const tags = hashtagsFor(alert.topics);
  if (tags.length > 0) foot.push(tags.join(" "));

  return [head.join("\n"), summary, foot.join("\n")].filter((block) => block !== "").join("\n\n");
}
