// A truncated download (or a server that died mid-response) still holds readable items before
// the cut; read-xml.ts keeps them. When the root element is still open at the end, the body was
// cut — unless it ends with the root's end tag, which an unclosed comment or CDATA swallowed.

/** True when the body ends with the root element's end tag (case-insensitively). */
export function endsWithRootEndTag(xml: string, rootName: string): boolean {
  const tail = xml.slice(-(rootName.length + 64)).trimEnd().toLowerCase();
  return /<\/\s*([^\s>]+)\s*>$/.exec(tail)?.[1] === rootName.toLowerCase();
}
