// A photo caption sits among the paragraphs of a saved or extracted page and reads like news
// ("Rescue workers search the rubble in Kyiv, Ukraine, November 26, 2025."), so it is told apart
// by how it ends: an agency or photographer credit. Body paragraphs end in sentence punctuation,
// and the credit forms below ("REUTERS/Jane Doe", "(AP Photo/John Smith)", ". AFP") do not occur
// at the end of one. All patterns look only at the paragraph's last characters.

/** Captions are short; a long paragraph ending in "AFP" is a story quoting the agency. */
const MAX_CAPTION_CHARS = 600;
/** Enough for "…November 26, 2025. Jane Doe/Pool via REUTERS/File Photo". */
const TAIL_CHARS = 120;

/** A credited name: up to four capitalised words ("Jane Doe", "JANE DOE", "Ana de la Cruz", "Pool"). */
const WORD = "\\p{Lu}[\\p{L}\\p{M}.'\u2019-]{0,30}";
const NAME = `${WORD}(?: (?:(?:de|da|del|della|der|di|du|la|le|van|von|bin|al|el) ){0,3}${WORD}){0,3}`;
const AGENCIES = "AFP|AP|EPA(?:-EFE)?|REUTERS|Reuters|Xinhua|Anadolu|Getty Images|Bloomberg|Shutterstock|Alamy|PA(?: Wire)?";

const CREDIT_AT_END: RegExp[] = [
  // "REUTERS/Jane Doe", "REUTERS/Jane Doe/File Photo", "…/Pool via REUTERS", "via Getty Images".
  new RegExp(`\\bREUTERS(?:/${NAME}){1,2}$`, "u"),
  new RegExp(`\\bvia (?:${AGENCIES})(?:/${NAME})?$`, "u"),
  // "(AP Photo/John Smith)", "(Photo by Jane Doe/Getty Images)", "(Photo: AFP)".
  /\((?:AP Photo|Photo|Photograph|Picture|Image|Credit)\b[^()]{0,80}\)\.?$/u,
  // "Photo: AP", "Photograph: Jane Doe/AFP", "Credit: Jane Doe".
  new RegExp(`\\b(?:Photo|Photograph|Picture|Image|Credit|Foto)s?:\\s*${NAME}(?:/${NAME})?$`, "u"),
  // "Jane Doe/AFP", "Jane Doe/Getty Images", "EPA-EFE/JANE DOE".
  new RegExp(`(?:\\p{L}/(?:${AGENCIES})|\\b(?:${AGENCIES})/${NAME})$`, "u"),
  // A bare agency after the caption's last sentence: "…on Wednesday. AFP", "… 2025. Getty Images".
  new RegExp(`[.!?]\\s+(?:${AGENCIES})$`, "u"),
];

export function isPhotoCaption(paragraph: string): boolean {
  // A trailing full stop is kept: body sentences end in one, credits almost never do.
  const text = paragraph.trim();
  if (text === "" || text.length > MAX_CAPTION_CHARS) return false;
  const tail = text.slice(-TAIL_CHARS);
  return CREDIT_AT_END.some((re) => re.test(tail));
}
