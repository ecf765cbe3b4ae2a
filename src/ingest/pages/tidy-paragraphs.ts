import { isPhotoCaption } from "./photo-caption.js";
import { classifyBoilerplate } from "./story-boilerplate.js";

// The paragraphs of an article as a reader would list them: photo captions, furniture lines and
// everything after the credit line removed, repeats collapsed, and what pages put before the
// first real paragraph (a dateline split over three lines, "Video Ad Feedback", breadcrumbs, the
// headline again) skipped. Order matters: captions go before the lead is looked for, so a
// caption is never taken for the lead.

export interface TidyParagraphs {
  paragraphs: string[];
  captionsDropped: number;
  /** True when an "end" line (credit, "Next In", …) cut the text short. */
  endFound: boolean;
}

/** Leading clutter is only skipped while it stays a small part of the text. */
const MAX_SKIPPED_SHARE = 1 / 3;

export function tidyParagraphs(input: string[]): TidyParagraphs {
  const kept: string[] = [];
  let captionsDropped = 0;
  let endFound = false;
  let storyStarted = false;
  for (let i = 0; i < input.length; i++) {
    const paragraph = input[i]!.replace(/\s+/g, " ").trim();
    if (paragraph === "") continue;
    const furniture = classifyBoilerplate(paragraph);
    // An "end" line above the story (a share bar, a related-links box) ends nothing yet.
    if (furniture === "end" && storyStarted) {
      endFound = true;
      break;
    }
    if (furniture !== null) continue;
    // CNN-style galleries: the caption is followed by a "Hide Caption" button label.
    const beforeHideCaption = /^hide caption$/i.test((input[i + 1] ?? "").trim());
    if (isPhotoCaption(paragraph) || beforeHideCaption) {
      captionsDropped++;
      continue;
    }
    if (kept.at(-1) === paragraph) continue;
    kept.push(paragraph);
    storyStarted ||= isProse(paragraph);
  }
  return { paragraphs: skipLeadingClutter(kept), captionsDropped, endFound };
}

function skipLeadingClutter(paragraphs: string[]): string[] {
  const lead = paragraphs.findIndex(isProse);
  if (lead <= 0) return paragraphs;
  const total = paragraphs.reduce((sum, p) => sum + p.length, 0);
  const skipped = paragraphs.slice(0, lead).reduce((sum, p) => sum + p.length, 0);
  return skipped <= total * MAX_SKIPPED_SHARE ? paragraphs.slice(lead) : paragraphs;
}

/** A paragraph of running text: long enough and made of sentences. */
export function isProse(paragraph: string): boolean {
  if (paragraph.length < 20) return false;
  if (/[.!?\u3002\uff01\uff1f][)"'\u201d\u2019\u00bb\u300d]?$/u.test(paragraph)) return true;
  return paragraph.length >= 100 && /[.!?\u3002\uff01\uff1f]\s/u.test(paragraph);
}
