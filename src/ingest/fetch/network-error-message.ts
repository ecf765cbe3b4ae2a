/** Node's socket errors in words a user can act on; the code stays visible for whoever debugs. */
const DESCRIPTIONS: Record<string, string> = {
  ECONNRESET: "connection reset by the server",
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "DNS lookup failed (temporary)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  EPIPE: "connection closed by the server",
  ERR_STREAM_PREMATURE_CLOSE: "connection closed before the response was complete",
  HPE_INVALID_CONSTANT: "the server's response is not valid HTTP",
  HPE_HEADER_OVERFLOW: "the server's response headers are too large",
  Z_DATA_ERROR: "the response body is corrupt and could not be decompressed",
  Z_BUF_ERROR: "the response body is truncated and could not be decompressed",
};

export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return `network error: ${String(error)}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return `network error: ${error.message}`;
  const description = DESCRIPTIONS[code];
  if (description) return `${description} (${code})`;
  if (code.startsWith("ERR_TLS") || code.includes("CERT") || code.startsWith("ERR_SSL")) {
    return `TLS error: ${error.message} (${code})`;
  }
  if (code.startsWith("ERR__ERROR") || code.startsWith("ERR_BROTLI")) {
    return `the response body is corrupt and could not be decompressed (${code})`;
  }
  return `${error.message} (${code})`;
}
