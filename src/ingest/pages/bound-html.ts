import { decodeEntities } from "../text/entities.js";
import { TreeBudget, type TreeLimits } from "./tree-budget.js";
import { closingTagPattern } from "../text/closing-tag.js";

// Readability's cost grows much faster than linearly with nesting depth (about two seconds at
// 500 levels, a stack overflow near 10,000), linkedom makes a separate text node for every
// character reference and stray "<" (100,000 of them cost seconds, and Readability then
// overflows the stack copying them), and neither can be interrupted. So before any DOM is
// built, one linear scan rewrites the page into something both handle in bounded time:
// scripts, styles and comments go, text is decoded so it reaches the parser as plain
// characters, tags that would make the tree too deep, too wide or too big are dropped (their
// text stays, see tree-budget.ts), and the result is cut at a size limit.

export interface HtmlLimits extends TreeLimits {
  /** Characters of input scanned at all. */
  maxInputChars: number;
  /** Characters of markup handed to the parser once scripts and styles are gone. */
  maxMarkupChars: number;
  /** Characters that must stay escaped in text ("<" before a letter, "&" before a name). */
  maxEscapes: number;
  /** One JSON-LD block larger than this is dropped unread. */
  maxJsonLdChars: number;
}

/**
 * Real news pages stay well inside these: once scripts are gone the corpus pages are under
 * 400 KB, nest fewer than 30 levels and hold under 2,000 elements. Hostile input at these
 * limits costs linkedom and Readability a second or two.
 */
export const DEFAULT_HTML_LIMITS: HtmlLimits = {
  maxInputChars: 8_000_000,
  maxMarkupChars: 1_500_000,
  maxDepth: 40,
  maxChildren: 500,
  maxElements: 20_000,
  maxEscapes: 2_000,
  maxJsonLdChars: 500_000,
};

export interface BoundedHtml {
  html: string;
  warnings: string[];
}

/** Elements removed with their content: nothing in them is article text. */
const DROPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "textarea"]);


/** Rewrites `html` within `limits`; linear in its length whatever the input. */
export function boundHtml(html: string, limits: HtmlLimits = DEFAULT_HTML_LIMITS): BoundedHtml {
  const warnings: string[] = [];
  const input = html.length > limits.maxInputChars ? html.slice(0, limits.maxInputChars) : html;
  if (input.length < html.length) warnings.push(`page is ${html.length} characters long; read only the first ${limits.maxInputChars}`);

  const out: string[] = [];
  let outChars = 0;
  let cut = false;
  const tree = new TreeBudget(limits);
  const counts = { escapes: 0, droppedEscapes: 0, droppedJsonLd: 0 };
  const n = input.length;
  let textStart = 0;
  let i = 0;

  const emit = (piece: string): boolean => {
    if (outChars + piece.length > limits.maxMarkupChars) {
      cut = true;
      return false;
    }
    out.push(piece);
    outChars += piece.length;
    return true;
  };
  const flushText = (end: number): boolean => (end > textStart ? emit(plainText(input.slice(textStart, end), limits, counts)) : true);

  scan: while (i < n) {
    const lt = input.indexOf("<", i);
    if (lt === -1) break;
    const next = input.charCodeAt(lt + 1);
    const closing = next === 47; /* / */
    const isMarkup = next === 33 /* ! */ || next === 63 /* ? */ || isLetter(closing ? input.charCodeAt(lt + 2) : next);
    if (!isMarkup) {
      // "a < b": text, escaped (or dropped) with the rest of its run.
      i = lt + 1;
      continue;
    }
    if (!flushText(lt)) break;

    if (next === 33 || next === 63) {
      // Comments and processing instructions vanish; a doctype is kept for standards mode.
      const isComment = input.startsWith("<!--", lt);
      const end = isComment ? input.indexOf("-->", lt + 4) : input.indexOf(">", lt + 2);
      if (end === -1) {
        textStart = i = n;
        break;
      }
      if (/^<!doctype/i.test(input.slice(lt, lt + 9)) && !emit(input.slice(lt, end + 1))) break;
      textStart = i = end + (isComment ? 3 : 1);
      continue;
    }

    const nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart;
    while (nameEnd < n && isNameChar(input.charCodeAt(nameEnd))) nameEnd++;
    const gt = input.indexOf(">", nameEnd);
    if (gt === -1) {
      // A tag cut off at the end of the input: nothing after it is usable.
      textStart = i = n;
      break;
    }
    const tag = input.slice(lt, gt + 1);
    const name = input.slice(nameStart, nameEnd).toLowerCase();
    textStart = i = gt + 1;

    if (DROPPED.has(name)) {
      if (closing) continue;
      const closer = closingTagPattern(name);
      closer.lastIndex = i;
      const m = closer.exec(input);
      const end = m === null ? -1 : input.indexOf(">", m.index);
      const after = end === -1 ? n : end + 1;
      if (name === "script" && /ld\+json/i.test(tag)) {
        if (after - i > limits.maxJsonLdChars) counts.droppedJsonLd++;
        else if (!emit(input.slice(lt, after))) break scan;
      }
      textStart = i = after;
      continue;
    }

    const written = closing ? tree.close(name) : tree.open(name);
    // A dropped tag leaves one space (not one per tag), so the words around it stay apart.
    if (written ? !emit(tag) : out.at(-1) !== " " && !emit(" ")) break;
  }
  if (!cut) flushText(n);

  if (cut) warnings.push(`page markup is longer than ${limits.maxMarkupChars} characters without scripts and styles; read only the first part`);
  const { tooDeep, tooWide, overBudget } = tree.stats;
  if (tooDeep > 0) warnings.push(`page nests elements deeper than ${limits.maxDepth} levels; removed ${tooDeep} deeper elements and kept their text`);
  if (tooWide > 0) warnings.push(`page has elements with more than ${limits.maxChildren} children; removed ${tooWide} elements and kept their text`);
  if (overBudget > 0) warnings.push(`page has more than ${limits.maxElements} elements; removed ${overBudget} later elements and kept their text`);
  if (counts.droppedEscapes > 0) warnings.push(`page text holds more than ${limits.maxEscapes} "<" or "&" characters; removed ${counts.droppedEscapes} of them`);
  if (counts.droppedJsonLd > 0) warnings.push(`skipped ${counts.droppedJsonLd} JSON-LD block(s) larger than ${limits.maxJsonLdChars} characters`);
  return { html: out.join(""), warnings };
}

/**
 * A run of text with its character references decoded, so the parser sees one text node. Only
 * "<" and "&" that would otherwise read as markup are escaped again, up to a budget.
 */
function plainText(raw: string, limits: HtmlLimits, counts: { escapes: number; droppedEscapes: number }): string {
  const text = decodeEntities(raw);
  if (text.indexOf("<") === -1 && text.indexOf("&") === -1) return text;
  return text.replace(/[<&]/g, (c) => {
    if (counts.escapes >= limits.maxEscapes) {
      counts.droppedEscapes++;
      return " ";
    }
    counts.escapes++;
    return c === "<" ? "&lt;" : "&amp;";
  });
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}
