import { AppConfig } from '@nexus/core';
import jwt from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';
import { AccessTokenReader } from './access-token.reader';

const SECRET = 'reader-spec-secret-reader-spec-secret-0123';

describe('AccessTokenReader', () => {
  const config = AppConfig.forTest({ JWT_ACCESS_SECRET: SECRET });
  const reader = new AccessTokenReader(createSecretKey(Buffer.from(SECRET, 'utf8')), config);
  const sign = (claims: object, options: jwt.SignOptions = {}) =>
    jwt.sign({ org: 'o1', role: 'owner', ...claims }, SECRET, {
      algorithm: 'HS256',
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ...options,
    });

  afterEach(() => jest.restoreAllMocks());

  it('reads the caller from a valid token, and says why otherwise', () => {
    expect(reader.check(`Bearer ${sign({ sub: 'u1' }, { expiresIn: 60 })}`)).toEqual({
      user: { userId: 'u1', organizationId: 'o1', role: 'owner', platformRole: null },
    });
    expect(reader.check(undefined)).toEqual({ failure: 'missing_token' });
    expect(reader.check('Basic abc')).toEqual({ failure: 'invalid_token' });
    expect(reader.check('Bearer not.a.jwt')).toEqual({ failure: 'invalid_token' });
    expect(reader.check(`Bearer ${sign({ sub: 'u1' })}`)).toEqual({ failure: 'invalid_token' }); // no exp
    expect(reader.check(`Bearer ${sign({ sub: 'u1' }, { expiresIn: -10 })}`)).toEqual({ failure: 'token_expired' });
    const tampered = sign({ sub: 'u1' }, { expiresIn: 60 }).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(reader.check(`Bearer ${tampered}`)).toEqual({ failure: 'invalid_token' });
  });

  it('verifies a token once, and still refuses it from the moment it expires', () => {
    const token = `Bearer ${sign({ sub: 'u2' }, { expiresIn: 30 })}`;
    const verify = jest.spyOn(jwt, 'verify');
    expect(reader.read(token)?.userId).toBe('u2');
    expect(reader.read(token)?.userId).toBe('u2');
    expect(verify).toHaveBeenCalledTimes(1);
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 31_000);
    expect(reader.check(token)).toEqual({ failure: 'token_expired' });
  });
});
