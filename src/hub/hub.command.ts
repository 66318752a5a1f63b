import { basename, resolve } from 'node:path';
import { outcomeInLang } from './hub-problems.view';
import { Inject, INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { AppContext } from '../cli/app-context';
import { cliError, CliLang, LANG_OPTION } from '../cli/cli-lang';
import { User } from '../users/user.entity';
import { HubContextRepository } from './hub-context.repository';
import { HubEvidenceService } from './hub-evidence.service';
import { HubImportService } from './hub-import.service';
import { FORMAT_CHOICES, FormatChoice, uptimeOptions } from './hub.dto';
import { HubHealthService } from './hub-health.service';

interface CommonOptions {
  agency: string;
  user?: string;
}

/** Exit codes: 0 imported (or already imported), 2 the file has problems, 1 anything else. */
const EXIT_PROBLEMS = 2;

async function agencyOf(app: INestApplicationContext, ref: string) {
  const agency = await app.get(HubContextRepository).agency(ref);
  if (!agency) throw cliError('cli.hub.no_agency', { ref });
  return agency;
}

/** The shell is trusted like an admin; --user only records who did it. */
async function actorOf(app: INestApplicationContext, username?: string): Promise<Actor | null> {
  if (!username) return null;
  const user = await app
    .get<DataSource>(getDataSourceToken())
    .getRepository(User)
    .findOne({ where: { username: username.toLowerCase() } });
  if (!user) throw cliError('cli.hub.no_user', { username });
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agencyId: user.agencyId,
    unitIds: null,
    assignedAgencyIds: [],
    assignments: [],
    via: 'personal',
    tokenId: '',
    mustChangePassword: false,
  };
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: 'import a hub export (F1..F8) for an agency; exit 2 when rows have problems',
})
export class HubImportCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(
    [file]: string[],
    options: CommonOptions & {
      format?: FormatChoice;
      skipBad?: boolean;
      hubId?: string;
      uptimeRanges?: string;
      uptimeRatios?: string;
      uptimeFetchedAt?: string;
      lifecycleStatus?: string;
    },
  ): Promise<void> {
    if (!options.agency) throw cliError('cli.hub.agency_required');
    const path = resolve(file);
    const bar = new SingleBar(
      {
        stream: process.stderr,
        // The bar's own placeholders ({bar}, {value}...) pass through the catalogue untouched.
        format: this.lang.say('cli.hub.progress'),
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    const outcome = await this.context.run(async (app) => {
      const agency = await agencyOf(app, options.agency);
      const actor = await actorOf(app, options.user);
      let started = false;
      try {
        return await app.get(HubImportService).import(actor, agency.id, path, {
          fileName: basename(path),
          format: options.format,
          skipBad: options.skipBad ?? false,
          hubId: options.hubId,
          uptime: uptimeOptions(options.uptimeRanges, options.uptimeRatios, options.uptimeFetchedAt),
          lifecycleStatus: options.lifecycleStatus,
          channel: 'cli',
          onProgress: (read, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(read);
          },
        });
      } finally {
        if (started) bar.stop();
      }
    });
    const say = (key: string, params?: Record<string, string | number>) => this.lang.say(key, params);
    const shown = outcomeInLang(this.lang.lang, outcome);
    if (shown.status === 'created') {
      const record = shown.import!;
      const summary = say('cli.hub.imported', {
        file: record.fileName,
        format: record.format ?? '-',
        variant: record.variant ?? '-',
        hub: record.hubId ?? '-',
        records: record.counts.records,
        rows: record.counts.rowsRead,
        skipped: record.counts.rejected,
      });
      process.stdout.write(`${summary}\nsha256 ${record.sha256}, import ${record.id}\n`);
      for (const p of record.problems)
        process.stdout.write(
          `  ${say('cli.hub.skipped', { where: where(this.lang, p), reason: p.reason })}\n`,
        );
      return;
    }
    if (shown.status === 'duplicate') {
      process.stdout.write(`${shown.message}\n`);
      return;
    }
    process.stdout.write(`${shown.message}\n`);
    for (const p of shown.problems) process.stdout.write(`  ${where(this.lang, p)}: ${p.reason}\n`);
    process.exitCode = EXIT_PROBLEMS;
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }

  @Option({ flags: '--agency <idOrCode>', description: 'the agency (id or code)', required: true })
  parseAgency(value: string): string {
    return value;
  }

  @Option({
    flags: '--format <format>',
    description: 'override detection: F1..F8 or a variant such as F5-log',
  })
  parseFormat(value: string): FormatChoice {
    if (!(FORMAT_CHOICES as readonly string[]).includes(value))
      throw cliError('cli.hub.format', { formats: FORMAT_CHOICES.join(', ') });
    return value as FormatChoice;
  }

  @Option({ flags: '--skip-bad', description: 'import the good rows and report the bad ones' })
  parseSkipBad(): boolean {
    return true;
  }

  @Option({ flags: '--hub-id <hubId>', description: 'the hub the file was exported from' })
  parseHubId(value: string): string {
    return value;
  }

  @Option({ flags: '--uptime-ranges <ranges>', description: 'UptimeRobot v2: YYYY-MM-DD/YYYY-MM-DD;...' })
  parseUptimeRanges(value: string): string {
    return value;
  }

  @Option({
    flags: '--uptime-ratios <days>',
    description: 'UptimeRobot v2: the custom_uptime_ratios asked, e.g. 1-7-30',
  })
  parseUptimeRatios(value: string): string {
    if (!/^\d{1,4}(-\d{1,4})*$/.test(value)) throw cliError('cli.hub.uptime_ratios');
    return value;
  }

  @Option({
    flags: '--uptime-fetched-at <time>',
    description: 'UptimeRobot: when the file was fetched (ISO 8601)',
  })
  parseUptimeFetchedAt(value: string): string {
    if (Number.isNaN(Date.parse(value))) throw cliError('cli.hub.uptime_fetched_at');
    return value;
  }

  @Option({ flags: '--lifecycle-status <status>', description: 'OpenAPI files (F3): e.g. PUBLISHED' })
  parseLifecycleStatus(value: string): string {
    return value;
  }

  @Option({ flags: '--user <username>', description: 'record this user as the importer' })
  parseUser(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'evidence',
  description: 'generate an api_list evidence item (PDF + CSV, submitted) from the hub data',
})
export class HubEvidenceCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: CommonOptions & { unit?: string; year?: number }): Promise<void> {
    if (!options.agency) throw cliError('cli.hub.agency_required');
    const created = await this.context.run(async (app) => {
      const agency = await agencyOf(app, options.agency);
      const actor = await actorOf(app, options.user);
      return app.get(HubEvidenceService).generate(actor, agency.id, options.unit ?? null, options.year);
    });
    const { evidenceId: id, status, title } = created;
    process.stdout.write(`${this.lang.say('cli.hub.evidence', { id, status, title })}\n`);
    for (const f of created.files)
      process.stdout.write(`  ${this.lang.say('cli.hub.evidence_file', { ...f })}\n`);
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }

  @Option({ flags: '--agency <idOrCode>', description: 'the agency (id or code)', required: true })
  parseAgency(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <idOrCode>', description: 'only this unit (default: every unit with APIs)' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--year <year>', description: 'the period (default: the latest)' })
  parseYear(value: string): number {
    const year = Number(value);
    if (!Number.isInteger(year)) throw cliError('cli.hub.year');
    return year;
  }

  @Option({ flags: '--user <username>', description: 'record this user as the author' })
  parseUser(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'check-endpoints',
  description: "open a TLS connection to every recorded SPL gateway and store its certificate's state",
})
export class HubCheckEndpointsCommand extends CommandRunner {
  constructor(
    @Inject(AppContext) private readonly context: AppContext,
    @Inject(CliLang) private readonly lang: CliLang,
  ) {
    super();
  }

