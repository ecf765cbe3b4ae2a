// Telegram's HTML parse mode: turns `parse_mode: "HTML"` text into plain text plus entities, or the
// reason Telegram would give for rejecting it. Error wording and byte offsets follow the real server,
// so a failing test reads like a production log line.
//
// One deliberate difference: a bare "&" that does not start a supported entity is an error here,
// while the real server quietly shows it as text. The Bot API docs require escaping it, and a bare
// "&" is how a missing escape usually shows up (`&apos;` or `&nbsp;` would also reach users verbatim).
import type { MessageEntity } from "grammy/types";

export type HtmlParseResult =
  | { ok: true; text: string; entities: MessageEntity[] }
  | { ok: false; reason: string };

type SimpleEntityType = "bold" | "italic" | "underline" | "strikethrough" | "spoiler";

const simpleTags: Record<string, SimpleEntityType> = {
  b: "bold", strong: "bold",
  i: "italic", em: "italic",
  u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough",
  "tg-spoiler": "spoiler",
};

const supportedTags = new Set([...Object.keys(simpleTags), "span", "a", "code", "pre", "blockquote", "tg-emoji", "tg-time"]);

const namedEntities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  attributes: Map<string, string>;
  /** UTF-16 offset in the plain text where the tag's content starts: entity offsets use UTF-16. */
  start: number;
  language?: string;
}

const isSpace = (ch: string | undefined) => ch !== undefined && " \t\r\n\v\f".includes(ch);
const byteOffset = (html: string, index: number) => Buffer.byteLength(html.slice(0, index), "utf8");

