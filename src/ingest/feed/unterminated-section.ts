// A CDATA section or comment that never ends swallows the rest of the body, end tags included.

interface Section {
  at: number;
  opener: string;
  closer: string;
}

const KINDS = [
  { opener: "<![CDATA[", closer: "]]>" },
  { opener: "<!--", closer: "-->" },
];

/** The first CDATA section or comment after `from` that is never closed. Linear in the text. */
export function unterminatedSection(text: string, from: number): Section | null {
  // Next position of each opener, looked up again only once passed (no rescanning per section).
  const next = KINDS.map((kind) => text.indexOf(kind.opener, from));
  let at = from;
  for (;;) {
    let k = -1;
    for (let j = 0; j < KINDS.length; j++) {
      if (next[j] !== -1 && next[j]! < at) next[j] = text.indexOf(KINDS[j]!.opener, at);
      if (next[j] !== -1 && (k === -1 || next[j]! < next[k]!)) k = j;
    }
    if (k === -1) return null;
    const kind = KINDS[k]!;
    const start = next[k]!;
    const end = text.indexOf(kind.closer, start + kind.opener.length);
    if (end === -1) return { at: start, ...kind };
    at = end + kind.closer.length;
  }
}
