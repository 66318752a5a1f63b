import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { AppContext } from '../cli/app-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { verifyAuditChain } from './audit-verify';

@SubCommand({
  name: 'verify',
  description: 're-compute every audit hash chain and anchor; exit 1 when an entry was edited or removed',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run(_args: string[], options: { json?: boolean }): Promise<void> {
    const report = await this.context.run((app) =>
      verifyAuditChain(app.get(DataSource), app.get<AppConfig>(APP_CONFIG).audit.anchorSecret),
    );
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      process.stdout.write(
        `audit entries checked: ${report.checked} (seq ${report.firstSeq ?? '-'}..${report.lastSeq ?? '-'}) in ${report.chains} chain(s); anchors checked: ${report.anchors}\n`,
      );
      if (report.ok) process.stdout.write(`chain intact; last hash ${report.lastHash ?? '-'}\n`);
      for (const b of report.breaks)
        process.stdout.write(
          `BROKEN at ${b.anchorId && b.seq === '-' ? `anchor ${b.anchorId}` : `seq ${b.seq}`}: ${b.reason}` +
            `${b.chain ? ` in chain ${b.chain}` : ''} (expected ${b.expected}, found ${b.found})\n`,
        );
    }
    if (!report.ok) process.exitCode = 1;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}

@Command({ name: 'audit', description: 'audit trail: verify', subCommands: [AuditVerifyCommand] })
export class AuditCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