  async run(_args: string[], options: { agency?: string }): Promise<void> {
    const total = await this.context.run(async (app) => {
      const agency = options.agency ? await agencyOf(app, options.agency) : null;
      return app
        .get(HubHealthService)
        .checkAll(agency?.id ?? null, { timeoutMs: 10_000 }, (gateway, probe) => {
          // The TLS library's reason is quoted as it gives it.
          const state = probe.chainVerified
            ? this.lang.say('cli.hub.endpoint_ok')
            : (probe.error ?? this.lang.say('cli.hub.endpoint_unverified'));
          const until = probe.validTo
            ? ` ${this.lang.say('cli.hub.endpoint_until', { date: probe.validTo.toISOString().slice(0, 10) })}`
            : '';
          process.stdout.write(`${gateway.url}: ${state}${until}\n`);
        });
    });
    process.stdout.write(`${this.lang.say('cli.hub.endpoints_checked', { count: total })}\n`);
  }

  @Option(LANG_OPTION)
  parseLang(value: string): string {
    return this.lang.choose(value);
  }

  @Option({ flags: '--agency <idOrCode>', description: 'only this agency (default: every agency)' })
  parseAgency(value: string): string {
    return value;
  }
}

@Command({
  name: 'hub',
  description: 'hub usage data: import FILE, evidence, check-endpoints',
  subCommands: [HubImportCommand, HubEvidenceCommand, HubCheckEndpointsCommand],
})
export class HubCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

function where(lang: CliLang, p: { line?: number; entry?: string; path?: string }): string {
  const line = p.line !== undefined ? lang.say('cli.hub.line', { line: p.line }) : '';
  return [line, p.entry ?? '', p.path ?? ''].filter(Boolean).join(' ') || lang.say('cli.hub.file');
}
