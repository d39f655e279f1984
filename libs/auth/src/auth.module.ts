import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@nexus/core';
import { createSecretKey, KeyObject } from 'node:crypto';
import { AccountsService } from './accounts/accounts.service';
import { ProfileCache } from './accounts/profile-cache';
import { UsersRepository } from './accounts/users.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottle } from './brute-force/login-throttle.service';
import { AUTH_ENTITIES } from './entities';
import { AccessTokenGuard } from './guards/access-token.guard';
import { MembersService } from './organizations/members.service';
import { OrganizationSettings } from './organizations/organization-settings.service';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsRepository } from './organizations/organizations.repository';
import { PasswordHasher } from './passwords/password-hasher';
import { JWT_ALGORITHM, JWT_KEY } from './tokens/access-token';
import { AuthCookies } from './tokens/auth-cookies';
import { JwtStrategy } from './tokens/jwt.strategy';
import { AccessTokenReader } from './tokens/access-token.reader';
import { RefreshTokenProcessor } from './tokens/refresh-token.processor';
import { RefreshTokenRepository } from './tokens/refresh-token.repository';
import { RefreshTokenScheduler } from './tokens/refresh-token.scheduler';
import { RefreshTokenService } from './tokens/refresh-token.service';
import { SessionService } from './tokens/session.service';

const jwtKey = {
  provide: JWT_KEY,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => createSecretKey(Buffer.from(config.jwt.accessSecret, 'utf8')),
};

/** Accounts, organizations, tokens, and the global guard that protects every route. */
@Module({
  imports: [
    TypeOrmModule.forFeature(AUTH_ENTITIES),
    PassportModule,
    JwtModule.registerAsync({
      extraProviders: [jwtKey],
      inject: [AppConfig, JWT_KEY],
      useFactory: (config: AppConfig, key: KeyObject) => ({
        secretOrKeyProvider: () => key,
        signOptions: {
          algorithm: JWT_ALGORITHM,
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
          expiresIn: config.jwt.accessTtlSeconds,
        },
        verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: config.jwt.issuer, audience: config.jwt.audience },
      }),
    }),
  ],
  controllers: [AuthController, OrganizationsController],
  providers: [
    AccessTokenReader,
    ProfileCache,
    jwtKey,
    UsersRepository,
    OrganizationsRepository,
    RefreshTokenRepository,
    PasswordHasher,
    AccountsService,
    RefreshTokenService,
    RefreshTokenScheduler,
    RefreshTokenProcessor,
    SessionService,
    LoginThrottle,
    AuthCookies,
    AuthService,
    MembersService,
    OrganizationSettings,
    JwtStrategy,
    AccessTokenGuard,
  ],
  // The guard is registered globally by the app, after the rate-limit guard (see apps/api/src/app.module.ts).
  // AccountsService: for the CLI's demo seed, which creates its organization and members as sign-up and "add member" do.
  exports: [AuthService, AccountsService, OrganizationSettings, AccessTokenReader, AccessTokenGuard],
})
export class AuthModule {}
