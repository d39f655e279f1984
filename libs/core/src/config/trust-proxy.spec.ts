import { parseTrustProxy, trustProxyWarning } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it.each(['true', '0.0.0.0/0', '10.0.0.0/8, 0.0.0.0/0', '::/0', '::0/0', '10.0.0.1,::/0'])(
    '%s trusts every peer: the start-up warning says clients can choose their own IP',
    (raw) => {
      expect(trustProxyWarning(parseTrustProxy(raw))).toMatch(/from any peer: clients can choose their own IP/);
    },
  );

  it('a hop count is believed from whoever connects: the warning says to keep clients behind the proxies', () => {
    expect(trustProxyWarning(parseTrustProxy('2'))).toMatch(
      /TRUST_PROXY=2 believes the last 2 X-Forwarded-For hop\(s\) from whoever connects/,
    );
  });

  it.each(['false', '127.0.0.1', '10.244.0.0/16', 'loopback,uniquelocal', '0.0.0.0/8', '::/8'])('%s gives no warning', (raw) => {
    expect(trustProxyWarning(parseTrustProxy(raw))).toBeNull();
  });
});
