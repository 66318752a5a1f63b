import { render } from '../i18n/message';
import { ConfigError, loadConfig, startupLang } from './app-config';

/** The refusal loadConfig throws for `env`, as a person reads it in each language. */
function refusal(env: Record<string, string>): { id: string; en: string } {
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { id: render('id', error.problem), en: render('en', error.problem) };
  }
  throw new Error('loadConfig accepted the environment');
}

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

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'harus berupa angka', 'must be a number'],
    [{ PORT: '80.5' }, 'PORT', 'harus berupa bilangan bulat', 'must be a whole number'],
    [{ PORT: '70000' }, 'PORT', 'harus paling besar 65535', 'must be at most 65535'],
    [{ DB_POOL_SIZE: '0' }, 'DB_POOL_SIZE', 'harus paling kecil 1', 'must be at least 1'],
    [
      { NODE_ENV: 'staging' },
      'NODE_ENV',
      'harus salah satu dari development, production, test',
      'must be one of development, production, test',
    ],
    [
      { SESSION_SECRET: 'short' },
      'SESSION_SECRET',
      'harus paling sedikit 32 karakter',
      'must be at least 32 characters',
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL',
      'harus berupa URL postgres:// atau postgresql://',
      'must be a postgres:// or postgresql:// URL',
    ],
    [{ APP_URL: 'not a url' }, 'APP_URL', 'harus berupa URL', 'must be a URL'],
    [
      { TIME_ZONE: 'Mars/Olympus' },
      'TIME_ZONE',
      'harus berupa zona waktu IANA seperti Asia/Jakarta',
      'must be an IANA time zone such as Asia/Jakarta',
    ],
    [
      { SMTP_URL: 'smtp://mail:25' },
      'MAIL_FROM',
      'wajib diisi bila SMTP_URL diisi',
      'is required when SMTP_URL is set',
    ],
    [
      { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' },
      'SESSION_SECRET',
      'wajib diisi bila NODE_ENV=production',
      'is required when NODE_ENV=production',
    ],
  ])('says why %j is refused, naming the variable, in Indonesian and English', (env, variable, id, en) => {
    expect(refusal(env)).toEqual({
      id: `Variabel lingkungan ${variable} tidak sah: ${id}`,
      en: `Invalid environment variable ${variable}: ${en}`,
    });
  });

  it('tells a start-up problem in SPBE_LANG when it names a language, else in Indonesian', () => {
    expect(startupLang({ SPBE_LANG: 'en' })).toBe('en');
    expect(startupLang({ SPBE_LANG: 'fr' })).toBe('id');
    expect(startupLang({})).toBe('id');
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
