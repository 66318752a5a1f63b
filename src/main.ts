import 'reflect-metadata';
import { createApp } from './app.setup';
import { Logger as AppLogger } from 'nestjs-pino';
import { ConfigError, loadConfig, loadDotEnv, startupLang } from './config/app-config';
import { msg, render } from './i18n/message';
import { openDatabaseEndpoint } from './database/database-endpoint';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const endpoint = await openDatabaseEndpoint(config);
  const app = await createApp(config, endpoint).catch(async (error: unknown) => {
    await endpoint.close();
    throw error;
  });
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  app.get(AppLogger).log(`Listening on ${url.replace('[::1]', 'localhost')} (database: ${endpoint.kind})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.get(AppLogger).log(`${signal} received, shutting down`);
    await app.close(); // stops accepting requests, waits for open ones, closes the pool
    await endpoint.close(); // then the embedded database, so its files are consistent
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // A bad variable is told in the operator's words (SPBE_LANG); anything else with its stack.
  const lang = startupLang();
  const problem =
    error instanceof ConfigError
      ? render(lang, error.problem)
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  process.stderr.write(`${render(lang, msg('startup.failed', { problem }))}\n`);
  process.exit(1);
});
