import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, AuthRateLimited, clientIp, markAuthFailure, Public, UnauthorizedError } from '@nexus/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LoginDto, MeDto, RefreshDto, RegisterDto, SessionDto, TransportQueryDto } from './accounts/account.dto';
import { AuthService, LoginFailure } from './auth.service';
import { CurrentUser } from './guards/auth.decorators';
import { AuthenticatedUser } from './tokens/access-token';
import { AuthCookies } from './tokens/auth-cookies';
import { ClientInfo } from './tokens/refresh-token.service';

function clientOf(request: FastifyRequest): ClientInfo & { ip: string } {
  const agent = request.headers['user-agent'];
  return { ip: clientIp(request), userAgent: typeof agent === 'string' ? agent : null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: AuthCookies,
  ) {}

  @Public()
  @AuthRateLimited()
  @Post('register')
  @ApiOperation({ summary: 'Sign up: creates a user, their organization (as owner) and a session', operationId: 'authRegister' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblemResponses(409, 413, 429)
  async register(
    @Body() dto: RegisterDto,
    @Query() query: TransportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.deliver(await this.auth.register(dto, clientOf(request)), query, reply);
  }

  @Public()
  @AuthRateLimited()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with email and password',
    description: 'Unknown emails and wrong passwords get the same 401. Repeated failures lock the email/IP pair (429 with Retry-After).',
    operationId: 'authLogin',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblemResponses(401, 429)
  async login(
    @Body() dto: LoginDto,
    @Query() query: TransportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    try {
      return this.deliver(await this.auth.login(dto, clientOf(request)), query, reply);
    } catch (error) {
      if (!(error instanceof LoginFailure)) throw error;
      markAuthFailure(request, error.reason);
      throw error.response;
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the refresh token and get a new access token',
    description: 'A refresh token that was already used revokes its whole family (every session of that login).',
    operationId: 'authRefresh',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblemResponses(401, 403, 429)
  async refresh(
    @Body() dto: RefreshDto,
    @Query() query: TransportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const { token, fromCookie } = this.presentedToken(dto, request);
    try {
      // A browser that refreshes through the cookie gets the new token the same way, never in the body.
      const transport = fromCookie ? { transport: 'cookie' as const } : query;
      return this.deliver(await this.auth.refresh(token, clientOf(request)), transport, reply);
    } catch (error) {
      if (error instanceof UnauthorizedError) markAuthFailure(request, error.code ?? 'invalid_refresh_token');
      throw error;
    }
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: revokes the refresh token family', operationId: 'authLogout' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiProblemResponses(401, 403)
  async logout(@Body() dto: RefreshDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(this.presentedToken(dto, request).token);
    this.cookies.clear(reply);
  }

  @Get('me')
  @ApiBearerAuth('bearer')
  @ApiOperation({ summary: 'The caller, their organization and role', operationId: 'authMe' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401, 404)
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeDto> {
    return this.auth.me(user.userId);
  }

  private presentedToken(dto: RefreshDto, request: FastifyRequest): { token: string; fromCookie: boolean } {
    if (dto.refreshToken) return { token: dto.refreshToken, fromCookie: false };
    const token = this.cookies.readVerified(request);
    if (!token) throw new UnauthorizedError('A refresh token is required, in the body or the refresh cookie', 'missing_refresh_token');
    return { token, fromCookie: true };
  }

  private deliver(session: SessionDto, query: TransportQueryDto, reply: FastifyReply): SessionDto {
    if (query.transport !== 'cookie' || !session.refreshToken) return session;
    const csrfToken = this.cookies.set(reply, session.refreshToken);
    const { refreshToken: _omitted, ...body } = session;
    return { ...body, csrfToken };
  }
}
