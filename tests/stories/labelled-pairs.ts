import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StoryText } from "../../src/stories/similarity/index.js";

/**
 * A labelled pair of stories. "tune" pairs chose the threshold; "test" pairs were held out from
 * that choice; "holdout" pairs were written later and scored once with the method frozen.
 */
export interface LabelledPair {
  split: "tune" | "test" | "holdout";
  same: boolean;
  note?: string;
  a: StoryText;
  b: StoryText;
}

export function loadLabelledPairs(): LabelledPair[] {
  const path = fileURLToPath(new URL("./fixtures/story-pairs.json", import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as LabelledPair[];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision and recall of "same event" at `threshold`, given each pair's similarity. */
export function scoreAt(scored: ReadonlyArray<{ same: boolean; similarity: number }>, threshold: number): Scores {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const { same, similarity } of scored) {
    const predicted = similarity >= threshold;
    if (predicted && same) truePositives += 1;
    else if (predicted) falsePositives += 1;
    else if (same) falseNegatives += 1;
  }
  const precision = truePositives / Math.max(1, truePositives + falsePositives);
  const recall = truePositives / Math.max(1, truePositives + falseNegatives);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
