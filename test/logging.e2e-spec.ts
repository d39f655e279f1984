import { Logger } from '@nestjs/common';
import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '@nexus/core';
import { PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import { startTestApp, TestApp } from './support/test-app';

const lines: Record<string, unknown>[] = [];

@Public()
@Controller('test-fixtures')
class LoggingController {
  private readonly logger = new Logger('LoggingFixture');

  @Get('log')
  async log() {
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.logger.warn({ password: 'hunter2', authorization: 'Bearer abc', note: 'inside' }, 'fixture line');
    return { ok: true };
  }
}

@Module({ controllers: [LoggingController] })
class LoggingFixtureModule {}

describe('logs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, modules: [LoggingFixtureModule] });
    // Capture what pino writes (JSON lines) instead of printing them.
    const root = (PinoLogger as unknown as { root: Record<symbol, { write: (s: string) => void }> }).root;
    const stream = root[symbols.streamSym];
    stream.write = (line: string) => void lines.push(JSON.parse(line));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('carry the request id of the request being served, and redact secrets', async () => {
    const res = await t.http.get('/api/v1/test-fixtures/log');
    const line = lines.find((l) => l.msg === 'fixture line');
    expect(line).toBeDefined();
    expect(line).toMatchObject({
      requestId: res.headers.get('x-request-id'),
      note: 'inside',
      password: '[redacted]',
      authorization: '[redacted]',
    });
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });
});
