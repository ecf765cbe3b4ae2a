import { cleanValue } from "./xml-text.js";

// RSS <author> is meant to be an e-mail address, and is written every which way:
// "jo@news.example (Jo Reporter)", "Jo Reporter <jo@news.example>", "Jo Reporter", a profile
// URL. We want a name to show: the name when there is one, else the address, never a URL.

const EMAIL = /^[^\s@()<>[\]]+@[^\s@()<>[\]]+\.[^\s@()<>[\]]+$/;
const URL_LIKE = /^(?:https?:\/\/|www\.)[^\s]+\.[^\s]+$/;
const EDGE_SEPARATORS = /^[\s,\-|/:;]+|[\s,\-|/:;]+$/g;
const CLOSER: Record<string, string> = { "<": ">", "(": ")", "[": "]" };

function withoutMailto(value: string): string {
  return /^mailto:/i.test(value) ? value.slice(7).replace(/\?.*$/, "") : value;
}

/** The display name in an RSS author value (already decoded and trimmed), else its address. */
export function rssAuthorName(raw: string): string | undefined {
  const bare = withoutMailto(raw);
  if (URL_LIKE.test(bare)) return undefined;
  if (EMAIL.test(bare)) return bare;
  const parts = /[<[(]/.test(raw) ? bracketedParts(raw) : plainParts(raw);
  if (parts === null) return raw;
  return parts.name ?? parts.email;
}

interface Parts {
  name: string | undefined;
  email: string | undefined;
}

/** "Jo Reporter jo@news.example": words that are neither address nor URL make the name. */
function plainParts(raw: string): Parts | null {
  if (!raw.includes("@") && !raw.includes("://") && !raw.includes("www.")) return null;
  let email: string | undefined;
  let link: string | undefined;
  const words: string[] = [];
  for (const word of raw.split(/\s+/)) {
    if (link === undefined && URL_LIKE.test(word)) link = word;
    else if (email === undefined && EMAIL.test(withoutMailto(word))) email = withoutMailto(word);
    else words.push(word);
  }
  if (email === undefined && link === undefined) return null;
  return { name: cleanValue(words.join(" ").replace(EDGE_SEPARATORS, "")), email };
}

/** "jo@news.example (Jo Reporter)": bracketed pieces are names unless they are an address or URL. */
function bracketedParts(raw: string): Parts {
  let email: string | undefined;
  let link: string | undefined;
  let plainNameSeen = false;
  const names: string[] = [];
  let i = 0;
  while (i < raw.length) {
    const open = raw[i]!;
    const close = CLOSER[open];
    let piece: string | undefined;
    let bracketed = false;
    if (close !== undefined) {
      const end = matchingClose(raw, i, open, close);
      if (end !== -1) {
        bracketed = true;
        piece = cleanValue(raw.slice(i + 1, end));
        i = end + 1;
      } else {
        // An unmatched bracket is just text up to the next bracket.
        const from = i;
        i = nextBracket(raw, i + 1);
        piece = cleanValue(raw.slice(from, i));
      }
    } else {
      const from = i;
      i = nextBracket(raw, i);
      piece = cleanValue(raw.slice(from, i));
    }
    if (piece === undefined) continue;
    if (link === undefined && URL_LIKE.test(piece)) link = piece;
    else if (email === undefined && EMAIL.test(withoutMailto(piece))) email = withoutMailto(piece);
    else if (bracketed) names.push(plainNameSeen ? `${open}${piece}${close}` : piece);
    else {
      plainNameSeen = true;
      names.push(piece);
    }
  }
  return { name: cleanValue(names.join(" ")), email };
}

function matchingClose(raw: string, at: number, open: string, close: string): number {
  let depth = 1;
  for (let k = at + 1; k < raw.length; k++) {
    if (raw[k] === open) depth++;
    else if (raw[k] === close && --depth === 0) return k;
  }
  return -1;
}

function nextBracket(raw: string, from: number): number {
  let k = from;
  while (k < raw.length && CLOSER[raw[k]!] === undefined) k++;
  return k;
}
