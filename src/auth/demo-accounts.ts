import { Role } from '../access/roles';

/** Shown on the login page and in the README while demo mode is on; the demo seed creates them. */
export const DEMO_PASSWORD = 'demo-spbe-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  /** Which demo agency the account belongs to: the main regency or the second, smaller one. */
  agency: 'main' | 'second' | null;
  /** Where the demo sends this account's mail when SMTP_URL is set (a reserved .example domain). */
  email: string;
  /** The language of the account's mail: one demo account reads English. */
  lang: 'id' | 'en';
}

const mail = (username: string) => `${username}@spbe-demo.example`;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    role: 'admin',
    displayName: 'Admin Nasional (demo)',
    agency: null,
    email: mail('admin'),
    lang: 'id',
  },
  {
    username: 'koordinator',
    role: 'coordinator',
    displayName: 'Koordinator SPBE (demo)',
    agency: 'main',
    email: mail('koordinator'),
    lang: 'id',
  },
  {
    username: 'operator',
    role: 'operator',
    displayName: 'Operator Entri Data (demo)',
    agency: 'main',
    email: mail('operator'),
    lang: 'id',
  },
  {
    username: 'asesor',
    role: 'internal_assessor',
    displayName: 'Asesor Internal (demo)',
    agency: 'main',
    email: mail('asesor'),
    lang: 'id',
  },
  {
    username: 'evaluator',
    role: 'evaluator',
    displayName: 'Asesor Eksternal (demo)',
    agency: null,
    email: mail('evaluator'),
    lang: 'en',
  },
  {
    username: 'pimpinan',
    role: 'leader',
    displayName: 'Pimpinan Daerah (demo)',
    agency: 'main',
    email: mail('pimpinan'),
    lang: 'id',
  },
  {
    username: 'koordinator2',
    role: 'coordinator',
    displayName: 'Koordinator Instansi Kedua (demo)',
    agency: 'second',
    email: mail('koordinator2'),
    lang: 'id',
  },
];
