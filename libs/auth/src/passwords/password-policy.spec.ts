import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('violet-otter-drives-42-trams')).toBeNull();
  });

  it.each([
    ['short1!', /at least 12/],
    ['x'.repeat(129), /at most 128/],
    ['qwerty123456', /too common/],
    ['Password1234!', /too common/],
    ['1234dragon!!!!', /too common/],
    ['abcabcabcabc', /repeated/],
    ['aaaaaaaaaaaaaaa', /repeated|common/],
  ])('refuses %j', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('ééééééé-ñoño')).toBeNull();
  });

  it('refuses a password containing the email name', () => {
    expect(passwordProblem('maria.lopez-winter-2031', { email: 'Maria.Lopez@example.com' })).toMatch(/email/);
  });
});