export function parseTelegramHtml(html: string): HtmlParseResult {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  let i = 0;
  const failure = (reason: string): HtmlParseResult => ({ ok: false, reason });

  while (i < html.length) {
    const ch = html[i];
    if (ch === "&") {
      const decoded = decodeEntity(html, i);
      if (!decoded) return failure(bareAmpersand(byteOffset(html, i)));
      text += decoded.text;
      i = decoded.end;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const at = byteOffset(html, i);

    if (html[i + 1] === "/") {
      if (open.length === 0) return failure(`Unexpected end tag at byte offset ${at}`);
      let j = i + 2;
      while (j < html.length && !isSpace(html[j]) && html[j] !== ">") j++;
      const endName = html.slice(i + 2, j).toLowerCase();
      while (isSpace(html[j])) j++;
      if (html[j] !== ">") return failure(`Unclosed end tag at byte offset ${at}`);
      const tag = open.pop() as OpenTag;
      // Like the real server, an empty "</>" closes whatever is open.
      if (endName !== "" && endName !== tag.name) {
        return failure(`Unmatched end tag at byte offset ${at}, expected "</${tag.name}>", found "</${endName}>"`);
      }
      closeTag(tag, text.length, open, entities);
      i = j + 1;
      continue;
    }

    const start = readStartTag(html, i, at);
    if (!start.ok) return failure(start.reason);
    open.push({ name: start.name, attributes: start.attributes, start: text.length });
    i = start.end;
  }

  const unclosed = open.at(-1);
  if (unclosed) return failure(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { ok: true, text, entities };
}

function bareAmpersand(at: number): string {
  return `Character "&" at byte offset ${at} does not start an HTML entity; escape it as "&amp;"` +
    ` (supported: &lt; &gt; &amp; &quot; and numeric entities)`;
}

type StartTag =
  | { ok: true; name: string; attributes: Map<string, string>; end: number }
  | { ok: false; reason: string };

function readStartTag(html: string, begin: number, at: number): StartTag {
  const failure = (reason: string): StartTag => ({ ok: false, reason });
  let j = begin + 1;
  while (j < html.length && !isSpace(html[j]) && html[j] !== ">") j++;
  if (j >= html.length) return failure(`Unclosed start tag at byte offset ${at}`);
  const name = html.slice(begin + 1, j).toLowerCase();
  if (!supportedTags.has(name)) return failure(`Unsupported start tag "${name}" at byte offset ${at}`);

  const attributes = new Map<string, string>();
  while (html[j] !== ">") {
    while (isSpace(html[j])) j++;
    if (j >= html.length) return failure(`Unclosed start tag at byte offset ${at}`);
    if (html[j] === ">") break;
    const nameStart = j;
    while (j < html.length && !isSpace(html[j]) && html[j] !== "=" && html[j] !== ">") j++;
    const attributeName = html.slice(nameStart, j).toLowerCase();
    if (attributeName === "") return failure(`Empty attribute name in the tag "${name}" at byte offset ${at}`);
    while (isSpace(html[j])) j++;
    if (html[j] !== "=") {
      attributes.set(attributeName, ""); // valueless, as in <blockquote expandable>
      continue;
    }
    j++;
    while (isSpace(html[j])) j++;
    if (j >= html.length) return failure(`Unclosed start tag "${name}" at byte offset ${at}`);
    const quote = html[j];
    let value = "";
    if (quote === '"' || quote === "'") {
      j++;
      while (j < html.length && html[j] !== quote) {
        if (html[j] === "&") {
          const decoded = decodeEntity(html, j);
          if (!decoded) return failure(bareAmpersand(byteOffset(html, j)));
          value += decoded.text;
          j = decoded.end;
        } else {
          value += html[j++];
        }
      }
      if (j >= html.length) return failure(`Unclosed start tag at byte offset ${at}`);
      j++;
    } else {
      const tokenStart = j;
      while (j < html.length && /[A-Za-z0-9.-]/.test(html[j])) j++;
      value = html.slice(tokenStart, j).toLowerCase();
      if (j < html.length && !isSpace(html[j]) && html[j] !== ">") {
        return failure(`Unexpected end of name token at byte offset ${byteOffset(html, tokenStart)}`);
      }
    }
    attributes.set(attributeName, value);
  }

  if (name === "span" && attributes.get("class") !== "tg-spoiler") {
    return failure(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
  }
  if (name === "tg-emoji" && !attributes.get("emoji-id")) {
    return failure(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${at}`);
  }
  if (name === "tg-time" && !/^\d+$/.test(attributes.get("unix") ?? "")) {
    return failure(`Tag "tg-time" must have attribute "unix" at byte offset ${at}`);
  }
  return { ok: true, name, attributes, end: j + 1 };
}

function decodeEntity(html: string, at: number): { text: string; end: number } | undefined {
  const match = /^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{1,8}));/.exec(html.slice(at, at + 12));
  if (!match) return undefined;
  const end = at + match[0].length;
  if (match[3] !== undefined) {
    const named = namedEntities[match[3]];
    return named === undefined ? undefined : { text: named, end };
  }
  const codePoint = match[1] !== undefined ? Number(match[1]) : parseInt(match[2], 16);
  const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  return valid ? { text: String.fromCodePoint(codePoint), end } : undefined;
}

function closeTag(tag: OpenTag, end: number, stillOpen: OpenTag[], entities: MessageEntity[]): void {
  const parent = stillOpen.at(-1);
  // <pre><code class="language-x"> is one pre entity with a language, not two entities.
  if (tag.name === "code" && parent?.name === "pre") {
    const cls = tag.attributes.get("class");
    if (cls?.startsWith("language-")) parent.language = cls.slice("language-".length);
    return;
  }
  const offset = tag.start;
  const length = end - offset;
  if (length === 0) return;
  const entity = entityFor(tag, offset, length);
  if (entity) entities.push(entity);
}

function entityFor(tag: OpenTag, offset: number, length: number): MessageEntity | undefined {
  const simple = simpleTags[tag.name];
  if (simple) return { type: simple, offset, length };
  switch (tag.name) {
    case "span":
      return { type: "spoiler", offset, length };
    case "code":
      return { type: "code", offset, length };
    case "pre":
      return tag.language ? { type: "pre", offset, length, language: tag.language } : { type: "pre", offset, length };
    case "blockquote":
      return { type: tag.attributes.has("expandable") ? "expandable_blockquote" : "blockquote", offset, length };
    case "tg-emoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: tag.attributes.get("emoji-id") ?? "" };
    case "tg-time":
      return {
        type: "date_time", offset, length,
        unix_time: Number(tag.attributes.get("unix")),
        date_time_format: (tag.attributes.get("format") || "r") as "r",
      };
    case "a": {
      const href = tag.attributes.get("href") ?? "";
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
      if (mention) return { type: "text_mention", offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: "" } };
      // The real server drops links it cannot parse as URLs instead of failing the message.
      return href === "" ? undefined : { type: "text_link", offset, length, url: href };
    }
  }
  return undefined;
}
