import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuditCommand, AuditVerifyCommand } from '../audit/audit.command';
import { LevelsCommand, LevelsRecomputeCommand } from '../levels/levels.command';
import { BackupCommand, RestoreCommand } from '../backup/backup.command';
import { ConfigModule } from '../config/config.module';
import {
  MigrateCommand,
  MigrateGenerateCommand,
  MigrateRevertCommand,
  MigrateRunCommand,
  MigrateShowCommand,
} from '../database/migrate.command';
import { EvidenceCommand, EvidenceVerifyCommand } from '../evidence/evidence.command';
import {
  HubCheckEndpointsCommand,
  HubCommand,
  HubEvidenceCommand,
  HubImportCommand,
} from '../hub/hub.command';
import {
  FrameworkCommand,
  FrameworkImportCommand,
  FrameworkListCommand,
  FrameworkValidateCommand,
} from '../framework-packages/framework.command';
import { IndexCommand } from '../framework-packages/index.command';
import { PackageVerifyCommand } from '../evidence/package-verify.command';
import { ScoringModule } from '../scoring/scoring.module';
import { UsersCommand, UsersCreateCommand } from '../auth/users.command';
import { AppContext } from './app-context';
import { CliLang } from './cli-lang';
import { PositionalOptions } from './positional-options';

/** The command-line tool's module: commands open the app's modules only when they need them. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, lang: CliLang = new CliLang(config.cliLang)): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), ScoringModule],
      providers: [
        { provide: CliLang, useValue: lang },
        AppContext,
        PositionalOptions,
        MigrateCommand,
        MigrateRunCommand,
        MigrateRevertCommand,
        MigrateShowCommand,
        MigrateGenerateCommand,
        UsersCommand,
        UsersCreateCommand,
        EvidenceCommand,
        EvidenceVerifyCommand,
        HubCommand,
        HubImportCommand,
        HubEvidenceCommand,
        HubCheckEndpointsCommand,
        PackageVerifyCommand,
        AuditCommand,
        AuditVerifyCommand,
        LevelsCommand,
        LevelsRecomputeCommand,
        BackupCommand,
        RestoreCommand,
        FrameworkCommand,
        FrameworkValidateCommand,
        FrameworkImportCommand,
        FrameworkListCommand,
        IndexCommand,
      ],
    };
  }
}
