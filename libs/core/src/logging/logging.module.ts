import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { requestIdMixin } from './request-context';

const SECRET_KEYS = ['password', 'newPassword', 'refreshToken', 'accessToken', 'token', 'secret', 'authorization', 'cookie'];

/** Redacted wherever they appear at the top level or one level down, plus the request's credential headers. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
];

/**
 * JSON logs with pino through nestjs-pino's Logger; each line logged while
 * serving a request carries its `requestId` (a mixin reading the request
 * context). nestjs-pino's per-request middleware is not mounted (`forRoutes:
 * []`): it measured as a large share of the per-request cost, and the request
 * log (libs/ip-tracking) already records every request.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        forRoutes: [],
        pinoHttp: {
          level: config.logLevel,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          mixin: requestIdMixin,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
