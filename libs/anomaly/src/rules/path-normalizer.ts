import { normalizePath, rootOfNormalized } from '@nexus/ip-tracking';

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
   * The roots of the configured paths, as request logs store them
   * (`request_logs.path_root`): a request can only match when its path's root
   * is one of these. The SQL pre-filter; exact matching is `match()`.
   */
  get roots(): string[] {
    // The paths are normalised already: normalising them again could change them (`/admin%3Fx` is `/admin?x`).
    return [...new Set(this.paths.map(rootOfNormalized))];
  }
}
