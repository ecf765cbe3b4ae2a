import { featureKey, featureKindBits, inTitle, KIND_BITS, type Fingerprint } from "./fingerprint.js";

/** Weight of a feature by kind bits (term, name, figure): what identifies an event counts more. */
export const FEATURE_WEIGHTS: readonly number[] = [1, 2, 2, 2];

export const TUNING = { titleWeight: 1, nameConflict: 0.5, figureConflict: 0.7 };

/**
 * Stories at or above this similarity report the same event. Chosen on the "tune" half of
 * tests/stories/fixtures/story-pairs.json; clustering.test.ts prints the scores on both halves.
 */
export const SAME_EVENT_THRESHOLD = 0.3;

export function similarity(a: Fingerprint, b: Fingerprint): number {
  const x = a.features;
  const y = b.features;
  let i = 0;
  let j = 0;
  let shared = 0;
  let onlyOne = 0;
  let figuresOnlyX = 0;
  let figuresOnlyY = 0;
  let anyFigureX = false;
  let anyFigureY = false;
  let titleNameOnlyX = false;
  let titleNameOnlyY = false;
  let titleFigureOnlyX = false;
  let titleFigureOnlyY = false;
  while (i < x.length || j < y.length) {
    const keyX = i < x.length ? featureKey(x[i]!) : Infinity;
    const keyY = j < y.length ? featureKey(y[j]!) : Infinity;
    if (keyX === keyY) {
      anyFigureX ||= isFigure(x[i]!);
      anyFigureY ||= isFigure(y[j]!);
      shared += Math.max(weightOf(x[i++]!), weightOf(y[j++]!));
    } else if (keyX < keyY) {
      const word = x[i++]!;
      titleNameOnlyX ||= inTitle(word) && isName(word);
      titleFigureOnlyX ||= inTitle(word) && isFigure(word);
      if (isFigure(word)) { anyFigureX = true; figuresOnlyX += weightOf(word); } else if (!isAlias(word)) onlyOne += weightOf(word);
    } else {
      const word = y[j++]!;
      titleNameOnlyY ||= inTitle(word) && isName(word);
      titleFigureOnlyY ||= inTitle(word) && isFigure(word);
      if (isFigure(word)) { anyFigureY = true; figuresOnlyY += weightOf(word); } else if (!isAlias(word)) onlyOne += weightOf(word);
    }
  }
  if (anyFigureX && anyFigureY) onlyOne += figuresOnlyX + figuresOnlyY;
  const combined = shared + onlyOne;
  if (combined === 0) return 0;
  let score = shared / combined;
  if (titleNameOnlyX && titleNameOnlyY) score *= TUNING.nameConflict;
  if (titleFigureOnlyX && titleFigureOnlyY) score *= TUNING.figureConflict;
  return score;
}

export function isSameEvent(a: Fingerprint, b: Fingerprint): boolean {
  return similarity(a, b) >= SAME_EVENT_THRESHOLD;
}

function weightOf(word: number): number {
  return FEATURE_WEIGHTS[featureKindBits(word)]! * (inTitle(word) ? TUNING.titleWeight : 1);
}

function isFigure(word: number): boolean {
  return featureKindBits(word) === KIND_BITS.figure;
}

function isName(word: number): boolean {
  return featureKindBits(word) === KIND_BITS.name;
}

function isAlias(word: number): boolean {
  return featureKindBits(word) === KIND_BITS.alias;
}
