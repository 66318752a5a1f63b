import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the embedded database and demo data by default in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      databaseKind: 'embedded',
      demo: true,
      dbPoolSize: 1,
    });
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.uploadsDir).toMatch(/uploads$/);
  });

  it('uses the server named by DATABASE_URL, without demo data unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', DB_POOL_SIZE: '7' });
    expect(config).toMatchObject({ databaseKind: 'postgres', demo: false, dbPoolSize: 7 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x', DEMO: 'true' }).demo).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }, 'SESSION_SECRET'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail:25' }, 'MAIL_FROM'],
    [{ MAIL_FROM: 'noreply@example.go.id' }, 'SMTP_URL'],
    [{ TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
  ])('stops the boot naming the variable when %j is invalid', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid environment variable ${variable}:`));
  });

  it('runs inbox-only without SMTP_URL, and sends mail when SMTP_URL and MAIL_FROM are both set', () => {
    expect(loadConfig({}).mail).toMatchObject({ enabled: false, appUrl: 'http://localhost:3000' });
    expect(
      loadConfig({
        SMTP_URL: 'smtp://mail:25',
        MAIL_FROM: 'SPBE <noreply@x.go.id>',
        APP_URL: 'https://spbe.x/',
      }).mail,
    ).toMatchObject({ enabled: true, smtpUrl: 'smtp://mail:25', appUrl: 'https://spbe.x' });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseKind: 'embedded',
    });
  });
});
