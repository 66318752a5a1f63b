import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';

/** What one TLS handshake with a gateway showed: its certificate and whether the chain verified. */
export interface TlsProbe {
  url: string;
  reachable: boolean;
  chainVerified: boolean;
  /** Node's verification or connection error code, e.g. CERT_HAS_EXPIRED, ERR_TLS_CERT_ALTNAME_INVALID. */
  error: string | null;
  subject: string | null;
  issuer: string | null;
  validFrom: Date | null;
  validTo: Date | null;
}

export interface TlsProbeOptions {
  timeoutMs: number;
  /** Extra trusted roots (tests; a private CA of a government network). */
  ca?: string | Buffer;
}

const name = (part: PeerCertificate['subject'] | undefined): string | null => {
  if (!part) return null;
  const fields = ['CN', 'O', 'C'] as const;
  const text = fields
    .map((f) => (part[f] ? `${f}=${String(part[f])}` : ''))
    .filter(Boolean)
    .join(', ');
  return text || null;
};

/**
 * Opens a TLS connection to the host and port of an https URL (443 by default), presenting the
 * host name (SNI), and reads the certificate without sending any request. The handshake accepts
 * any certificate so that an expired or self-signed one is still described; whether the chain
 * and host name verify is recorded apart. Side effect only: nothing is stored here.
 */
export function probeTls(url: string, options: TlsProbeOptions): Promise<TlsProbe> {
  const failed = (error: string): TlsProbe => ({
    url,
    reachable: false,
    chainVerified: false,
    error,
    subject: null,
    issuer: null,
    validFrom: null,
    validTo: null,
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failed('INVALID_URL'));
  }
  if (target.protocol !== 'https:') return Promise.resolve(failed('NOT_HTTPS'));
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(target.port || 443),
      servername: /^[\d.:]+$/.test(host) ? undefined : host,
      rejectUnauthorized: false,
      ca: options.ca,
    });
    const done = (probe: TlsProbe) => {
      socket.destroy();
      resolve(probe);
    };
    socket.setTimeout(options.timeoutMs, () => done(failed('TIMEOUT')));
    socket.once('error', (error: NodeJS.ErrnoException) => done(failed(error.code ?? error.message)));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const authError = socket.authorizationError ? String(socket.authorizationError) : null;
      const hostError = socket.authorized ? hostMismatch(host, cert) : null;
      done({
        url,
        reachable: true,
        chainVerified: socket.authorized && !hostError,
        error: authError ?? hostError,
        subject: name(cert.subject),
        issuer: name(cert.issuer),
        validFrom: cert.valid_from ? new Date(cert.valid_from) : null,
        validTo: cert.valid_to ? new Date(cert.valid_to) : null,
      });
    });
  });
}

/** rejectUnauthorized=false skips the host check too: it is done here with Node's own rule. */
function hostMismatch(host: string, cert: PeerCertificate): string | null {
  const error = checkServerIdentity(host, cert);
  return error ? ((error as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID') : null;
}
