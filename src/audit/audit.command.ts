import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { AppContext } from '../cli/app-context';
import { CliLang, LANG_OPTION } from '../cli/cli-lang';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { verifyAuditChain, type AuditVerifyReport } from './audit-verify';

@SubCommand({
  name: 'verify',
  description: 're-compute every audit hash chain and anchor; exit 1 when an entry was edited or removed',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    const report = await this.context.run((app) =>
      verifyAuditChain(app.get(DataSource), app.get<AppConfig>(APP_CONFIG).audit.anchorSecret),
    );
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(this.describe(report));
    if (!report.ok) process.exitCode = 1;
  }

  /** The report in the tool's language; break reasons stay the stable codes the JSON gives. */
  private describe(report: AuditVerifyReport): string {
    const say = this.lang.say.bind(this.lang);
    const lines = [
      say('cli.audit.checked', {
        checked: report.checked,
        first: report.firstSeq ?? '-',
        last: report.lastSeq ?? '-',
        chains: report.chains,
        anchors: report.anchors,
      }),
    ];
    if (report.ok) lines.push(say('cli.audit.intact', { hash: report.lastHash ?? '-' }));
    for (const b of report.breaks) {
      const at =
        b.anchorId && b.seq === '-'
          ? say('cli.audit.at_anchor', { anchor: b.anchorId })
          : say('cli.audit.at_seq', { seq: b.seq });
      const chain = b.chain ? ` ${say('cli.audit.in_chain', { chain: b.chain })}` : '';
      lines.push(
        `${say('cli.audit.broken', { at, reason: b.reason })}${chain} ` +
          say('cli.audit.expected', { expected: b.expected, found: b.found }),
      );
    }
    return `${lines.join('\n')}\n`;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }
}

@Command({ name: 'audit', description: 'audit trail: verify', subCommands: [AuditVerifyCommand] })
export class AuditCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
