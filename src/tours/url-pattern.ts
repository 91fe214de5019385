/**
 * Same-site path patterns of the tour format: a path starting with `/`, where `*` matches
 * any run of characters (including `/`). Query and hash of the page are ignored; a
 * trailing slash on the page is ignored too (`/tra-cuu/` is `/tra-cuu`). Pure.
 */

/**
 * Whether a page path matches a pattern.
 *
 * @example matchesPath('/thu-tuc/khai-sinh*', '/thu-tuc/khai-sinh/nop') // true
 */
export function matchesPath(pattern: string, path: string): boolean {
  const page = normalisePath(path);
  const parts = pattern.split('*').map(escapeRegExp);
  return new RegExp(`^${parts.join('.*')}$`).test(page);
}

/**
 * Where a pattern can be visited: the part before its first `*` (trailing slash removed),
 * or `null` when that is not a usable path.
 *
 * @example startPathOf('/thu-tuc/khai-sinh*') // '/thu-tuc/khai-sinh'
 */
export function startPathOf(pattern: string): string | null {
  const head = pattern.split('*')[0] ?? '';
  if (!head.startsWith('/')) return null;
  return normalisePath(head);
}

/** Whether a string is a pattern the format accepts, else why not. */
export function patternProblem(pattern: unknown): string | null {
  if (typeof pattern !== 'string' || !pattern) return 'must be a path pattern such as /thu-tuc/khai-sinh*';
  if (!pattern.startsWith('/') || pattern.startsWith('//')) return 'must be a same-site path starting with a single /';
  if (/[?#\s]/.test(pattern)) return 'must be a path only (no query, hash or spaces)';
  return null;
}

/** `/a/b/` → `/a/b`; `` → `/`. */
export function normalisePath(path: string): string {
  const trimmed = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return trimmed || '/';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
