import COMMON_PASSWORDS from './common-passwords.json';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The 10,000 most common passwords (zxcvbn-ts common list, MIT), lower-cased. */
const COMMON = new Set<string>(COMMON_PASSWORDS as string[]);

/**
 * Returns why a password is refused, or null. Length counts Unicode code points.
 * A password is common if it, or it stripped of leading/trailing digits and
 * symbols ("password1234!"), is on the list, or if it is one short unit repeated.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  const core = lower.replace(/^[\d\W_]+/, '').replace(/[\d\W_]+$/, '');
  if (COMMON.has(lower) || (core.length > 0 && COMMON.has(core)))
    return 'password is too common; choose one that is not on lists of leaked passwords';
  if (/^(.{1,4})\1+$/u.test(lower)) return 'password must not be one short sequence repeated';
  if (context.email && lower.includes(context.email.toLowerCase().split('@')[0]) && context.email.split('@')[0].length >= 4) {
    return 'password must not contain your email address';
  }
  return null;
}
