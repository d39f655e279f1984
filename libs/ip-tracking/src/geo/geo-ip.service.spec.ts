import { AppConfig, CacheMetrics, MetricsRegistry } from '@nexus/core';
import { GeoIpService } from './geo-ip.service';

describe('GeoIpService (bundled DB-IP Lite City database, offline)', () => {
  const registry = new MetricsRegistry();
  const geo = new GeoIpService(AppConfig.forTest(), new CacheMetrics(registry));

  async function cacheCount(result: 'hits' | 'misses'): Promise<number> {
    const metric = await registry.getSingleMetric(`nexus_cache_${result}_total`)!.get();
    return metric.values.find((v) => v.labels.cache === 'geoip')?.value ?? 0;
  }

  it.each([
    ['8.8.8.8', 'US'],
    ['1.1.1.1', 'AU'],
    ['81.2.69.142', 'GB'],
    ['2001:4860:4860::8888', 'CA'], // DB-IP Lite places Google's anycast IPv6 resolver in Montreal
    ['::ffff:81.2.69.142', 'GB'],
  ])('resolves %s to %s', (ip, country) => {
    const location = geo.lookup(ip);
    expect(location.country).toBe(country);
    expect(typeof location.latitude).toBe('number');
    expect(typeof location.longitude).toBe('number');
  });

  it.each(['10.0.0.1', '192.168.1.1', '127.0.0.1', '203.0.113.7', '::1', 'fd00::1', 'not-an-ip'])('gives nulls for %s', (ip) => {
    expect(geo.lookup(ip)).toEqual({ country: null, region: null, city: null, latitude: null, longitude: null });
  });

  it('serves repeated lookups from the cache, and counts hits and misses', async () => {
    const [hits, misses] = [await cacheCount('hits'), await cacheCount('misses')];
    const first = geo.lookup('5.9.0.1');
    expect(geo.lookup('5.9.0.1')).toBe(first);
    expect(await cacheCount('misses')).toBe(misses + 1);
    expect(await cacheCount('hits')).toBe(hits + 1);
  });

  it('finds an address cached under its normal form when asked with another spelling, and stores no second entry', async () => {
    const [hits, misses] = [await cacheCount('hits'), await cacheCount('misses')];
    const first = geo.lookup('5.9.0.2');
    expect(geo.lookup('::FFFF:5.9.0.2')).toBe(first);
    expect(geo.lookup(' 5.9.0.2 ')).toBe(first);
    expect(geo.lookup('5.9.0.2')).toBe(first);
    expect(await cacheCount('misses')).toBe(misses + 1);
    expect(await cacheCount('hits')).toBe(hits + 3);
    // Scraping again reports the same totals: each lookup is counted once.
    expect(await cacheCount('hits')).toBe(hits + 3);
  });

  it('uses a cached result for GEOIP_CACHE_TTL (24 h by default), then looks the address up again', async () => {
    const clock = jest.spyOn(Date, 'now');
    try {
      const start = Date.UTC(2026, 10, 26, 12);
      clock.mockReturnValue(start);
      const [hits, misses] = [await cacheCount('hits'), await cacheCount('misses')];
      const first = geo.lookup('5.9.0.3');
      clock.mockReturnValue(start + 24 * 3600_000 - 1);
      expect(geo.lookup('5.9.0.3')).toBe(first);
      expect([await cacheCount('hits'), await cacheCount('misses')]).toEqual([hits + 1, misses + 1]);
      clock.mockReturnValue(start + 24 * 3600_000);
      expect(geo.lookup('5.9.0.3')).toEqual(first);
      expect([await cacheCount('hits'), await cacheCount('misses')]).toEqual([hits + 1, misses + 2]);
      const shortLived = new GeoIpService(AppConfig.forTest({ GEOIP_CACHE_TTL: '1m' }), new CacheMetrics(new MetricsRegistry()));
      const again = shortLived.lookup('5.9.0.3');
      clock.mockReturnValue(start + 24 * 3600_000 + 60_000);
      expect(shortLived.lookup('5.9.0.3')).not.toBe(again);
    } finally {
      clock.mockRestore();
    }
  });

  it('answers unknown instead of failing when the database cannot be read', () => {
    const broken = new GeoIpService(
      AppConfig.forTest({ GEOIP_DB_PATH: '/nonexistent/GeoLite2-City.mmdb' }),
      new CacheMetrics(new MetricsRegistry()),
    );
    expect(broken.lookup('8.8.8.8').country).toBeNull();
  });
});
