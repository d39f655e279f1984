import { Injectable, Logger } from '@nestjs/common';
import { TooManyRequestsError, UnauthorizedError } from '@nexus/core';
import { LoginDto, MeDto, RegisterDto, SessionDto } from './accounts/account.dto';
import { Account, AccountsService } from './accounts/accounts.service';
import { normalizeEmail } from './accounts/users.repository';
import { LoginThrottle } from './brute-force/login-throttle.service';
import { PasswordHasher } from './passwords/password-hasher';
import { ClientInfo, RefreshTokenService } from './tokens/refresh-token.service';
import { SessionService } from './tokens/session.service';

/** A login that failed: the reason is for the request log, never for the client. */
export class LoginFailure extends Error {
  constructor(
    readonly reason: string,
    readonly response: Error,
  ) {
    super(reason);
  }
}

const INVALID_CREDENTIALS = () => new UnauthorizedError('Invalid email or password', 'invalid_credentials');

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo): Promise<SessionDto> {
    const account = await this.accounts.register(dto);
    return this.sessions.start(account, client);
  }

  /**
   * Unknown emails, wrong passwords and disabled accounts answer the same 401
   * after the same argon2 work. Throws LoginFailure carrying the HTTP error;
   * anything else (the throttle's store down) is a server fault, not an
   * authentication failure to count against the client.
   */
  async login(dto: LoginDto, client: ClientInfo & { ip: string }): Promise<SessionDto> {
    const email = normalizeEmail(dto.email);
    let attempt;
    try {
      attempt = await this.throttle.begin(email, client.ip);
    } catch (error) {
      throw error instanceof TooManyRequestsError ? new LoginFailure('login_refused', error) : error;
    }
    let user, valid;
    try {
      user = await this.accounts.findUserByEmail(email);
      valid = await this.hasher.verify(user?.passwordHash ?? null, dto.password);
    } catch (error) {
      await this.throttle.abandoned(attempt).catch(() => undefined);
      throw error;
    }
    if (!user || !valid || user.status !== 'active') {
      const lock = await this.throttle.failed(attempt);
      const reason = !user ? 'unknown_email' : !valid ? 'wrong_password' : 'account_disabled';
      this.logger.warn({ reason, ip: client.ip }, 'Login failed');
      throw new LoginFailure(reason, lock ?? INVALID_CREDENTIALS());
    }
    await this.throttle.succeeded(attempt);
    return this.sessions.start(await this.accounts.accountOf(user), client);
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<SessionDto> {
    const { userId, token } = await this.refreshTokens.rotate(refreshToken, client);
    const account = await this.accounts.findAccount(userId);
    if (!account || account.user.status !== 'active') {
      await this.refreshTokens.revokeAllForUser(userId);
      throw new UnauthorizedError('The account is no longer active', 'account_inactive');
    }
    return this.sessions.continue(account, token);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  me(userId: string): Promise<MeDto> {
    return this.accounts.profile(userId);
  }

  /** For the CLI's user:create. */
  createOperator(input: { email: string; name: string; password: string }): Promise<Account> {
    return this.accounts.createUser({ ...input, platformRole: 'operator' });
  }
}
