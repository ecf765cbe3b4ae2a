import { CANONICAL_FORMS, CONVENTIONAL_CAPITALS, STOP_WORDS } from "./lexicon.js";
import { deriveAcronyms } from "./acronyms.js";
import { lightStem } from "./stem.js";
import { looksTitleCased, tokenize, type HeadlineToken } from "./tokenize.js";

/**
 * How much a feature says about which event a story is: names and figures say the most. An
 * "alias" is an acronym derived from a written-out name: it helps when both stories have it,
 * and its absence means nothing.
 */
export type FeatureKind = "term" | "alias" | "name" | "figure";

/** What the similarity reads of a story: the headline and the start of its lead. */
export interface StoryText {
  title: string;
  summary: string;
}

/** Leads can be whole articles; the event is named in the first sentences, the rest is background. */
const MAX_LEAD_TOKENS = 60;
/** Enough text for MAX_LEAD_TOKENS, cut before tokenising so a 100 kB "summary" costs no more. */
const MAX_LEAD_CHARS = 1000;
const MAX_TITLE_CHARS = 400;

const KIND_RANK: Record<FeatureKind, number> = { term: 0, alias: 1, name: 2, figure: 3 };

/** One normalised feature: its strongest kind, and whether the headline itself states it. */
export interface EventFeature {
  kind: FeatureKind;
  inTitle: boolean;
}

/** The distinct normalised features of a story. */
export function eventFeatures(story: StoryText): Map<string, EventFeature> {
  const features = new Map<string, EventFeature>();
  const titleText = story.title.slice(0, MAX_TITLE_CHARS);
  const title = tokenize(titleText, !looksTitleCased(titleText));
  const lead = tokenize(story.summary.slice(0, MAX_LEAD_CHARS), true).slice(0, MAX_LEAD_TOKENS);
  const lowercaseWords = new Set<string>();
  for (const tokens of [title, lead]) for (const token of tokens) if (token.kind === "word" && !token.capitalised) lowercaseWords.add(token.text);
  collect(title, features, true, lowercaseWords);
  collect(lead, features, false, lowercaseWords);
  return features;
}

function collect(tokens: HeadlineToken[], into: Map<string, EventFeature>, inTitle: boolean, lowercaseWords: ReadonlySet<string>): void {
  const add = (text: string, kind: FeatureKind): void => {
    const seen = into.get(text) ?? { kind, inTitle };
    if (KIND_RANK[kind] > KIND_RANK[seen.kind]) seen.kind = kind;
    seen.inTitle ||= inTitle;
    into.set(text, seen);
  };
  for (const token of tokens) {
    const feature = featureOf(token, lowercaseWords);
    if (feature !== null) add(...feature);
  }
  for (const acronym of deriveAcronyms(tokens)) add(acronym, "alias");
}

/**
 * A capital mid-sentence marks a name. At the start of a sentence it marks one only when the story
 * never writes the word in lowercase ("Nordbank reported…" but not "Floods kill…" beside "flash floods").
 */
function featureOf(token: HeadlineToken, lowercaseWords: ReadonlySet<string>): [string, FeatureKind] | null {
  if (token.kind === "number") return [token.text, "figure"];
  const word = token.countryUs ? "usa" : token.text;
  const canonical = CANONICAL_FORMS.get(word);
  const startsName = token.capitalised && token.sentenceStart && !lowercaseWords.has(word);
  const kind: FeatureKind = (token.nameLike || startsName) && !CONVENTIONAL_CAPITALS.has(word) ? "name" : "term";
  if (canonical !== undefined) return [canonical, /^\d/.test(canonical) ? "figure" : kind];
  if (STOP_WORDS.has(word)) return null;
  return [lightStem(word), kind];
}
