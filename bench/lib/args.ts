/** Command-line flags of the bench scripts: `--name value`, read once, with a fallback. */
export function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`--${name} needs a number, got ${process.argv[index + 1]}`);
  return value;
}

export function flagArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/**
 * The bench scripts run the app as production would: no demo data, compiled view cache, and
 * warnings only in the log (one log line per request would be measured as well otherwise).
 */
export function benchEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DEMO: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    LOG_PRETTY: 'false',
  };
}
