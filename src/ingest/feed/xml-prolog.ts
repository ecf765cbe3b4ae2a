// The prolog is everything before the root element: XML declarations (sometimes doubled or
// malformed), comments, whitespace and a DOCTYPE. We read it ourselves so that the XML parser
// only ever sees the root element: no DOCTYPE reaches it, hence no entity can be expanded and no
// external DTD can be fetched.

export interface XmlProlog {
  /** Index of the root element's `<`, or -1 when the text has no element at all. */
  rootStart: number;
  /** Lower-cased qualified name of the root element ("rss", "feed", "rdf:rdf", "html"). */
  rootName: string;
  doctype: { name: string; declaresEntities: boolean } | null;
}

/** Linear scan; gives up after the prolog, so a 5 MB body costs only its first elements. */
export function readProlog(text: string): XmlProlog {
  let doctype: XmlProlog["doctype"] = null;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt === -1) break;
    if (text.startsWith("<?", lt)) {
      const end = text.indexOf(">", lt + 2);
      if (end === -1) break;
      i = end + 1;
    } else if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end === -1) break;
      i = end + 3;
    } else if (/^<!doctype/i.test(text.slice(lt, lt + 9))) {
      const end = endOfDoctype(text, lt + 9);
      const body = text.slice(lt + 9, end === -1 ? text.length : end);
      doctype = { name: /^\s*([^\s[>]*)/.exec(body)?.[1]?.toLowerCase() ?? "", declaresEntities: /<!ENTITY/i.test(body) };
      if (end === -1) break;
      i = end + 1;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, lt + 64));
      if (m !== null) return { rootStart: lt, rootName: m[1]!.toLowerCase(), doctype };
      i = lt + 1;
    }
  }
  return { rootStart: -1, rootName: "", doctype };
}

/** Finds the `>` closing a DOCTYPE, skipping quoted strings and the `[...]` internal subset. */
function endOfDoctype(text: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === ">" && depth === 0) return i;
  }
  return -1;
}
