import { Buffer, isAscii, isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export interface DecodedBody {
  text: string;
  /** The encoding actually used, for warnings and tests. */
  encoding: string;
  /** Set when the declared (or default) encoding was wrong and we guessed. */
  warning?: string;
}

const lenientUtf8 = new TextDecoder("utf-8");

/** Native validation plus Buffer decoding: several times faster than a fatal TextDecoder. */
function utf8(body: Uint8Array): string {
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
}

/**
 * Turns fetched bytes into text before any XML parsing. Order: a BOM wins; then the HTTP charset;
 * then the XML declaration; then UTF-8. A declared UTF-8 (or nothing) that is not valid UTF-8 is
 * read as windows-1252, the usual truth behind undeclared latin-1 feeds.
 */
export function decodeBody(body: Uint8Array | string, contentType?: string): DecodedBody {
  if (typeof body === "string") {
    return { text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, encoding: "string" };
  }
  const bom = sniffBom(body);
  if (bom !== null) return { text: iconv.decode(body.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const utf16 = sniffUtf16(body);
  if (utf16 !== null) return { text: iconv.decode(body, utf16), encoding: utf16 };

  const declared = charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(body);
  const label = declared === null ? "utf-8" : normaliseLabel(declared);
  // A file declaring UTF-16 without a BOM or zero bytes is really 8-bit (usually UTF-8).
  if (label === "utf-8" || label.startsWith("utf-16") || !iconv.encodingExists(label)) return decodeUtf8OrLatin(body, declared);
  if (label === "windows-1252" && isMultibyteUtf8(body)) return { text: utf8(body), encoding: "utf-8" };
  return { text: iconv.decode(body, label), encoding: label };
}

function decodeUtf8OrLatin(body: Uint8Array, declared: string | null): DecodedBody {
  if (isUtf8(body)) return { text: utf8(body), encoding: "utf-8" };
  const said = declared === null ? "declares no encoding" : `declares ${declared}`;
  return { text: iconv.decode(body, "windows-1252"), encoding: "windows-1252", warning: `body ${said} but is not valid UTF-8; read as windows-1252` };
}

/** Latin-1 labelled bytes that are valid UTF-8 with multi-byte sequences are UTF-8 (mislabelled). */
function isMultibyteUtf8(body: Uint8Array): boolean {
  return !isAscii(body) && isUtf8(body);
}

function sniffBom(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

/** UTF-16 without a BOM still shows itself: `<` next to a zero byte. */
function sniffUtf16(b: Uint8Array): string | null {
  if (b.length < 4) return null;
  if (b[0] === 0x3c && b[1] === 0 && b[2] !== 0 && b[3] === 0) return "utf-16le";
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] !== 0) return "utf-16be";
  return null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  if (contentType === undefined) return null;
  const m = /;\s*charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m?.[1] ?? null;
}

function charsetFromXmlDeclaration(body: Uint8Array): string | null {
  // The declaration is ASCII by definition, and near the start (after stray whitespace).
  const head = lenientUtf8.decode(body.subarray(0, 512));
  const m = /<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return m?.[1] ?? null;
}

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === "utf8" || l === "utf-8" || l === "unicode-1-1-utf-8") return "utf-8";
  if (l === "utf-16" || l === "utf16" || l === "unicode") return "utf-16";
  // As browsers do: ISO-8859-1 and ASCII labels mean windows-1252, which only adds printable
  // characters in 0x80–0x9F where latin-1 has unused control codes.
  if (/^(?:iso[-_ ]?8859-1|iso8859-1|latin-?1|l1|us-ascii|ascii|cp819|ibm819|iso-ir-100)$/.test(l)) return "windows-1252";
  return l;
}
