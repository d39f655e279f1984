import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlatformRole } from '@nexus/auth';
import { ApiProblemResponses, Public } from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OpsSessionDto } from './ops-session.dto';
import { OpsSessionService } from './ops-session.service';

const SET_COOKIE = {
  'Set-Cookie': {
    description: 'nexus_ops: httpOnly, Secure, SameSite=Strict, Path=/ops',
    schema: { type: 'string', maxLength: 4096, pattern: '^nexus_ops=' },
  },
};

@ApiTags('ops')
@ApiBearerAuth('bearer')
@PlatformRole('operator')
@Controller('ops/session')
export class OpsSessionController {
  constructor(private readonly sessions: OpsSessionService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Open the queue dashboard in this browser (operators)',
    description: [
      'Sets the `nexus_ops` cookie holding the access token of this request, for as long as the token lives, so a browser can open',
      '`/ops/queues` (Bull Board), which otherwise needs `Authorization: Bearer`. Changes made through the board with the cookie must',
      'come from the board page itself (`Sec-Fetch-Site: same-origin`). In embedded mode (no `REDIS_URL`) there are no Redis queues:',
      '`/ops/queues` answers 404 problem+json `no-redis-queues` to operators.',
    ].join(' '),
    operationId: 'opsSessionOpen',
  })
  @ApiOkResponse({ type: OpsSessionDto, headers: SET_COOKIE, description: 'Cookie set' })
  @ApiProblemResponses(401, 403, 429)
  open(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): OpsSessionDto {
    // The global guard accepted exactly this bearer token.
    return this.sessions.open(reply, (request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  }

  @Public()
  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Close the queue dashboard session in this browser',
    description: 'Clears the `nexus_ops` cookie. Needs no token, so it works after the cookie expired.',
    operationId: 'opsSessionClose',
  })
  @ApiNoContentResponse({ description: 'Cookie cleared', headers: SET_COOKIE })
  @ApiProblemResponses(429)
  close(@Res({ passthrough: true }) reply: FastifyReply): void {
    this.sessions.close(reply);
  }
}
