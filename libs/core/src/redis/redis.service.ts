import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The process's shared Redis command connection in services mode (`client` is
 * null in embedded mode). Subscribers need their own connection: `duplicate()`.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis | null;
  private readonly extra: Redis[] = [];

  constructor(private readonly config: AppConfig) {
    this.client = config.redisUrl ? this.connect('nexus') : null;
  }

  /** A new connection with the same settings (pub/sub, blocking commands), closed at shutdown. */
  duplicate(name: string, overrides: RedisOptions = {}): Redis {
    const connection = this.connect(name, overrides);
    this.extra.push(connection);
    return connection;
  }

  async ping(timeoutMs: number): Promise<void> {
    if (!this.client) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.client.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client, ...this.extra].filter((c): c is Redis => c !== null).map((c) => c.quit().catch(() => c.disconnect())));
  }

  private connect(name: string, overrides: RedisOptions = {}): Redis {
    const options: RedisOptions = { connectionName: name, maxRetriesPerRequest: 2, enableOfflineQueue: true, ...overrides };
    const connection = new Redis(this.config.redisUrl as string, options);
    connection.on('error', (error) => this.logger.warn(`Redis ${name}: ${error.message}`));
    return connection;
  }
}
