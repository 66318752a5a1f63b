import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: number;
  /** Raw header values by lower-case name (mailparser parses List-* headers into objects). */
  headers: Record<string, string>;
  messageId: string | undefined;
}

/**
 * A real SMTP server on the loopback for tests: it receives what the app sends, can refuse
 * (a 4xx or 5xx answer to the message), and can be stopped and started again on the same port.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Set to e.g. `550 Mailbox unavailable` or `451 Try again later` to refuse messages. */
  refuseWith: { code: number; message: string } | null = null;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            if (this.refuseWith) {
              const error = new Error(this.refuseWith.message) as Error & { responseCode: number };
              error.responseCode = this.refuseWith.code;
              return callback(error);
            }
            this.received.push({
              to: [parsed.to ?? []]
                .flat()
                .map((a) => a.text)
                .join(', '),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              attachments: parsed.attachments.length,
              headers: rawHeaders(parsed),
              messageId: parsed.messageId,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are refused until `start()` again (same port). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }
}

function rawHeaders(parsed: ParsedMail): Record<string, string> {
  return Object.fromEntries(
    parsed.headerLines.map((h) => [
      h.key,
      h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n\s+/g, ' ')
        .trim(),
    ]),
  );
}
