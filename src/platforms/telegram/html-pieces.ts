import { escapeHtml } from "../../delivery/render/escape-html.js";
import { httpUrl } from "../../delivery/render/safe-link.js";

/** Telegram's limit on a message's text once the markup is parsed away. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** A run of raw text and the markup around it; escaping happens only in `piecesToHtml`. */
export interface Piece {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  code?: boolean;
  href?: string;
}

const ELLIPSIS = "…";

function pieceHtml(piece: Piece): string {
  const text = escapeHtml(piece.text);
  // Telegram allows no entity inside <code>, so code stands alone.
  if (piece.code) return `<code>${text}</code>`;
  const link = piece.href === undefined ? undefined : httpUrl(piece.href);
  let html = link === undefined ? text : `<a href="${escapeHtml(link)}">${text}</a>`;
  if (piece.underline) html = `<u>${html}</u>`;
  if (piece.italic) html = `<i>${html}</i>`;
  if (piece.bold) html = `<b>${html}</b>`;
  return html;
}

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/**
 * Pieces as Telegram HTML whose visible text fits `limit` (counted in UTF-16 units, which is never
 * less than what Telegram counts). Over the limit the text is cut piece by piece before escaping,
 * so a cut can never split a tag or an entity, and ends with "…".
 */
export function piecesToHtml(pieces: readonly Piece[], limit = TELEGRAM_MESSAGE_LIMIT): string {
  const total = pieces.reduce((n, p) => n + p.text.length, 0);
  if (total <= limit) return pieces.filter((p) => p.text !== "").map(pieceHtml).join("");
  let room = limit - ELLIPSIS.length;
  const kept: Piece[] = [];
  for (const piece of pieces) {
    if (room <= 0) break;
    const text = piece.text.length <= room ? piece.text : cut(piece.text, room);
    room -= text.length;
    if (text !== "") kept.push({ ...piece, text });
  }
  kept.push({ text: ELLIPSIS });
  return kept.map(pieceHtml).join("");
}
