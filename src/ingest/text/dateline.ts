// A wire dateline ("MOSCOW (Reuters) -", "KYIV, Ukraine (AP) —", "LONDON, Nov 26 (Reuters) -",
// "PARIS, Nov 26 -") says where a story was filed, not what happened: summaries start after it.
// Patterns are anchored and every repetition is bounded, and they only see the first characters.

const DASH = "(?:-{1,2}|\u2013|\u2014|\u2015)";
/** An all-caps place (first word of 3+ letters), then optional ", Country" / ", Nov 26" parts, optional (Agency), a dash. */
const CAPS_PLACE = new RegExp(
  `^[A-Z\u00C0-\u00DE][A-Z\u00C0-\u00DE.'\u2019]{2,20}(?:[ -][A-Z\u00C0-\u00DE.'\u2019]{1,20}){0,3}(?:, ?[A-Za-z\u00C0-\u017F0-9.'\u2019 ]{1,30}){0,2} ?(?:\\([A-Za-z][A-Za-z.&' ]{0,30}\\) ?)?${DASH} ?`,
);
/** A mixed-case place is only a dateline when an agency in brackets follows it. */
const AGENCY_PLACE = new RegExp(
  `^(?:[A-Z][A-Za-z\u00C0-\u017F.'\u2019 -]{1,40}(?:, ?[A-Za-z\u00C0-\u017F0-9.'\u2019 ]{1,30}){0,2} ?)?\\([A-Za-z][A-Za-z.&' ]{1,30}\\) ?${DASH} ?`,
);

/** Removes a leading dateline; text without one comes back unchanged (trimmed at the start). */
export function stripDateline(text: string): string {
  const start = text.trimStart();
  const head = start.slice(0, 160);
  const m = CAPS_PLACE.exec(head) ?? AGENCY_PLACE.exec(head);
  if (m === null) return start;
  const rest = start.slice(m[0].length).trimStart();
  // A "dateline" that swallows the whole text was a headline-style sentence, not a dateline.
  return rest === "" ? start : rest;
}
