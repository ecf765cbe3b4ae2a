import { PHRASES } from "./lexicon.js";

/** One word or figure of a headline or lead, accent- and case-folded. */
export interface HeadlineToken {
  text: string;
  kind: "word" | "number";
  /** Capitalised where capitals are not automatic (mid-sentence), or written as an acronym. */
  nameLike: boolean;
  /** Starts with a capital in a text whose capitals carry meaning (wherever it stands). */
  capitalised: boolean;
  /** First token of a sentence or headline clause. */
  sentenceStart: boolean;
  /** Separated from the previous token by more than spaces, or following a possessive: a name ends here. */
  nameBreakBefore: boolean;
  /** Written exactly as "US" (the country), which folds to the stop word "us". */
  countryUs: boolean;
}

// Words may carry inner apostrophes and ampersands ("S&P"); figures keep decimals, thousands
// separators and scorelines ("3-1"); sentence punctuation marks where capitals stop meaning names.
const TOKEN_PATTERN = /(\p{L}[\p{L}\p{N}'&]*)|(\p{N}+(?:[.,]\p{N}+)*(?:-\p{N}+(?:[.,]\p{N}+)*)?)|([.!?;:]+)/gu;

/**
 * Splits text into folded tokens. `capitalsCarryMeaning` is false for Title Case or ALL CAPS
 * headlines, where a capital letter tells nothing about names.
 */
export function tokenize(text: string, capitalsCarryMeaning: boolean): HeadlineToken[] {
  const tokens: HeadlineToken[] = [];
  let sentenceStart = true;
  let previousEnd = 0;
  let previousPossessive = false;
  const folded = foldAccents(rewritePhrases(text));
  // exec() in a loop: matchAll's iterator costs more than the work per token.
  TOKEN_PATTERN.lastIndex = 0;
  for (let match = TOKEN_PATTERN.exec(folded); match !== null; match = TOKEN_PATTERN.exec(folded)) {
    const [, word, figure] = match;
    // Cheap string tests first: the Unicode regexes only settle the rare cases they cannot.
    const gap = match.index === previousEnd ? "" : folded.slice(previousEnd, match.index);
    const nameBreakBefore = sentenceStart || previousPossessive || (gap !== " " && gap !== "" && !/^[ \t]*$/.test(gap));
    previousEnd = match.index + match[0].length;
    previousPossessive = word !== undefined && (word.endsWith("'") || word.endsWith("'s"));
    if (word !== undefined) {
      const bare = word.includes("'") ? word.replace(/'s$|'$/u, "").replaceAll("'", "") : word;
      const lower = bare.toLowerCase();
      if (lower.length > 1) {
        const hasCapital = bare !== lower;
        const acronym = hasCapital && bare === bare.toUpperCase() && /^[\p{Lu}\p{N}&]{2,}$/u.test(bare) && /\p{Lu}/u.test(bare);
        const capitalised = capitalsCarryMeaning && hasCapital && /^\p{Lu}/u.test(bare);
        const nameLike = acronym ? capitalsCarryMeaning : capitalised && !sentenceStart;
        tokens.push({ text: lower, kind: "word", nameLike, capitalised, sentenceStart, nameBreakBefore, countryUs: bare === "US" });
        sentenceStart = false;
      }
    } else if (figure !== undefined) {
      tokens.push({ text: normaliseFigure(figure), kind: "number", nameLike: false, capitalised: false, sentenceStart, nameBreakBefore, countryUs: false });
      sentenceStart = false;
    } else {
      sentenceStart = true;
    }
  }
  return tokens;
}

/** True when most longer words start with a capital: Title Case or ALL CAPS. */
export function looksTitleCased(text: string): boolean {
  const words = foldAccents(text).match(/\p{L}{4,}/gu) ?? [];
  const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
  return words.length >= 3 && capitalised / words.length >= 0.6;
}

function rewritePhrases(text: string): string {
  return PHRASES.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

function foldAccents(text: string): string {
  // Plain ASCII has no accents to fold: only the backtick apostrophe to straighten.
  if (ASCII_ONLY.test(text)) return text.includes("`") ? text.replaceAll("`", "'") : text;
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[\u2018\u2019\u02bc`]/g, "'");
}

const ASCII_ONLY = /^[\u0020-\u007e\t\n\r]*$/;

/** "8,000" → "8000", "3,25" → "3.25", "6.10" → "6.1"; scorelines keep both sides. */
function normaliseFigure(figure: string): string {
  return figure.split("-").map((part) => {
    const plain = part.replace(/,(?=\d{3}(?:\D|$))/g, "").replace(",", ".");
    const value = Number(plain);
    return Number.isFinite(value) && /^\d+(?:\.\d+)?$/.test(plain) ? String(value) : plain;
  }).join("-");
}
