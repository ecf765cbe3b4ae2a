// One spelling per article URL, so the same story shared with different tracking tags is stored
// once. WHATWG URL already lower-cases scheme and host and drops default ports; we remove the
// fragment and the parameters that only say who clicked where.

/** Exact parameter names (lower case) that carry campaign or click tracking, never content. */
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "igsh", "_ga", "_gl",
  "ref_src", "ref_url", "cmpid", "ocid", "yclid", "twclid", "ttclid", "li_fat_id", "mkt_tok", "_hsenc", "_hsmi", "hsctatracking",
  "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wt.mc_id", "wt.mc_ev", "s_cid", "icid", "smid", "ito", "ns_mchannel",
  "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "sr_share", "at_medium", "at_campaign", "at_custom1", "at_custom2",
  "at_custom3", "at_custom4", "xtor", "spm",
]);
/** Prefixes that are tracking whatever follows (utm_source, utm_medium, pk_campaign…). */
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "matomo_", "hmb_", "stm_"];

/**
 * The canonical form of an http(s) URL: absolute (resolved against `base`), lower-case scheme
 * and host, no default port, no fragment, tracking parameters removed and the rest kept in their
 * original order. Null for anything that is not http(s) or does not parse.
 */
export function canonicalUrl(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  parsed.hash = "";
  {
    // Filter the raw pairs instead of rebuilding through URLSearchParams, which would re-encode
    // every value ("%20" → "+") and change URLs that servers treat as different.
    const kept = parsed.search
      .slice(1)
      .split("&")
      .filter((pair) => pair !== "" && !isTracking(pair));
    parsed.search = kept.length === 0 ? "" : `?${kept.join("&")}`;
  }
  return parsed.href;
}

function isTracking(pair: string): boolean {
  const eq = pair.indexOf("=");
  let name = eq === -1 ? pair : pair.slice(0, eq);
  try {
    name = decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    // A malformed escape is not a tracking name we know; keep the pair as it is.
  }
  name = name.toLowerCase();
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}
