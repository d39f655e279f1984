/** Encodings are peeled this many times at most: enough for double and triple encoding, bounded for hostile input. */
const MAX_DECODE_ROUNDS = 3;

/** Decodes every valid `%XX` byte (as Latin-1: the paths that matter are ASCII), leaving malformed escapes as they are. */
function percentDecode(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The form paths are compared in, so that evasions match what a server would
 * have served: no query string, percent-decoded (repeatedly), backslashes as
 * slashes, lower-case, repeated slashes collapsed, `.` and `..` segments
 * resolved, no trailing slash. `/ADMIN/`, `/%61dmin` and `//x/../admin` are
 * all `/admin`.
 */
export function normalizePath(raw: string): string {
  let path = raw.split(/[?#]/, 1)[0];
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const decoded = percentDecode(path);
    if (decoded === path) break;
    path = decoded;
  }
  const segments: string[] = [];
  // ASCII-only lower-casing, as SQL's LOWER() does for the pre-filter (and as servers route).
  const lowered = path.replace(/\\/g, '/').replace(/[A-Z]/g, (letter) => letter.toLowerCase());
  for (const segment of lowered.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/**
 * The configured sensitive paths. A request matches when its normalised path
 * is one of them or lies under one (`/.git/config` under `/.git`), but not a
 * mere prefix (`/administrator` is not `/admin`).
 */
export class SensitivePathMatcher {
  readonly paths: readonly string[];

  constructor(configured: readonly string[]) {
    this.paths = [...new Set(configured.map(normalizePath).filter((path) => path !== '/'))];
  }

  /** The sensitive path `raw` falls under, or null. */
  match(raw: string): string | null {
    const path = normalizePath(raw);
    return this.paths.find((sensitive) => path === sensitive || path.startsWith(`${sensitive}/`)) ?? null;
  }

  /**
   * Cheap SQL pre-filter terms: a raw path can only match if, lower-cased, it
   * contains one of these words or a `%` escape. Exact matching is `match()`.
   */
  get sqlWords(): string[] {
    return this.paths.map((path) => path.split('/').find((segment) => segment.length > 0) ?? path);
  }
}
