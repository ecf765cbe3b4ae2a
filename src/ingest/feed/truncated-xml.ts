// A truncated download (or a server that died mid-response) still holds readable items before
// the cut. We close what is still open (a CDATA section, a comment, the elements on the stack)
// so the tolerant parser can read them; an item cut before its title closed is dropped.

const ITEM_START = /<(?:[\w.-]+:)?(?:item|entry)[\s>]/gi;
const ITEM_END = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi;
const TITLE_END = /<\/(?:[\w.-]+:)?title\s*>/i;

/** True when the root element's end tag is present (searched from the end, case-insensitively). */
export function isRootClosed(xml: string, rootName: string): boolean {
  const needle = `</${rootName.toLowerCase()}`;
  const tail = xml.slice(-4096).toLowerCase();
  return tail.includes(needle) || (xml.length > 4096 && xml.toLowerCase().includes(needle));
}

/** The document closed again after its cut, without a trailing item whose title never ended. */
export function closeTruncated(xml: string): string {
  const lastStart = lastMatch(ITEM_START, xml);
  const lastEnd = lastMatch(ITEM_END, xml);
  let cut = xml;
  if (lastStart !== -1 && lastStart > lastEnd && !TITLE_END.test(xml.slice(lastStart))) cut = xml.slice(0, lastStart);
  // A tag cut in half ("<img src=\"ht") cannot be closed sensibly: drop it.
  const lt = cut.lastIndexOf("<");
  if (lt > cut.lastIndexOf(">")) cut = cut.slice(0, lt);
  return cut + closersFor(cut);
}

/** Every complete `<item>…</item>` / `<entry>…</entry>` chunk, for item-by-item salvage. */
export function itemChunks(xml: string): { header: string; chunks: string[] } {
  const chunks: string[] = [];
  ITEM_START.lastIndex = 0;
  const first = ITEM_START.exec(xml);
  if (first === null) return { header: xml, chunks };
  let from = first.index;
  ITEM_END.lastIndex = from;
  for (let end = ITEM_END.exec(xml); end !== null; end = ITEM_END.exec(xml)) {
    const stop = end.index + end[0].length;
    chunks.push(xml.slice(from, stop));
    ITEM_START.lastIndex = stop;
    const next = ITEM_START.exec(xml);
    if (next === null) break;
    from = next.index;
    ITEM_END.lastIndex = from;
  }
  return { header: xml.slice(0, first.index), chunks };
}

/** The text that closes whatever is open at the end of `cut`: CDATA, comment, elements. */
export function closersFor(cut: string): string {
  const stack: string[] = [];
  let i = 0;
  while (i < cut.length) {
    const lt = cut.indexOf("<", i);
    if (lt === -1) break;
    if (cut.startsWith("<![CDATA[", lt)) {
      const end = cut.indexOf("]]>", lt + 9);
      if (end === -1) return `]]>${closeAll(stack)}`;
      i = end + 3;
    } else if (cut.startsWith("<!--", lt)) {
      const end = cut.indexOf("-->", lt + 4);
      if (end === -1) return `-->${closeAll(stack)}`;
      i = end + 3;
    } else {
      const gt = cut.indexOf(">", lt + 1);
      if (gt === -1) break; // closeTruncated already dropped a tag cut in half

      const first = cut[lt + 1];
      if (first === "/") {
        const name = tagName(cut, lt + 2);
        const at = name === undefined ? -1 : stack.lastIndexOf(name);
        if (at !== -1) stack.length = at;
      } else if (first !== "?" && first !== "!" && cut[gt - 1] !== "/") {
        const name = tagName(cut, lt + 1);
        if (name !== undefined) stack.push(name);
      }
      i = gt + 1;
    }
  }
  return closeAll(stack);
}

function tagName(text: string, from: number): string | undefined {
  return /^[A-Za-z_][\w.:-]*/.exec(text.slice(from, from + 80))?.[0];
}

function closeAll(stack: string[]): string {
  let out = "";
  for (let k = stack.length - 1; k >= 0; k--) out += `</${stack[k]}>`;
  return out;
}

function lastMatch(re: RegExp, text: string): number {
  let last = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) last = m.index;
  return last;
}
