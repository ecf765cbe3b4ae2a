import { featureKey, hashFeature, KIND_BITS, WORD_LAYOUT, type Fingerprint } from "./fingerprint.js";

/**
 * Stories at or above this similarity report the same event. Chosen on the "tune" split of
 * tests/stories/fixtures/story-pairs.json; clustering.test.ts prints the scores of every split.
 */
export const SAME_EVENT_THRESHOLD = 0.24;

/** A contradiction between the two stories halves the score (see similarity()). */
const CONTRADICTION_FACTOR = 0.5;

// Names and figures identify an event; the weight of a word is read by its kind bits.
const WEIGHT_BY_KIND = new Float64Array(4);
WEIGHT_BY_KIND[KIND_BITS.term] = 1;
WEIGHT_BY_KIND[KIND_BITS.name] = 2;
WEIGHT_BY_KIND[KIND_BITS.figure] = 2;
WEIGHT_BY_KIND[KIND_BITS.alias] = 2;

// Read once: the loop below runs a few thousand times per ingested story.
const { tagBits: TAG_BITS, kindMask: KIND_MASK, titleBit: TITLE_BIT } = WORD_LAYOUT;
const NAME = KIND_BITS.name;
const FIGURE = KIND_BITS.figure;
const ALIAS = KIND_BITS.alias;

/** Casualty counts change as a story develops: a headline with a new toll is an update, not a new event. */
const CASUALTY_KEYS: ReadonlySet<number> = new Set(["dead", "injured", "missing"].map((word) => featureKey(hashFeature(word))));

/**
 * Weighted Jaccard similarity in [0, 1] of two stories' features, with these rules for what
 * counts as disagreement:
 * - absence is not disagreement: figures count only when both stories give figures, and a
 *   story's lead counts only when the other story has a lead too (title-only items);
 * - a shared feature takes the stronger of its two kinds (outlets capitalise differently);
 * - an acronym derived from a written-out name counts when shared, never when missing;
 * - contradictions halve the score: both headlines name someone the other story never mentions,
 *   or both give figures the other never mentions (unless both report casualties, which change
 *   as a story develops), or the leads date the event to days that are days apart.
 */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  const x = a.features;
  const y = b.features;
  let shared = 0;
  // Per side: unmatched weight in the title, in the lead, and the same for figures.
  let xTitle = 0, xLead = 0, xFigTitle = 0, xFigLead = 0;
  let yTitle = 0, yLead = 0, yFigTitle = 0, yFigLead = 0;
  let xAnyFigure = false, yAnyFigure = false;
  let xTitleName = false, yTitleName = false, xTitleFigure = false, yTitleFigure = false;
  let casualtiesInBothTitles = false;
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const wordX = i < x.length ? x[i]! : 0;
    const wordY = j < y.length ? y[j]! : 0;
    const keyX = i < x.length ? wordX >>> TAG_BITS : Infinity;
    const keyY = j < y.length ? wordY >>> TAG_BITS : Infinity;
    if (keyX === keyY) {
      const kindX = wordX & KIND_MASK;
      const kindY = wordY & KIND_MASK;
      shared += Math.max(WEIGHT_BY_KIND[kindX]!, WEIGHT_BY_KIND[kindY]!);
      xAnyFigure ||= kindX === FIGURE;
      yAnyFigure ||= kindY === FIGURE;
      if ((wordX & TITLE_BIT) !== 0 && (wordY & TITLE_BIT) !== 0 && CASUALTY_KEYS.has(keyX)) casualtiesInBothTitles = true;
      i += 1;
      j += 1;
    } else if (keyX < keyY) {
      i += 1;
      const kind = wordX & KIND_MASK;
      if (kind === ALIAS) continue;
      const weight = WEIGHT_BY_KIND[kind]!;
      const title = (wordX & TITLE_BIT) !== 0;
      if (kind === FIGURE) {
        xAnyFigure = true;
        if (title) { xFigTitle += weight; xTitleFigure = true; } else xFigLead += weight;
      } else if (title) {
        xTitle += weight;
        xTitleName ||= kind === NAME;
      } else {
        xLead += weight;
      }
    } else {
      j += 1;
      const kind = wordY & KIND_MASK;
      if (kind === ALIAS) continue;
      const weight = WEIGHT_BY_KIND[kind]!;
      const title = (wordY & TITLE_BIT) !== 0;
      if (kind === FIGURE) {
        yAnyFigure = true;
        if (title) { yFigTitle += weight; yTitleFigure = true; } else yFigLead += weight;
      } else if (title) {
        yTitle += weight;
        yTitleName ||= kind === NAME;
      } else {
        yLead += weight;
      }
    }
  }
  const figures = xAnyFigure && yAnyFigure;
  let combined = shared + xTitle + yTitle;
  if (figures) combined += xFigTitle + yFigTitle;
  // A lead cannot disagree with a story that has none.
  if (b.hasLead) combined += xLead + (figures ? xFigLead : 0);
  if (a.hasLead) combined += yLead + (figures ? yFigLead : 0);
  if (combined === 0) return 0;
  let score = shared / combined;
  if (xTitleName && yTitleName) score *= CONTRADICTION_FACTOR;
  if (xTitleFigure && yTitleFigure && !casualtiesInBothTitles) score *= CONTRADICTION_FACTOR;
  if (daysApart(a.weekdays, b.weekdays)) score *= CONTRADICTION_FACTOR;
  return score;
}

export function isSameEvent(a: Fingerprint, b: Fingerprint): boolean {
  return similarity(a, b) >= SAME_EVENT_THRESHOLD;
}

/** Both stories date the event, and no day of one is within a day of a day of the other. */
function daysApart(x: number, y: number): boolean {
  if (x === 0 || y === 0) return false;
  const near = y | rotate(y, 1) | rotate(y, 6);
  return (x & near) === 0;
}

/** Rotates a 7-bit weekday mask, so Sunday sits next to Monday. */
function rotate(mask: number, by: number): number {
  return ((mask << by) | (mask >>> (7 - by))) & 0x7f;
}
