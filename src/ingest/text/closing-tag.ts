const closers = new Map<string, RegExp>();

/** A global, case-insensitive pattern for `</name…>`, compiled once per element name. */
export function closingTagPattern(name: string): RegExp {
  let re = closers.get(name);
  if (re === undefined) {
    re = new RegExp(`</${name}[\\s/>]`, "gi");
    closers.set(name, re);
  }
  return re;
}
