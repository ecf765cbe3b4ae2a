import type { Api } from "grammy";

/** The AbortSignal type grammY declares (from the `abort-controller` shim package). */
export type GrammySignal = NonNullable<Parameters<Api["getMe"]>[0]>;

// Node's AbortSignal is what grammY uses at run time; only the declared types differ.
export const toGrammySignal = (signal: AbortSignal): GrammySignal => signal as unknown as GrammySignal;
export const fromGrammySignal = (signal: GrammySignal): AbortSignal => signal as unknown as AbortSignal;
