// One matcher for both the REST router and `failNext`, so a test can target a failure with the
// same "/channels/:channelId/messages" spelling the routes use.
export type PathParams = Record<string, string>;
export type PathMatcher = (path: string) => PathParams | null;

export function compilePathPattern(pattern: string | RegExp): PathMatcher {
  if (pattern instanceof RegExp) {
    return (path) => {
      const match = pattern.exec(path);
      return match ? { ...match.groups } : null;
    };
  }
  const expected = splitPath(pattern);
  return (path) => {
    const actual = splitPath(path);
    if (actual.length !== expected.length) return null;
    const params: PathParams = {};
    for (const [index, segment] of expected.entries()) {
      const value = actual[index] as string;
      if (segment === "*") continue;
      if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(value);
      else if (segment !== value) return null;
    }
    return params;
  };
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment.length > 0);
}
