/**
 * Small, strict parsers for environment variables. Each returns the typed value
 * or throws an Error whose message says what the variable expects; the loader
 * prefixes the variable name.
 */
export type EnvParser<T> = (raw: string) => T;

export const str: EnvParser<string> = (raw) => raw;

export function int(min: number, max: number): EnvParser<number> {
  return (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`expected an integer between ${min} and ${max}, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) throw new Error(`expected an integer between ${min} and ${max}, got ${value}`);
    return value;
  };
}

export const bool: EnvParser<boolean> = (raw) => {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  throw new Error(`expected true or false, got "${raw}"`);
};

export function oneOf<T extends string>(...values: readonly T[]): EnvParser<T> {
  return (raw) => {
    const v = raw.trim() as T;
    if (!values.includes(v)) throw new Error(`expected one of ${values.join(', ')}, got "${raw}"`);
    return v;
  };
}

export function list(separator = ','): EnvParser<string[]> {
  return (raw) =>
    raw
      .split(separator)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
}

/** Durations like `900`, `900s`, `15m`, `12h`, `30d` → seconds. */
export const durationSeconds: EnvParser<number> = (raw) => {
  const m = /^(\d+)\s*(s|m|h|d)?$/.exec(raw.trim());
  if (!m) throw new Error(`expected a duration such as 900, 15m, 12h or 30d, got "${raw}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = { s: 1, m: 60, h: 3600, d: 86400 }[unit as 's' | 'm' | 'h' | 'd'];
  if (n <= 0) throw new Error(`expected a positive duration, got "${raw}"`);
  return n * factor;
};

/** Byte sizes like `1048576`, `512kb`, `1mb`. */
export const bytes: EnvParser<number> = (raw) => {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
  if (!m) throw new Error(`expected a size such as 1048576, 512kb or 1mb, got "${raw}"`);
  const factor = { b: 1, kb: 1024, mb: 1024 * 1024 }[(m[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(m[1]) * factor;
};

/** Milliseconds: `1000`, `500ms`, `2s`. */
export const durationMs: EnvParser<number> = (raw) => {
  const m = /^(\d+)\s*(ms|s)?$/.exec(raw.trim());
  if (!m || Number(m[1]) <= 0) throw new Error(`expected a positive duration such as 1000, 500ms or 2s, got "${raw}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
};

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** `LIMIT/WINDOW`, e.g. `300/60s`, `5/1m`. */
export const rate: EnvParser<RateLimit> = (raw) => {
  const [limit, window, ...rest] = raw.trim().split('/');
  if (rest.length > 0 || !/^\d+$/.test(limit ?? '') || Number(limit) < 1 || window === undefined) {
    throw new Error(`expected LIMIT/WINDOW such as 300/60s or 5/1m, got "${raw}"`);
  }
  return { limit: Number(limit), windowSeconds: durationSeconds(window) };
};

/** A decimal number within [min, max] (anomaly-detection factors). */
export function decimal(min: number, max: number): EnvParser<number> {
  return (raw) => {
    const value = Number(raw.trim());
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || value < min || value > max) {
      throw new Error(`expected a number between ${min} and ${max}, got "${raw}"`);
    }
    return value;
  };
}

/** Comma-separated URL paths, each starting with `/`. */
export const pathList: EnvParser<string[]> = (raw) => {
  const paths = list()(raw);
  const bad = paths.find((path) => !path.startsWith('/'));
  if (bad !== undefined) throw new Error(`expected comma-separated paths starting with /, got "${bad}"`);
  return paths;
};

/** An http:// or https:// URL (a webhook: the value is never echoed back). */
export const webhookUrl: EnvParser<string> = (raw) => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('expected an http:// or https:// URL');
  }
  // The value is not echoed: it is a secret.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('expected an http:// or https:// URL');
  return url.toString();
};

export const redisUrl: EnvParser<string> = (raw) => {
  if (!/^rediss?:\/\/[^\s]+$/.test(raw.trim())) throw new Error(`expected redis://host:port[/db] or rediss://…, got "${raw}"`);
  return raw.trim();
};
