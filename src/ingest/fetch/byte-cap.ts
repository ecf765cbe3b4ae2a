import { Transform } from "node:stream";
import { FetchFailure } from "./fetch-failure.js";

/** Passes bytes through until more than `maxBytes` have gone by, then fails with a too-large error. */
export function createByteCap(maxBytes: number, message: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new FetchFailure("too-large", message));
      else done(null, chunk);
    },
  });
}
