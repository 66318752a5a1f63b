import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliLang } from './cli/cli-lang';
import { CliModule } from './cli/cli.module';
import { ConfigError, loadConfig, loadDotEnv } from './config/app-config';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const lang = new CliLang(config.cliLang);
  await CommandFactory.run(CliModule.forRoot(config, lang), {
    cliName: 'npm run cli --',
    logger: ['error', 'warn'],
    version: config.version,
    errorHandler: (error) => {
      // commander reports --help and --version as "errors" with exit code 0
      const code = (error as { exitCode?: number }).exitCode;
      process.exit(typeof code === 'number' ? code : 1);
    },
    serviceErrorHandler: (error) => {
      process.stderr.write(`${lang.say('cli.error', { problem: lang.describe(error) })}\n`);
      process.exitCode = 1;
    },
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
