import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { hashPassword } from '../auth/passwords';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { HubImportService } from '../hub/hub-import.service';
import { Period } from '../periods/period.entity';
import { User } from '../users/user.entity';
import { NationalRecompute } from '../levels/national-recompute';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { MAIN_UNITS, SECOND_UNITS } from './demo-agency.data';
import { seedMainAgency, seedSecondAgency } from './demo-agency.seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../auth/demo-accounts';
import { importDemoHubData } from './demo-hub.seed';

export const DEMO_AGENCIES = {
  main: {
    code: 'kab-nusa-makmur',
    name: 'Pemerintah Kabupaten Nusa Makmur',
    kind: 'regency',
    areaCode: '35.99',
    domain: 'nusamakmurkab.go.id',
  },
  second: {
    code: 'kota-tirta-sari',
    name: 'Pemerintah Kota Tirta Sari',
    kind: 'city',
    areaCode: '35.98',
    domain: 'tirtasarikota.go.id',
  },
} as const;

/**
 * Demo mode gives a new user something to look at and one account per role to try. Production
 * refuses to start while demo accounts exist, so a demo database cannot go live by accident.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NationalRecompute) private readonly levels: NationalRecompute,
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
    // Optional so the seeder can be built by hand (production check) without the hub module.
    @Optional() @Inject(HubImportService) private readonly hubImports?: HubImportService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.env === 'production') {
      const demoUsers = await this.dataSource.getRepository(User).count({ where: { isDemo: true } });
      if (demoUsers > 0) {
        throw new Error(
          `Production refuses to start: ${demoUsers} demo account(s) exist. Remove them first.`,
        );
      }
      return;
    }
    if (!this.config.demo) return;
    const started = Date.now();
    const mainAgencyId = await this.dataSource.transaction((m) => this.seed(m));
    if (!mainAgencyId) return;
    const seededMs = Date.now() - started;
    // Hub imports run after the commit: each opens its own transaction on the one connection.
    const hubFiles = await this.importHubData(mainAgencyId);
    this.logger.log(
      `Demo data created in ${seededMs} ms, ${hubFiles} hub file(s) imported in ${Date.now() - started - seededMs} ms. ` +
        `Sign in as ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} with "${DEMO_PASSWORD}".`,
    );
  }

  /** Realistic hub usage for the main agency; a failure is logged and the app starts anyway. */
  private async importHubData(agencyId: string): Promise<number> {
    if (!this.hubImports) return 0;
    try {
      return await importDemoHubData(this.hubImports, agencyId, DEMO_AGENCIES.main, this.logger);
    } catch (error) {
      this.logger.warn(`Demo hub data not imported: ${(error as Error).message}`);
      return 0;
    }
  }

  /**
   * Idempotent: does nothing when the demo agencies exist already. Returns the main agency's id
   * when it has just created the demo data, null otherwise.
   */
  async seed(m: EntityManager): Promise<string | null> {
    await m.query('SELECT pg_advisory_xact_lock(720718013)');
    if (await m.getRepository(Agency).exists({ where: { code: DEMO_AGENCIES.main.code } })) return null;
    const main = await m
      .getRepository(Agency)
      .save(m.getRepository(Agency).create({ ...DEMO_AGENCIES.main }));
    const second = await m
      .getRepository(Agency)
      .save(m.getRepository(Agency).create({ ...DEMO_AGENCIES.second }));
    const period = await this.ensurePeriod(m);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const agencyIds = { main: main.id, second: second.id };
    for (const account of DEMO_ACCOUNTS) {
      const user = await m.getRepository(User).save(
        m.getRepository(User).create({
          username: account.username,
          displayName: account.displayName,
          email: account.email,
          lang: account.lang,
          role: account.role,
          agencyId: account.agency ? agencyIds[account.agency] : null,
          passwordHash,
          isDemo: true,
        }),
      );
      // The demo evaluator reviews the regency, so its submission reaches them (inbox and mail).
      if (account.role === 'evaluator')
        await m.query(
          'INSERT INTO evaluator_assignment (user_id, agency_id, period_id) VALUES ($1, $2, $3)',
          [user.id, main.id, period.id],
        );
    }
    await seedMainAgency(m, main.id, period, MAIN_UNITS, this.evidence, this.driver);
    await seedSecondAgency(m, second.id, period, SECOND_UNITS, this.evidence);
    await this.levels.recompute([main.id, second.id], m);
    return main.id;
  }

  private async ensurePeriod(m: EntityManager): Promise<Period> {
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const existing = await m.getRepository(Period).findOne({ where: { year } });
    if (existing) return existing;
    return m.getRepository(Period).save(
      m.getRepository(Period).create({
        year,
        asOf: today,
        edition: 'B',
        coverageTarget: '1',
        stage: 'self_assessment',
        selfAssessmentStart: `${year}-01-15`,
        selfAssessmentEnd: `${year}-06-30`,
        documentReviewEnd: `${year}-08-31`,
        interviewEnd: `${year}-10-15`,
        finalDate: `${year}-11-30`,
      }),
    );
  }
}
