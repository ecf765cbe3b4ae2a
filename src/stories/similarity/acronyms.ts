import { STOP_WORDS } from "./lexicon.js";
import type { HeadlineToken } from "./tokenize.js";

/** Small words that may sit inside a name ("Bank of England", "Copa del Rey"). */
const CONNECTORS: ReadonlySet<string> = new Set(["of", "and", "for", "de", "del", "la", "le"]);

/** Longer runs of capitals are lists of names or a Title Case clause, not one name. */
const MAX_RUN = 5;

/**
 * Acronyms of names written out, so "European Central Bank" meets "ECB", "Bank of Japan" meets
 * "BOJ" or "BJ", and "Monaco Grand Prix" meets "GP": outlets often abbreviate only the end of a
 * name, so each tail of the run counts too.
 */
export function deriveAcronyms(tokens: readonly HeadlineToken[]): string[] {
  const acronyms = new Set<string>();
  for (const run of capitalisedRuns(tokens)) {
    for (let start = 0; start < run.length - 1; start += 1) {
      const tail = run.slice(start);
      if (CONNECTORS.has(tail[0]!.text)) continue;
      acronyms.add(initials(tail));
      acronyms.add(initials(tail.filter((token) => !CONNECTORS.has(token.text))));
    }
  }
  return [...acronyms].filter((acronym) => acronym.length >= 2 && !STOP_WORDS.has(acronym));
}

function initials(tokens: readonly HeadlineToken[]): string {
  return tokens.map((token) => token.text[0]).join("");
}

/** Maximal runs of capitalised words joined by connectors; a leading stop word ("The") is left out. */
function capitalisedRuns(tokens: readonly HeadlineToken[]): HeadlineToken[][] {
  const runs: HeadlineToken[][] = [];
  let run: HeadlineToken[] = [];
  const close = (): void => {
    while (run.length > 0 && CONNECTORS.has(run.at(-1)!.text)) run.pop();
    if (run.length >= 2 && run.length <= MAX_RUN) runs.push(run);
    run = [];
  };
  for (const token of tokens) {
    if (token.nameBreakBefore) close();
    const word = token.kind === "word";
    if (word && token.capitalised && !(run.length === 0 && STOP_WORDS.has(token.text))) run.push(token);
    else if (word && CONNECTORS.has(token.text) && run.length > 0) run.push(token);
    else close();
  }
  close();
  return runs;
}
