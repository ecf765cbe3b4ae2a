import { decodeEntities } from "../text/entities.js";

// Feed values are read from the document as written: CDATA sections are kept verbatim, the text
// around them has its references decoded exactly once (XML's five, numeric ones and the HTML
// names feeds use without declaring, such as &nbsp;), comments are dropped, line breaks
// normalised and the result trimmed.

const CDATA_OPEN = "<![CDATA[";
const CDATA_CLOSE = "]]>";

/** A value as the mappers see it; undefined when nothing but whitespace is left. */
export function cleanValue(raw: string): string | undefined {
  // XML reads every line break as \n, before references are decoded (so &#13; stays a \r).
  let text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  if (text.includes("<!--")) text = stripComments(text);
  text = text.includes(CDATA_OPEN) ? unwrapCdata(text) : decode(text);
  text = text.trim();
  return text === "" ? undefined : text;
}

function decode(text: string): string {
  const amp = text.indexOf("&");
  return amp !== -1 && text.indexOf(";", amp) !== -1 ? decodeEntities(text) : text;
}

/** A comment left open (a cut body) runs to the end. */
function stripComments(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf("<!--"); open !== -1; open = text.indexOf("<!--", from)) {
    out += text.slice(from, open);
    const close = text.indexOf("-->", open + 4);
    if (close === -1) return out;
    from = close + 3;
  }
  return out + text.slice(from);
}

/** CDATA kept as is, the text between decoded; a section left open (a cut body) runs to the end. */
function unwrapCdata(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf(CDATA_OPEN); open !== -1; open = text.indexOf(CDATA_OPEN, from)) {
    out += decode(text.slice(from, open));
    const close = text.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    if (close === -1) return out + text.slice(open + CDATA_OPEN.length);
    out += text.slice(open + CDATA_OPEN.length, close);
    from = close + CDATA_CLOSE.length;
  }
  return out + decode(text.slice(from));
}

/** CDATA sections turned into escaped text: for xhtml content, which is kept as markup. */
export function escapeCdata(text: string): string {
  if (!text.includes(CDATA_OPEN)) return text;
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, inner: string) => inner.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
}
