import { Role } from '../access/roles';

/** Shown on the login page and in the README while demo mode is on. */
export const DEMO_PASSWORD = 'demo-spbe-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  /** Which demo agency the account belongs to: the main regency or the second, smaller one. */
  agency: 'main' | 'second' | null;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: 'Admin Nasional (demo)', agency: null },
  { username: 'koordinator', role: 'coordinator', displayName: 'Koordinator SPBE (demo)', agency: 'main' },
  { username: 'operator', role: 'operator', displayName: 'Operator Entri Data (demo)', agency: 'main' },
  { username: 'asesor', role: 'internal_assessor', displayName: 'Asesor Internal (demo)', agency: 'main' },
  { username: 'evaluator', role: 'evaluator', displayName: 'Asesor Eksternal (demo)', agency: null },
  { username: 'pimpinan', role: 'leader', displayName: 'Pimpinan Daerah (demo)', agency: 'main' },
  {
    username: 'koordinator2',
    role: 'coordinator',
    displayName: 'Koordinator Instansi Kedua (demo)',
    agency: 'second',
  },
];
