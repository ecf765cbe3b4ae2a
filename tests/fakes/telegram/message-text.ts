// What Telegram does to a message text before storing it: parse the markup, trim surrounding
// whitespace, then check that something is left and that it fits.
import type { MessageEntity } from "grammy/types";
import { parseTelegramHtml } from "./telegram-html.js";
import { fail, telegramErrors } from "./telegram-errors.js";

export const maxMessageLength = 4096;

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/**
 * Markdown and MarkdownV2 are accepted but not parsed: their text is kept as sent. Only HTML is
 * validated, because HTML is what our renderers produce.
 */
export function formatMessageText(raw: string | undefined, parseMode: string | undefined, entities?: MessageEntity[]): FormattedText {
  if (raw === undefined || raw === "") fail(telegramErrors.badRequest("message text is empty"));
  const parsed = parse(raw, parseMode, entities ?? []);
  const trimmed = trim(parsed);
  if (trimmed.text === "") fail(telegramErrors.badRequest("message text is empty"));
  // Telegram counts characters (code points) of the text left after entity parsing.
  if ([...trimmed.text].length > maxMessageLength) fail(telegramErrors.badRequest("message is too long"));
  return trimmed;
}

function parse(raw: string, parseMode: string | undefined, entities: MessageEntity[]): FormattedText {
  switch (parseMode?.toLowerCase()) {
    case undefined:
    case "":
    case "markdown":
    case "markdownv2":
      return { text: raw, entities };
    case "html": {
      const result = parseTelegramHtml(raw);
      if (!result.ok) fail(telegramErrors.cantParseEntities(result.reason));
      return { text: result.text, entities: result.entities };
    }
    default:
      fail(telegramErrors.badRequest("unsupported parse_mode"));
  }
}

function trim({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const clipped = entities
    .map((entity) => {
      const start = Math.max(0, entity.offset - lead);
      const end = Math.min(trimmed.length, entity.offset + entity.length - lead);
      return { ...entity, offset: start, length: end - start };
    })
    .filter((entity) => entity.length > 0);
  return { text: trimmed, entities: clipped };
}
