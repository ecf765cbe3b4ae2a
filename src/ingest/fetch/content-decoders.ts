import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip } from "node:zlib";
import { createDeflateDecoder } from "./deflate-decoder.js";
import { FetchFailure } from "./fetch-failure.js";

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createDeflateDecoder,
  br: createBrotliDecompress,
};

/**
 * The transforms that undo a Content-Encoding header, in the order to apply them: codings are
 * listed in the order the server applied them, so they are undone last to first.
 */
export function createContentDecoders(contentEncoding: string | undefined, httpStatus: number): Transform[] {
  const codings = (contentEncoding ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  const unsupported = codings.find((coding) => !(coding in DECODERS));
  if (unsupported !== undefined) {
    throw new FetchFailure("http", `the server sent an unsupported Content-Encoding: ${unsupported.slice(0, 40)}`, httpStatus);
  }
  return codings.reverse().map((coding) => (DECODERS[coding] as () => Transform)());
}
