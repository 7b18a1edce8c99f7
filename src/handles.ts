/**
 * Handles come in many forms across exports and interaction logs: `@Name`,
 * `name`, `https://www.instagram.com/_u/name/`, `https://x.com/name?s=20`,
 * `https://www.linkedin.com/in/name`, fediverse `@user@host`. They all fold
 * to one join key: lower case, no `@`, no URL parts, no trailing slash.
 */
export interface HandleParts {
  /** As shown to users: original case, without `@` or URL parts. */
  display: string;
  /** Join key. */
  key: string;
}

const URL_LIKE = /^(?:https?:\/\/|www\.)/i;
// Path segments that are part of a profile URL's shape, not of the handle.
const PATH_NOISE = new Set(['_u', 'in', 'pub', 'u', 'user', 'users', 'profile', '@']);

export function parseHandle(raw: string): HandleParts | undefined {
  let s = raw.trim();
  if (!s) return undefined;
  if (URL_LIKE.test(s)) {
    const slug = profileSlug(s);
    if (!slug) return undefined;
    s = slug;
  }
  s = s.replace(/^@+/, '');
  if (!s) return undefined;
  return { display: s, key: s.toLowerCase() };
}

/** The handle part of a profile URL: the last meaningful path segment. */
function profileSlug(url: string): string | undefined {
  let rest = url.replace(/^https?:\/\//i, '');
  rest = rest.split(/[?#]/, 1)[0] ?? '';
  const segments = rest.split('/').slice(1).filter((seg) => seg && !PATH_NOISE.has(seg.toLowerCase()));
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function handleKey(raw: string): string | undefined {
  return parseHandle(raw)?.key;
}
