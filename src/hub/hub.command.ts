import { basename, resolve } from 'node:path';
import { outcomeInLang } from './hub-problems.view';
import { Inject, INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Presets, SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { AppContext } from '../cli/app-context';
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
  if (!agency) throw new Error(`--agency: no agency with id or code "${ref}".`);
  return agency;
}

/** The shell is trusted like an admin; --user only records who did it. */
async function actorOf(app: INestApplicationContext, username?: string): Promise<Actor | null> {
  if (!username) return null;
  const user = await app
    .get<DataSource>(getDataSourceToken())
    .getRepository(User)
    .findOne({ where: { username: username.toLowerCase() } });
  if (!user) throw new Error(`--user: no user "${username}".`);
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
  constructor(@Inject(AppContext) private readonly context: AppContext) {
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
    if (!options.agency) throw new Error('--agency is required.');
    const path = resolve(file);
    const bar = new SingleBar(
      {
        stream: process.stderr,
        format: 'import {bar} {percentage}% | {value}/{total} bytes',
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
    const shown = outcomeInLang('en', outcome);
    if (shown.status === 'created') {
      const record = shown.import!;
      process.stdout.write(
        `Imported ${record.fileName} as ${record.format} (${record.variant}) into hub ${record.hubId ?? '-'}: ` +
          `${record.counts.records} records from ${record.counts.rowsRead} rows, ${record.counts.rejected} skipped.\n` +
          `sha256 ${record.sha256}, import ${record.id}\n`,
      );
      for (const p of record.problems) process.stdout.write(`  skipped ${where(p)}: ${p.reason}\n`);
      return;
    }
    if (shown.status === 'duplicate') {
      process.stdout.write(`${shown.message}\n`);
      return;
    }
    process.stdout.write(`${shown.message}\n`);
    for (const p of shown.problems) process.stdout.write(`  ${where(p)}: ${p.reason}\n`);
    process.exitCode = EXIT_PROBLEMS;
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
      throw new Error(`--format: one of ${FORMAT_CHOICES.join(', ')}.`);
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
    if (!/^\d{1,4}(-\d{1,4})*$/.test(value))
      throw new Error('--uptime-ratios: days joined by -, e.g. 1-7-30');
    return value;
  }

  @Option({
    flags: '--uptime-fetched-at <time>',
    description: 'UptimeRobot: when the file was fetched (ISO 8601)',
  })
  parseUptimeFetchedAt(value: string): string {
    if (Number.isNaN(Date.parse(value)))
      throw new Error('--uptime-fetched-at: a date and time, e.g. 2026-03-01T08:00:00Z');
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
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run(_args: string[], options: CommonOptions & { unit?: string; year?: number }): Promise<void> {
    if (!options.agency) throw new Error('--agency is required.');
    const created = await this.context.run(async (app) => {
      const agency = await agencyOf(app, options.agency);
      const actor = await actorOf(app, options.user);
      return app.get(HubEvidenceService).generate(actor, agency.id, options.unit ?? null, options.year);
    });
    process.stdout.write(`Created evidence ${created.evidenceId} (${created.status}): ${created.title}\n`);
    for (const f of created.files) process.stdout.write(`  ${f.name} ${f.size} bytes sha256 ${f.sha256}\n`);
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
    if (!Number.isInteger(year)) throw new Error('--year: a year such as 2026.');
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
  constructor(@Inject(AppContext) private readonly context: AppContext) {
    super();
  }

  async run(_args: string[], options: { agency?: string }): Promise<void> {
    const total = await this.context.run(async (app) => {
      const agency = options.agency ? await agencyOf(app, options.agency) : null;
      return app
        .get(HubHealthService)
        .checkAll(agency?.id ?? null, { timeoutMs: 10_000 }, (gateway, probe) => {
          const state = probe.chainVerified ? 'ok' : (probe.error ?? 'not verified');
          const until = probe.validTo ? ` valid to ${probe.validTo.toISOString().slice(0, 10)}` : '';
          process.stdout.write(`${gateway.url}: ${state}${until}\n`);
        });
    });
    process.stdout.write(`Checked ${total} gateway URL(s).\n`);
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

function where(p: { line?: number; entry?: string; path?: string }): string {
  return (
    [p.line !== undefined ? `line ${p.line}` : '', p.entry ?? '', p.path ?? ''].filter(Boolean).join(' ') ||
    'file'
  );
}
