import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, DatabaseKind } from '../config/app-config';
import { HealthRepository } from './health.repository';

export interface HealthReport {
  status: 'ok' | 'error';
  database: DatabaseKind;
  version: string;
  error?: string;
}

const PROBE_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(HealthRepository) private readonly database: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const base = { database: this.config.databaseKind, version: this.config.version };
    try {
      await withTimeout(this.database.ping(), PROBE_TIMEOUT_MS);
      return { status: 'ok', ...base };
    } catch (error) {
      return { status: 'error', ...base, error: `database unreachable: ${(error as Error).message}` };
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
