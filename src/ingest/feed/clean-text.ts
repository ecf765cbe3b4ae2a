import { decodeEntities } from "../text/entities.js";
import { htmlToText } from "../text/html-to-text.js";
import { summarize } from "../text/summary.js";

/** Longest headline we derive for an item that has none. */
const DERIVED_TITLE_CHARS = 120;

/**
 * A one-line display string (titles, names) from a feed value that may hold markup or escaped
 * markup. Plain values skip the HTML scanner entirely: most titles have neither `<` nor `&`.
 */
export function cleanLine(value: string | undefined | null): string {
  if (value == null) return "";
  const text = value.includes("<") ? htmlToText(value) : value.includes("&") ? decodeEntities(value) : value;
  return /\s\s|[\t\n\r\u00a0]/.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}

/** RSS 0.9x items may carry only a description: its opening words stand in for the headline. */
export function titleFromBody(html: string | undefined | null): string {
  if (html == null || html.trim() === "") return "";
  return summarize(htmlToText(html.slice(0, 4000)), { maxChars: DERIVED_TITLE_CHARS }).replace(/\s+/g, " ");
}
