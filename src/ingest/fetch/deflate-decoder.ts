import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import { createInflate, createInflateRaw } from "node:zlib";
import type { Inflate, InflateRaw } from "node:zlib";

/**
 * "deflate" should mean zlib-wrapped data (RFC 9110 §8.4.1.2), but some servers send raw deflate.
 * The first two bytes tell them apart, so they are held back until both have arrived.
 */
export function createDeflateDecoder(): Transform {
  return new DeflateDecoder();
}

export function hasZlibHeader(head: Uint8Array): boolean {
  const cmf = head[0] ?? 0;
  const flg = head[1] ?? 0;
  const deflateWithValidWindow = (cmf & 0x0f) === 8 && cmf >> 4 <= 7;
  return deflateWithValidWindow && ((cmf << 8) | flg) % 31 === 0;
}

class DeflateDecoder extends Transform {
  #inflate: Inflate | InflateRaw | null = null;
  #held: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.#inflate) {
      this.#inflate.write(chunk, () => done());
      return;
    }
    this.#held.push(chunk);
    const head = Buffer.concat(this.#held);
    if (head.length < 2) {
      done();
      return;
    }
    this.#held = [];
    this.#start(head).write(head, () => done());
  }

  override _flush(done: TransformCallback): void {
    const head = Buffer.concat(this.#held);
    if (!this.#inflate && head.length === 0) {
      done();
      return;
    }
    const inflate = this.#inflate ?? this.#start(head);
    if (head.length > 0) inflate.write(head);
    inflate.once("end", () => done());
    inflate.end();
  }

  override _destroy(error: Error | null, done: (error: Error | null) => void): void {
    this.#inflate?.destroy();
    done(error);
  }

  #start(head: Buffer): Inflate | InflateRaw {
    const inflate = hasZlibHeader(head) ? createInflate() : createInflateRaw();
    inflate.on("data", (chunk: Buffer) => this.push(chunk));
    inflate.on("error", (error) => this.destroy(error));
    this.#inflate = inflate;
    return inflate;
  }
}
