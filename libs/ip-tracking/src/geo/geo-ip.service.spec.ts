import { AppConfig } from '@nexus/core';
import { GeoIpService } from './geo-ip.service';

describe('GeoIpService (bundled DB-IP Lite City database, offline)', () => {
  const geo = new GeoIpService(AppConfig.forTest());

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

  it('serves repeated lookups from the cache', () => {
    const first = geo.lookup('81.2.69.142');
    expect(geo.lookup('81.2.69.142')).toBe(first);
  });

  it('answers unknown instead of failing when the database cannot be read', () => {
    const broken = new GeoIpService(AppConfig.forTest({ GEOIP_DB_PATH: '/nonexistent/GeoLite2-City.mmdb' }));
    expect(broken.lookup('8.8.8.8').country).toBeNull();
  });
});
