// Lines that are page furniture, not story. Two kinds: an "end" line closes the story (the wire
// credit, then "Next In …" link lists, "Our Standards", social links: nothing after it is the
// article), a "drop" line is removed where it stands (an advert label or a newsletter plug can
// sit between two paragraphs). Patterns are anchored at the start and see one short paragraph.

export type Boilerplate = "end" | "drop" | null;

/** Longer paragraphs are story text even when they start like furniture. */
const MAX_FURNITURE_CHARS = 400;

const END: RegExp[] = [
  // Wire credits: "(Reporting by …; Editing by …)", "Writing by …", "Additional reporting by …".
  /^\(?(?:(?:additional )?reporting|writing|editing|compiled|edited|produced) by\b/i,
  /^next in\b/i,
  /^others also read\b/i,
  /^our standards\b/i,
  /^follow us on\b/i,
  /^(?:related|recommended|more) (?:stories|articles|coverage|news|from)\b/i,
  /^(?:most (?:read|popular)|read next|you may also like|top stories)$/i,
  /^(?:©|copyright\b|\(c\) \d{4})/i,
];

const DROP: RegExp[] = [
  /^advertisement$/i,
  /^(?:skip|scroll) (?:advertisement|to (?:main )?content)$/i,
  /^sign up (?:for|to)\b.*\bnewsletter/i,
  /^(?:read more|see also|also read|related|watch|listen)\s*:/i,
  /^(?:share|share this (?:article|story)|listen to this article|\d+ min(?:ute)? read|hide caption|show caption)$/i,
];

export function classifyBoilerplate(paragraph: string): Boilerplate {
  const text = paragraph.trim();
  if (text.length > MAX_FURNITURE_CHARS) return null;
  if (END.some((re) => re.test(text))) return "end";
  if (DROP.some((re) => re.test(text))) return "drop";
  return null;
}
