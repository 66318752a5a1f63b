import { Logger } from '@nestjs/common';
import { MailConfig } from './mail.config';
import { MailDispatcher } from './mail-dispatcher';
import { MailWorker } from './mail.worker';

const config = (over: Partial<MailConfig>): MailConfig => ({
  enabled: true,
  smtpUrl: 'smtp://user:secret@mail.example:587',
  from: 'SPBE <noreply@spbe.example>',
  appUrl: 'http://localhost:3000',
  workerIntervalMs: 1000,
  scanIntervalMs: 0,
  maxAttempts: 8,
  retryBaseMs: 60_000,
  digestHour: 7,
  timeZone: 'Asia/Jakarta',
  ...over,
});

describe('MailWorker', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers();
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.useRealTimers();
    log.mockRestore();
  });

  it('says at boot that the app is inbox-only when SMTP is not set, and sends nothing', () => {
    const runOnce = jest.fn();
    const worker = new MailWorker({ runOnce } as unknown as MailDispatcher, config({ enabled: false }));
    worker.onApplicationBootstrap();
    jest.advanceTimersByTime(5000);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^E-mail is off \(SMTP_URL and MAIL_FROM/));
    expect(runOnce).not.toHaveBeenCalled();
  });

  it('sends on its interval, never two runs at once, logs no password, and stops with the module', async () => {
    let finish: () => void = () => undefined;
    const runOnce = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const worker = new MailWorker({ runOnce } as unknown as MailDispatcher, config({}));
    worker.onApplicationBootstrap();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('through smtp://mail.example:587'));
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret');
    jest.advanceTimersByTime(3500);
    expect(runOnce).toHaveBeenCalledTimes(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(runOnce).toHaveBeenCalledTimes(2);
    finish();
    await worker.onModuleDestroy();
    jest.advanceTimersByTime(5000);
    expect(runOnce).toHaveBeenCalledTimes(2);
  });
});
