/**
 * The platform-neutral reply a command returns. Adapters render it as Telegram HTML, Discord
 * markdown/embeds or terminal text, so handlers never think about escaping.
 */
export type Span =
  | string
  | { text: string; bold?: boolean; italic?: boolean; code?: boolean; href?: string; highlight?: boolean };

export interface StoryLine {
  title: string;
  url: string;
  source: string;
  publishedAt: Date;
  breaking: boolean;
  /** Text with the matched words marked, for search results. */
  snippet?: Array<{ text: string; match: boolean }>;
}

export type Block =
  | { type: "text"; spans: Span[] }
  | { type: "list"; items: Span[][] }
  | { type: "stories"; stories: StoryLine[]; timezone: string };

/** A button under the reply; `action` comes back to the command runner when pressed. */
export interface ReplyButton {
  label: string;
  action: string;
}

export interface Reply {
  blocks: Block[];
  buttons?: ReplyButton[][];
  /** Only the caller sees it where the platform allows (Discord); confirmations and errors. */
  ephemeral?: boolean;
  /** An error the user should read: adapters may style it. */
  isError?: boolean;
}

export const text = (...spans: Span[]): Block => ({ type: "text", spans });

export function replyOf(...blocks: Block[]): Reply {
  return { blocks };
}

export function errorReply(message: string): Reply {
  return { blocks: [text(message)], ephemeral: true, isError: true };
}

/** Plain text of a reply, for logs, tests and the simplest adapters. */
export function replyToPlainText(reply: Reply): string {
  const spanText = (s: Span) => (typeof s === "string" ? s : s.text);
  return reply.blocks
    .map((b) => {
      if (b.type === "text") return b.spans.map(spanText).join("");
      if (b.type === "list") return b.items.map((item) => "• " + item.map(spanText).join("")).join("\n");
      return b.stories.map((s) => `${s.title} — ${s.source} ${s.url}`).join("\n");
    })
    .join("\n");
}
