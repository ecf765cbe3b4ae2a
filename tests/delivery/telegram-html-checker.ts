// A small reader for our own Telegram output: enough of Telegram's HTML rules to catch a
// renderer that leaks markup, breaks an entity or miscounts the visible length.

/** The tags Telegram's HTML parse mode accepts (DESIGN.md, platform facts). */
const ALLOWED_TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "a", "code", "pre",
  "blockquote", "tg-emoji",
]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export interface TelegramHtmlReport {
  /** Problems found; empty when the markup is valid. */
  errors: string[];
  /** The text after entity parsing, as Telegram counts it. */
  visible: string;
  /** Opening tags with their attribute text, in order. */
  tags: { name: string; attributes: string }[];
}

function decodeEntities(text: string, errors: string[]): string {
  return text.replace(/&([^;\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(";")) {
      errors.push(`bare & near "${match}"`);
      return match;
    }
    if (Object.hasOwn(NAMED_ENTITIES, body)) return NAMED_ENTITIES[body];
    const numeric = /^#(x[0-9a-f]+|[0-9]+)$/i.exec(body);
    if (numeric) return String.fromCodePoint(Number(body.startsWith("#x") ? `0x${body.slice(2)}` : body.slice(1)));
    errors.push(`unknown entity ${match}`);
    return match;
  });
}

export function checkTelegramHtml(html: string): TelegramHtmlReport {
  const errors: string[] = [];
  const tags: TelegramHtmlReport["tags"] = [];
  const open: string[] = [];
  let visible = "";
  const tagPattern = /<(\/?)([a-z-]+)([^<>]*)>/gi;
  let last = 0;
  for (const match of html.matchAll(tagPattern)) {
    const [whole, closing, name, attributes] = match;
    visible += decodeEntities(checkText(html.slice(last, match.index), errors), errors);
    last = match.index + whole.length;
    const tag = name.toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) errors.push(`tag <${tag}> not allowed`);
    if (closing) {
      if (open.pop() !== tag) errors.push(`</${tag}> closes nothing open`);
    } else {
      open.push(tag);
      tags.push({ name: tag, attributes: attributes.trim() });
      if (/["']/.test(attributes)) {
        for (const [, value] of attributes.matchAll(/="([^"]*)"/g)) decodeEntities(checkText(value, errors), errors);
      }
    }
  }
  visible += decodeEntities(checkText(html.slice(last), errors), errors);
  if (open.length > 0) errors.push(`unclosed tags: ${open.join(", ")}`);
  return { errors, visible, tags };
}

function checkText(text: string, errors: string[]): string {
  if (/[<>]/.test(text)) errors.push(`raw < or > in text "${text.slice(0, 40)}"`);
  return text;
}
