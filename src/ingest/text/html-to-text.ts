import { decodeEntities } from "./entities.js";
import { closingTagPattern } from "./closing-tag.js";

// A single forward scan with indexOf, no DOM and no backtracking regex: feed descriptions are
// converted by the thousand, and hostile HTML (unclosed comments, quotes, 5 MB of `<`) must still
// finish in linear time.

/** Elements whose content is never text for a reader. */
const DROPPED = new Set(["script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object", "textarea", "select"]);

/** Elements that start a new line of text. */
const BLOCKS = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav",
  "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "body", "html", "option", "legend",
]);

/** Elements that only need a space between neighbours (cells, images standing for words). */
const SPACERS = new Set(["td", "th", "img", "input", "button", "label"]);


/**
 * Plain text of an HTML fragment or page: tags removed (blocks become line breaks, cells and
 * images spaces), script/style/noscript and similar dropped with their content, entities decoded,
 * runs of spaces collapsed, lines trimmed and blank lines removed.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const n = html.length;
  let i = 0;
  // Text runs from textStart up to the next markup; a literal "<" ("a < b") does not end it.
  let textStart = 0;
  // Once a quote character has no later occurrence, quote-aware tag scanning stops searching for it.
  const quoteMissing = { '"': false, "'": false };

  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt === -1) break;
    const next = html.charCodeAt(lt + 1);
    const closing = next === 47; /* / */
    const nameStart = closing ? lt + 2 : lt + 1;
    if (next !== 33 /* ! */ && next !== 63 /* ? */ && !isLetter(html.charCodeAt(nameStart))) {
      i = lt + 1;
      continue;
    }
    if (lt > textStart) pushText(out, html.slice(textStart, lt));

    if (next === 33) {
      if (html.startsWith("<!--", lt)) {
        const end = html.indexOf("-->", lt + 4);
        i = end === -1 ? n : end + 3;
      } else if (html.startsWith("<![CDATA[", lt)) {
        const end = html.indexOf("]]>", lt + 9);
        pushText(out, html.slice(lt + 9, end === -1 ? n : end), false);
        i = end === -1 ? n : end + 3;
      } else {
        const end = html.indexOf(">", lt + 2);
        i = end === -1 ? n : end + 1;
      }
      textStart = i;
      continue;
    }
    if (next === 63) {
      const end = html.indexOf(">", lt + 2);
      textStart = i = end === -1 ? n : end + 1;
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < n && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tagEnd = endOfTag(html, nameEnd, quoteMissing);
    textStart = i = tagEnd;

    if (!closing && DROPPED.has(name) && html.charCodeAt(tagEnd - 2) !== 47 /* self-closed */) {
      const closer = closingTagPattern(name);
      closer.lastIndex = tagEnd;
      const m = closer.exec(html);
      if (m === null) {
        i = n;
      } else {
        const end = html.indexOf(">", m.index);
        i = end === -1 ? n : end + 1;
      }
      textStart = i;
      continue;
    }
    if (BLOCKS.has(name)) out.push("\n");
    else if (SPACERS.has(name)) out.push(" ");
  }
  if (textStart < n) pushText(out, html.slice(textStart));
  return collapse(out.join(""));
}

/** Source line breaks are plain whitespace in HTML; only block elements make lines. */
function pushText(out: string[], text: string, decode = true): void {
  const flat = text.indexOf("\n") === -1 && text.indexOf("\r") === -1 ? text : text.replace(/[\r\n]+/g, " ");
  out.push(decode ? decodeEntities(flat) : flat);
}

/** Index just past the tag's `>`, ignoring `>` inside quoted attribute values (`name="…"`). */
function endOfTag(html: string, from: number, quoteMissing: { '"': boolean; "'": boolean }): number {
  let i = from;
  let afterEquals = false;
  const n = html.length;
  while (i < n) {
    const c = html[i];
    if (c === ">") return i + 1;
    if (c === "<") return i; // A tag that never closed: the next one starts here.
    if ((c === '"' || c === "'") && afterEquals && !quoteMissing[c]) {
      const close = html.indexOf(c, i + 1);
      if (close === -1) quoteMissing[c] = true;
      else i = close;
    }
    if (c === "=") afterEquals = true;
    else if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") afterEquals = false;
    i++;
  }
  return n;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}

function collapse(text: string): string {
  return text
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n[\n ]*/g, "\n")
    .trim();
}
