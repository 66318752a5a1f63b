import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { ROLES, Role } from '../access/roles';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { hashPassword, passwordProblem } from './passwords';
import { AppContext } from '../cli/app-context';
import { cliError, CliLang, LANG_OPTION } from '../cli/cli-lang';
import { User } from '../users/user.entity';

interface CreateOptions {
  username: string;
  role: Role;
  agency?: string;
  name?: string;
}

/** Reads the password from standard input: a hidden prompt on a terminal, else the first line. */
async function readPassword(lang: CliLang): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    return '';
  }
  let muted = false;
  const output = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stderr.write(q);
      muted = true;
      rl.question('', (answer) => {
        muted = false;
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = await ask(`${lang.say('cli.users.password')}: `);
  const second = await ask(`${lang.say('cli.users.repeat')}: `);
  rl.close();
  if (first !== second) throw cliError('cli.users.differ');
  return first;
}

@SubCommand({
  name: 'create',
  description:
    'create a user; the password is read from standard input (a prompt on a terminal), never from arguments',
})
export class UsersCreateCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: CreateOptions): Promise<void> {
    if (!options.username || !options.role) throw cliError('cli.users.required');
    const password = await readPassword(this.lang);
    const problem = passwordProblem(password, [options.username]);
    if (problem) throw cliError('msg.password.problem', { field: 'password', problem });
    const passwordHash = await hashPassword(password);
    await this.context.run(async (app) => {
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const agencyId = await this.agencyId(dataSource, options);
      const user = await dataSource.transaction(async (m) => {
        const saved = await m.getRepository(User).save(
          m.getRepository(User).create({
            username: options.username.toLowerCase(),
            displayName: options.name ?? options.username,
            role: options.role,
            agencyId,
            passwordHash,
          }),
        );
        await app.get(AuditService).record(
          {
            action: 'user.created',
            actorName: 'cli',
            subjectType: 'user',
            subjectId: saved.id,
            agencyId,
            detail: { role: saved.role },
          },
          m,
        );
        return saved;
      });
      const created = { role: user.role, username: user.username, id: user.id };
      process.stdout.write(`${this.lang.say('cli.users.created', created)}\n`);
    });
  }

  private async agencyId(dataSource: DataSource, options: CreateOptions): Promise<string | null> {
    if (!options.agency) {
      if (['coordinator', 'operator', 'internal_assessor'].includes(options.role)) {
        throw cliError('cli.users.agency_required', { role: options.role });
      }
      return null;
    }
    const agency = await dataSource.getRepository(Agency).findOne({ where: { code: options.agency } });
    if (!agency) throw cliError('cli.users.no_agency', { code: options.agency });
    return agency.id;
  }

  @Option({ flags: '--username <username>', description: 'login name (stored lower-case)', required: true })
  parseUsername(value: string): string {
    if (!/^[A-Za-z0-9._-]{3,60}$/.test(value)) throw cliError('cli.users.username');
    return value;
  }

  @Option({ flags: '--role <role>', description: `one of ${ROLES.join(', ')}`, required: true })
  parseRole(value: string): Role {
    if (!(ROLES as readonly string[]).includes(value))
      throw cliError('cli.users.role', { roles: ROLES.join(', ') });
    return value as Role;
  }

  @Option({ flags: '--agency <code>', description: 'the agency code, for agency roles' })
  parseAgency(value: string): string {
    return value;
  }

  @Option({ flags: '--name <displayName>', description: 'display name (default: the username)' })
  parseName(value: string): string {
    return value;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@Command({ name: 'users', description: 'user accounts: create', subCommands: [UsersCreateCommand] })
export class UsersCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
