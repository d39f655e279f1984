export * from './auth.module';
export * from './auth.service';
export * from './entities';
export * from './guards/auth.decorators';
export * from './tokens/access-token';
export * from './passwords/password-policy';
