/**
 * A light English suffix stripper: it only has to map the inflections a news reader types
 * ("leak", "leaks", "leaked", "leaking") to one form. Documents and queries pass through the same
 * function, so an odd stem ("hope" → "hop") costs at most a near-miss match, never a lost one.
 * Only plain ASCII words longer than three letters are touched; everything else is returned as is.
 */

/** Words the rules would damage and that readers search for often. */
const KEEP = new Set(["news", "always", "perhaps", "during", "series", "species", "chess", "lens"]);

const DOUBLE_CONSONANT_KEPT = new Set(["l", "s", "z"]);

/** Stems of recent words: news repeats its vocabulary, and every story's words pass through here. */
const remembered = new Map<string, string>();
const REMEMBERED_WORDS = 50_000;

export function stem(token: string): string {
  if (token.length <= 3) return token;
  let stemmed = remembered.get(token);
  if (stemmed === undefined) {
    stemmed = KEEP.has(token) || !/^[a-z]+$/.test(token) ? token : dropFinalE(stripVerbEnding(stripPlural(token)));
    if (remembered.size >= REMEMBERED_WORDS) remembered.clear();
    remembered.set(token, stemmed);
  }
  return stemmed;
}

function stripPlural(word: string): string {
  if (word.endsWith("ies")) return word.length >= 5 ? `${word.slice(0, -3)}y` : word.slice(0, -1);
  if (/(?:ss|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

function stripVerbEnding(word: string): string {
  if (word.endsWith("ied") && word.length >= 5) return `${word.slice(0, -3)}y`;
  // "agreed" keeps its "ee" so that it meets "agree"; short words ("speed", "freed") are left alone.
  if (word.endsWith("eed")) return word.length >= 6 ? word.slice(0, -1) : word;
  if (word.endsWith("ed")) return undouble(word.slice(0, -2), word);
  if (word.endsWith("ing")) return undouble(word.slice(0, -3), word);
  return word;
}

/** Accept a stripped stem only if it still looks like a word; then "stopp" → "stop". */
function undouble(stemmed: string, original: string): string {
  if (stemmed.length < 3 || !/[aeiouy]/.test(stemmed)) return original;
  const last = stemmed.at(-1) ?? "";
  const doubled = stemmed.length >= 4 && last === stemmed.at(-2) && !/[aeiouy]/.test(last);
  return doubled && !DOUBLE_CONSONANT_KEPT.has(last) ? stemmed.slice(0, -1) : stemmed;
}

/** "vote", "voted", "voting" all end up as "vot"; "agree" keeps its double e. */
function dropFinalE(word: string): string {
  if (word.length >= 4 && word.endsWith("e") && !word.endsWith("ee")) return word.slice(0, -1);
  return word;
}
