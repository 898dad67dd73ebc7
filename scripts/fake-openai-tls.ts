/**
 * A throwaway self-signed certificate for the fake server on 127.0.0.1. The SDK reaches the
 * Realtime API only over `wss:` (it turns any base URL into one), so the fake server must
 * speak TLS to be reached at all. Made with the `openssl` command, once per process, never
 * written anywhere but a temporary folder that is removed at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  /** PEM; clients trust it with `tls.setDefaultCACertificates` or `NODE_EXTRA_CA_CERTS`. */
  cert: string;
}

let made: Certificate | undefined;

export function localCertificate(): Certificate {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'fake-openai-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '7',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    made = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return made;
  } catch (error) {
    throw new Error(
      `The fake server's TLS certificate needs the openssl command (apt-get install openssl): ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
