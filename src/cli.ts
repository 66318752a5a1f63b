import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliLang, langInArgs } from './cli/cli-lang';
import { CliModule } from './cli/cli.module';
import { ConfigError, loadConfig, loadDotEnv, startupLang } from './config/app-config';
import { msg, render } from './i18n/message';

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
  // Before the configuration is read, the tool's language is the command's --lang, else SPBE_LANG.
  const lang = langInArgs(process.argv.slice(2)) ?? startupLang();
  const message =
    error instanceof ConfigError
      ? render(lang, msg('cli.error', { problem: error.problem }))
      : error instanceof Error
        ? error.stack
        : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
