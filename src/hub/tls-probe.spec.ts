import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { probeTls } from './tls-probe';

/**
 * The TLS probe against loopback servers with certificates generated here by the openssl CLI:
 * valid (signed by a test CA the probe is told to trust), expired, self-signed and for another
 * host. Nothing but 127.0.0.1 is contacted.
 */
describe('probeTls', () => {
  let dir: string;
  const servers: Server[] = [];
  const ports: Record<string, number> = {};
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const file = (name: string) => readFileSync(join(dir, name));

  function signed(name: string, san: string, extra: string[]) {
    writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`,
    );
    openssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.pem`,
      '-extfile',
      `${name}.ext`,
      ...extra,
    );
  }

  async function serve(name: string, key: Buffer, cert: Buffer) {
    const server = createServer({ key, cert }, (socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports[name] = (server.address() as { port: number }).port;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tls-probe-'));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        'dir = .',
        'database = index.txt',
        'new_certs_dir = .',
        'serial = serial',
        'default_md = sha256',
        'default_days = 20',
        'policy = any',
        'unique_subject = no',
        '[any]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '30',
      '-subj',
      '/CN=Test CA/O=SPBE Test',
    );
    const ca = ['-cert', 'ca.pem', '-keyfile', 'ca.key'];
    signed('valid', 'IP:127.0.0.1', [...ca, '-days', '20']);
    signed('expired', 'IP:127.0.0.1', [
      ...ca,
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
    ]);
    signed('other', 'DNS:other.example', [...ca, '-days', '20']);
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-days',
      '90',
      '-subj',
      '/CN=self',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    );
    for (const name of ['valid', 'expired', 'other', 'self'])
      await serve(name, file(`${name}.key`), file(`${name}.pem`));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  const probe = (name: string) =>
    probeTls(`https://127.0.0.1:${ports[name]}/gateway`, { timeoutMs: 5000, ca: file('ca.pem') });

  it('verifies a certificate from a trusted CA for the host, with its subject, issuer and validity', async () => {
    const result = await probe('valid');
    expect(result).toMatchObject({ reachable: true, chainVerified: true, error: null, subject: 'CN=valid' });
    expect(result.issuer).toBe('CN=Test CA, O=SPBE Test');
    const days = (result.validTo!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(18);
    expect(days).toBeLessThan(21);
  });

  it('describes an expired certificate and says why it does not verify', async () => {
    expect(await probe('expired')).toMatchObject({
      reachable: true,
      chainVerified: false,
      error: 'CERT_HAS_EXPIRED',
      validTo: new Date('2020-02-01T00:00:00Z'),
    });
  });

  it('refuses a self-signed certificate and one issued for another host', async () => {
    expect(await probe('self')).toMatchObject({
      reachable: true,
      chainVerified: false,
      error: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(await probe('other')).toMatchObject({
      reachable: true,
      chainVerified: false,
      error: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it('reports a closed port and a plain-http URL without a handshake', async () => {
    const closed = await probeTls('https://127.0.0.1:1/', { timeoutMs: 2000 });
    expect(closed).toMatchObject({ reachable: false, error: 'ECONNREFUSED' });
    expect(await probeTls('http://127.0.0.1/', { timeoutMs: 2000 })).toMatchObject({ error: 'NOT_HTTPS' });
  });
});
