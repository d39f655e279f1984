import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-strategy';
import { AuthenticatedUser } from './access-token';
import { AccessTokenReader, TokenFailure } from './access-token.reader';

/** Passport hands strategies the request; Fastify's and Express's both carry the headers. */
type WithHeaders = { headers: IncomingHttpHeaders };

type Done = (error: unknown, user?: AuthenticatedUser | false, info?: { failure: TokenFailure }) => void;

/** A passport strategy that hands the request to a verify callback (what passport-custom does, in a few lines). */
class RequestStrategy extends Strategy {
  constructor(private readonly verify: (request: WithHeaders, done: Done) => void) {
    super();
  }

  override authenticate(request: WithHeaders): void {
    this.verify(request, (error, user, info) => {
      if (error) this.error(error as Error);
      else if (user) this.success(user);
      else this.fail(info, 401);
    });
  }
}

/**
 * Passport's `jwt` strategy for the global guard, backed by AccessTokenReader:
 * the same checks as everywhere else, and a token the rate limiter already
 * verified for this request is not verified again.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(RequestStrategy, 'jwt') {
  constructor(private readonly tokens: AccessTokenReader) {
    super();
  }

  validate(request: WithHeaders): AuthenticatedUser | [false, { failure: TokenFailure }] {
    const result = this.tokens.check(request.headers.authorization);
    return result.user ?? [false, { failure: result.failure }];
  }
}
