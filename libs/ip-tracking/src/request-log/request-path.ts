/** Encodings are peeled this many times at most: enough for double and triple encoding, bounded for hostile input. */
const MAX_DECODE_ROUNDS = 3;

/** The longest path root stored with a request-log row (`request_logs.path_root`). */
export const PATH_ROOT_LENGTH = 64;

/** Decodes every valid `%XX` byte (as Latin-1: the paths that matter are ASCII), leaving malformed escapes as they are. */
function percentDecode(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** ASCII-only lower-casing, as SQL's LOWER() does and as servers route. */
function lowerAscii(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]/g, (letter) => letter.toLowerCase()) : text;
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
  for (const segment of lowerAscii(path.replace(/\\/g, '/')).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/**
 * What can make a raw path normalise to something other than its own
 * lower-cased segments: percent escapes, backslashes, a fragment, and empty or
 * dot segments.
 */
const IRREGULAR = /[%\\#]|\/[/.]/;

/** Control characters (a decoded `%00` among them, which PostgreSQL refuses in text) never reach a stored root. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

/**
 * The root of a path that is already normalised (see normalizePath): its
 * first segment without control characters, at most PATH_ROOT_LENGTH
 * characters. `pathRoot` ends here too, so a configured path and a request to
 * it always have the same root.
 */
export function rootOfNormalized(normalized: string): string {
  return normalized.split('/', 2)[1].replace(CONTROL, '').slice(0, PATH_ROOT_LENGTH);
}

/**
 * The first segment of the normalised path (`admin` for `/ADMIN/users?x=1`
 * and for `/%61dmin`, `''` for `/`), without control characters, at most
 * PATH_ROOT_LENGTH characters. Stored with each request-log row, so the
 * anomaly analysis can tell which requests may have gone to a sensitive path
 * by comparing this short column with the configured paths' roots, whatever
 * the list is, instead of normalising every path of the window in SQL. Most
 * paths take the fast way: one that starts with `/` and holds nothing
 * IRREGULAR normalises to its own lower-cased segments.
 */
export function pathRoot(raw: string): string {
  if (raw.startsWith('/') && !IRREGULAR.test(raw)) {
    const end = raw.slice(1).search(/[/?]/);
    return rootOfNormalized(`/${lowerAscii(end === -1 ? raw.slice(1) : raw.slice(1, end + 1))}`);
  }
  return rootOfNormalized(normalizePath(raw));
}
