import { pipeline } from "node:stream";
import type { Readable } from "node:stream";
import { createByteCap } from "./byte-cap.js";
import { createContentDecoders } from "./content-decoders.js";
import { FetchFailure } from "./fetch-failure.js";
import { formatBytes } from "./human-units.js";
import type { ResponseHead } from "./open-exchange.js";

/**
 * Reads and decodes a response body, stopping the download the moment either the bytes received
 * or the bytes decoded pass `maxBytes` (a small gzip bomb must not inflate into memory).
 */
export async function readBody(head: ResponseHead, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = `response larger than ${formatBytes(maxBytes)}: download aborted`;
  const declaredLength = Number(head.headers["content-length"]);
  if (declaredLength > maxBytes) {
    head.body.destroy();
    throw new FetchFailure("too-large", tooLarge);
  }

  const decoders = createContentDecoders(head.headers["content-encoding"], head.status);
  let decoded: Readable = head.body;
  if (decoders.length > 0) {
    const stages = [head.body, createByteCap(maxBytes, tooLarge), ...decoders] as const;
    // Errors surface through the loop below; pipeline only has to tear every stage down.
    pipeline(stages, () => {});
    decoded = decoders.at(-1) as Readable;
  }

  // The connection may already be closed while decoding is still under way: stop that too.
  const onAbort = (): void => {
    decoded.destroy(signal.reason instanceof Error ? signal.reason : undefined);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const decodedTooLarge = decoders.length > 0 ? `response larger than ${formatBytes(maxBytes)} after decompression: download aborted` : tooLarge;
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      total += chunk.length;
      // Leaving the loop destroys the stream, and through the pipeline the connection with it.
      if (total > maxBytes) throw new FetchFailure("too-large", decodedTooLarge);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
