import { AuthService, passwordProblem } from '@nexus/auth';
import { isEmail } from 'class-validator';
import { Command, CommandRunner, Option } from 'nest-commander';

import { CliOutput } from '../cli-output';

interface UserCreateOptions {
  email: string;
  password: string;
  name?: string;
  operator?: boolean;
}

@Command({
  name: 'user:create',
  description: 'Create a platform account; --operator grants access to the security and operations endpoints',
})
export class UserCreateCommand extends CommandRunner {
  constructor(
    private readonly auth: AuthService,
    private readonly out: CliOutput,
  ) {
    super();
  }

  async run(_args: string[], options: UserCreateOptions): Promise<void> {
    if (!options.email || !options.password) throw new Error('user:create needs --email and --password');
    if (!options.operator)
      throw new Error('user:create creates platform accounts: pass --operator (organization members sign up through the API)');
    // The sign-up's own rules: an address, at most 254 characters.
    const email = options.email.trim();
    if (!isEmail(email) || email.length > 254) throw new Error(`--email: "${options.email}" is not an email address`);
    const problem = passwordProblem(options.password, { email });
    if (problem) throw new Error(`--password: ${problem}`);
    const account = await this.auth.createOperator({
      email,
      password: options.password,
      name: options.name ?? email.split('@')[0],
    });
    this.out.line(`Created operator ${account.user.email} (${account.user.id})`);
  }

  @Option({ flags: '--email <email>', description: 'Email address (login name)', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'Password: 12–128 characters, not a common one', required: true })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'Display name (defaults to the email name)' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--operator', description: 'Grant the platform operator role' })
  parseOperator(): boolean {
    return true;
  }
}
