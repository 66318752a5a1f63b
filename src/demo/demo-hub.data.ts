/**
 * What the demo regency's SPL looks like from its own exports: the hubs, the rules that map hub
 * data to units, the APIs units publish, the applications that call them, and the outages the
 * monitors saw. demo-hub.files.ts turns this into the files an agency would really download.
 * Users are written without the tenant (`setda`); the files add `@<agency domain>`.
 */

export const NATIONAL_HUB = {
  hubId: 'splp-nasional',
  name: 'SPLP Nasional (Komdigi)',
  gateway: 'https://splp.layanan.go.id',
};

export const OWN_HUB = {
  name: 'SPL Kabupaten Nusa Makmur',
  gateway: 'https://api.nusamakmurkab.go.id',
  portal: 'https://developer.nusamakmurkab.go.id',
};

/** F8 rules: most units publish under their own account; a few are recognised otherwise. */
export const DEMO_HUB_RULES: Array<[unitCode: string, matchType: string, user: string]> = [
  ['SETDA', 'provider', 'setda'],
  ['BAPPEDA', 'business_owner', 'Bidang Perencanaan Bappeda'],
  ['BAPPEDA', 'app_owner', 'bappeda'],
  ['BPKAD', 'provider', 'bpkad'],
  ['BAPENDA', 'provider', 'bapenda'],
  ['BKPSDM', 'provider', 'bkpsdm'],
  ['DINKES', 'provider', 'dinkes'],
  ['DISDIK', 'provider', 'disdik'],
  ['DISDUKCAPIL', 'provider', 'disdukcapil'],
  // Verifikasi NIK was published by the SPL admin account; its context says whose it is.
  ['DISDUKCAPIL', 'context_prefix', '/kependudukan'],
  ['DINSOS', 'provider', 'dinsos'],
  ['DPMPTSP', 'provider', 'dpmptsp'],
  ['DISKOMINFO', 'provider', 'diskominfo'],
  // The hospital's APIs come from a vendor account; the tag names the unit.
  ['RSUD', 'tag', 'rsud'],
  ['RSUD', 'app_owner', 'rsud'],
  ['BAG-HUKUM', 'context_prefix', '/jdih'],
];

export interface DemoHubApi {
  name: string;
  version: string;
  context: string;
  provider: string;
  status: 'PUBLISHED' | 'CREATED' | 'DEPRECATED' | 'RETIRED';
  description: string;
  /** Backend URL; one on the national gateway shows the agency consuming a national service. */
  backend: string;
  tags?: string[];
  businessOwner?: string;
  /** Typical response latency in ms (the median of the generated events). */
  medianMs: number;
  resources?: Array<[method: string, template: string]>;
  createdDaysAgo: number;
}

const api = (
  name: string,
  version: string,
  context: string,
  provider: string,
  backend: string,
  medianMs: number,
  more: Partial<DemoHubApi> = {},
): DemoHubApi => ({
  name,
  version,
  context,
  provider,
  backend,
  medianMs,
  status: 'PUBLISHED',
  description: `Layanan ${name}`,
  createdDaysAgo: 400,
  ...more,
});

const LOCAL = 'http://10.20.1';
const SPLP = NATIONAL_HUB.gateway;

/** Names equal to a demo application's make the hub data prove that application uses the SPL. */
export const DEMO_HUB_APIS: DemoHubApi[] = [
  api('SIMDA Keuangan', '1.0.0', '/keuangan/simda', 'setda', `${LOCAL}.11:8080/simda/api`, 140, {
    tags: ['keuangan'],
    resources: [
      ['GET', '/sp2d/{nomor}'],
      ['GET', '/realisasi'],
    ],
    createdDaysAgo: 610,
  }),
  api('e-Office', '2.1.0', '/eoffice', 'setda', 'https://eoffice.nusamakmurkab.go.id/api/v2', 85, {
    resources: [
      ['POST', '/surat'],
      ['GET', '/surat/{id}'],
    ],
  }),
  api('SIPD Perencanaan', '1.0.0', '/sipd', 'bappeda', `${SPLP}/t/kemendagri.go.id/sipd/1.0.0`, 260, {
    businessOwner: 'Bidang Perencanaan Bappeda',
    description: 'Sinkronisasi program dan kegiatan dengan SIPD Kemendagri melalui SPLP',
  }),
  api('Data Perencanaan', '1.2.0', '/perencanaan', 'bappeda', `${LOCAL}.14:8000/eplanning`, 110, {
    businessOwner: 'Bidang Perencanaan Bappeda',
  }),
  api('e-Budgeting', '1.0.0', '/ebudgeting', 'bpkad', `${LOCAL}.12:8080/ebudgeting/api`, 120),
  api('Data Aset Daerah', '1.0.0', '/aset', 'bpkad', `${LOCAL}.12:8081/simbada/api`, 150, {
    status: 'CREATED',
    description: 'Pengganti koneksi langsung SIMBADA, belum diterbitkan',
    createdDaysAgo: 12,
  }),
  api('e-PBB', '1.0.0', '/pajak/pbb', 'bapenda', `${LOCAL}.21:8080/pbb`, 95, {
    tags: ['pajak'],
    resources: [['GET', '/sppt/{nop}']],
  }),
  api('e-BPHTB', '1.0.0', '/pajak/bphtb', 'bapenda', `${LOCAL}.21:8082/bphtb`, 130, { tags: ['pajak'] }),
  api('Pajak Online', '1.0.0', '/pajak/online', 'bapenda', `${LOCAL}.21:8090/v1`, 160, {
    status: 'DEPRECATED',
    tags: ['pajak'],
    createdDaysAgo: 700,
  }),
  api('Pajak Online', '2.0.0', '/pajak/online', 'bapenda', `${LOCAL}.21:8090/v2`, 105, {
    tags: ['pajak'],
    createdDaysAgo: 150,
  }),
  api('SIMPEG', '2.0.0', '/kepegawaian/simpeg', 'bkpsdm', `${LOCAL}.31:8080/simpeg/v2`, 70, {
    resources: [
      ['GET', '/pegawai/{nip}'],
      ['GET', '/unit-kerja'],
    ],
    createdDaysAgo: 200,
  }),
  api('SIMPEG', '1.0.0', '/kepegawaian/simpeg', 'bkpsdm', `${LOCAL}.31:8080/simpeg/v1`, 90, {
    status: 'RETIRED',
    createdDaysAgo: 800,
  }),
  api('SIMPUS', '1.0.0', '/kesehatan/simpus', 'dinkes', `${LOCAL}.41:8080/simpus/api`, 180, {
    tags: ['kesehatan'],
  }),
  api('e-Puskesmas', '1.0.0', '/kesehatan/epuskesmas', 'dinkes', `${LOCAL}.42:3000/api`, 150, {
    tags: ['kesehatan'],
  }),
  api('PPDB Online', '1.0.0', '/ppdb', 'disdik', `${LOCAL}.51:8080/ppdb/v1`, 120, { tags: ['pendidikan'] }),
  api('PPDB Online', '2.0.0', '/ppdb', 'disdik', `${LOCAL}.51:8080/ppdb/v2`, 110, {
    status: 'CREATED',
    tags: ['pendidikan'],
    createdDaysAgo: 25,
  }),
  api('Data Sekolah', '1.0.0', '/pendidikan/sekolah', 'disdik', `${LOCAL}.51:8085/sekolah`, 75, {
    tags: ['pendidikan'],
  }),
  api(
    'Verifikasi NIK',
    '2.0.0',
    '/kependudukan/nik',
    'admin',
    `${SPLP}/t/dukcapil.kemendagri.go.id/verifikasi-nik/2.0.0`,
    230,
    {
      description: 'Verifikasi NIK ke Dukcapil Kemendagri melalui SPLP',
      resources: [['POST', '/verifikasi']],
    },
  ),
  api(
    'Layanan Adminduk Online',
    '1.0.0',
    '/kependudukan/adminduk',
    'disdukcapil',
    `${LOCAL}.61:8080/adminduk`,
    135,
  ),
  api('Cek DTKS', '1.0.0', '/sosial/dtks', 'dinsos', `${SPLP}/t/kemensos.go.id/dtks/1.0.0`, 310, {
    description: 'Pemeriksaan Data Terpadu Kesejahteraan Sosial Kemensos melalui SPLP',
    resources: [['GET', '/penerima/{nik}']],
  }),
  api('SIMPERIZINAN', '1.0.0', '/perizinan', 'dpmptsp', `${LOCAL}.71:8080/perizinan/api`, 125),
  api('OSS Daerah', '1.0.0', '/perizinan/oss', 'dpmptsp', `${SPLP}/t/bkpm.go.id/oss-rba/1.0.0`, 280, {
    description: 'Data perizinan berusaha OSS RBA melalui SPLP',
  }),
  api('Portal Satu Data', '1.0.0', '/satudata', 'diskominfo', `${LOCAL}.81:8080/ckan/api`, 90),
  api('SP4N LAPOR Daerah', '1.0.0', '/lapor', 'diskominfo', `${LOCAL}.82:8080/lapor`, 100),
  api('Antrean Online', '1.0.0', '/rsud/antrean', 'simrs.vendor', `${LOCAL}.91:8080/antrean`, 65, {
    tags: ['rsud', 'kesehatan'],
  }),
  api('SIMRS', '1.0.0', '/rsud/simrs', 'simrs.vendor', `${LOCAL}.91:8080/simrs`, 200, {
    tags: ['rsud'],
  }),
  api('JDIH', '1.0.0', '/jdih', 'admin', 'https://jdih.nusamakmurkab.go.id/api', 55),
  // Published by the SPL admin for everyone; no rule names a unit for it (shown as unmapped).
  api('Prakiraan Cuaca BMKG', '1.0.0', '/cuaca', 'admin', 'https://api.bmkg.go.id/publik', 240, {
    createdDaysAgo: 90,
  }),
];

export type UserAgentKind = 'server' | 'web' | 'mobile';

/** An application calling APIs: calls are [API name@version, relative traffic]. */
export interface DemoHubConsumer {
  name: string;
  owner: string;
  agent: UserAgentKind;
  calls: Array<[api: string, weight: number]>;
  keyType?: 'PRODUCTION' | 'SANDBOX';
}

export const DEMO_HUB_CONSUMERS: DemoHubConsumer[] = [
  {
    name: 'SIMPERIZINAN',
    owner: 'dpmptsp',
    agent: 'server',
    calls: [
      ['Verifikasi NIK@2.0.0', 14],
      ['e-PBB@1.0.0', 4],
      ['OSS Daerah@1.0.0', 6],
    ],
  },
  {
    name: 'Layanan Adminduk Online',
    owner: 'disdukcapil',
    agent: 'web',
    calls: [['Verifikasi NIK@2.0.0', 12]],
  },
  {
    name: 'e-Puskesmas',
    owner: 'dinkes',
    agent: 'server',
    calls: [
      ['Verifikasi NIK@2.0.0', 8],
      ['Cek DTKS@1.0.0', 3],
      ['SIMRS@1.0.0', 2],
    ],
  },
  {
    name: 'SIMRS',
    owner: 'rsud',
    agent: 'server',
    calls: [
      ['Verifikasi NIK@2.0.0', 7],
      ['Cek DTKS@1.0.0', 2],
    ],
  },
  {
    name: 'SIKS-NG Daerah',
    owner: 'dinsos',
    agent: 'server',
    calls: [
      ['Cek DTKS@1.0.0', 6],
      ['Verifikasi NIK@2.0.0', 3],
    ],
  },
  {
    name: 'Pajak Online',
    owner: 'bapenda',
    agent: 'web',
    calls: [
      ['Verifikasi NIK@2.0.0', 4],
      ['e-BPHTB@1.0.0', 4],
    ],
  },
  {
    name: 'e-Office',
    owner: 'setda',
    agent: 'web',
    calls: [
      ['SIMPEG@2.0.0', 6],
      ['JDIH@1.0.0', 2],
    ],
  },
  {
    name: 'e-Kinerja',
    owner: 'bkpsdm',
    agent: 'web',
    calls: [
      ['SIMPEG@2.0.0', 7],
      ['e-Office@2.1.0', 3],
    ],
  },
  {
    name: 'e-Budgeting',
    owner: 'bpkad',
    agent: 'server',
    calls: [
      ['SIMDA Keuangan@1.0.0', 5],
      ['SIPD Perencanaan@1.0.0', 2],
    ],
  },
  {
    name: 'Portal Satu Data',
    owner: 'diskominfo',
    agent: 'server',
    calls: [
      ['SIMPUS@1.0.0', 2],
      ['Data Sekolah@1.0.0', 2],
      ['e-Budgeting@1.0.0', 1],
      ['Data Perencanaan@1.2.0', 1],
      ['Prakiraan Cuaca BMKG@1.0.0', 2],
    ],
  },
  {
    name: 'Nusa Makmur Mobile',
    owner: 'diskominfo',
    agent: 'mobile',
    calls: [
      ['Antrean Online@1.0.0', 9],
      ['e-Puskesmas@1.0.0', 3],
      ['SIMPERIZINAN@1.0.0', 2],
      ['SP4N LAPOR Daerah@1.0.0', 3],
      ['PPDB Online@1.0.0', 3],
      ['Layanan Adminduk Online@1.0.0', 3],
      ['Pajak Online@1.0.0', 1],
      ['Pajak Online@2.0.0', 2],
    ],
  },
  {
    name: 'PPDB Online',
    owner: 'disdik',
    agent: 'web',
    keyType: 'SANDBOX',
    calls: [['PPDB Online@2.0.0', 2]],
  },
];

/**
 * Devportal subscriptions exist for every call above except these (the page flags the call),
 * plus a few extra: one not used yet (flagged too) and one blocked on a retired API.
 */
export const DEMO_CALLS_WITHOUT_SUBSCRIPTION = ['Nusa Makmur Mobile > Pajak Online@1.0.0'];
export const DEMO_EXTRA_SUBSCRIPTIONS: Array<[consumer: string, api: string, status: string]> = [
  ['Nusa Makmur Mobile', 'Portal Satu Data@1.0.0', 'UNBLOCKED'],
  ['e-Kinerja', 'SIMPEG@1.0.0', 'BLOCKED'],
];

/** Outages the UptimeRobot monitors logged, counted back from the end of the data window. */
export interface DemoOutage {
  daysAgo: number;
  /** UTC time of day the outage started, minutes after midnight. */
  startMinute: number;
  minutes: number;
  code: string;
  detail: string;
}

export const DEMO_MONITORS: Array<{ name: string; url: string; responseMs: number; outages: DemoOutage[] }> =
  [
    {
      name: 'Gateway SPL Nusa Makmur',
      url: `${OWN_HUB.gateway}/`,
      responseMs: 212,
      outages: [
        { daysAgo: 52, startMinute: 134, minutes: 14, code: '522', detail: 'Connection Timeout' },
        { daysAgo: 31, startMinute: 400, minutes: 42, code: '502', detail: 'Bad Gateway' },
        { daysAgo: 9, startMinute: 785, minutes: 6, code: '522', detail: 'Connection Timeout' },
      ],
    },
    {
      name: 'Portal Pengembang SPL',
      url: `${OWN_HUB.portal}/devportal`,
      responseMs: 468,
      outages: [
        { daysAgo: 44, startMinute: 990, minutes: 95, code: '503', detail: 'Service Unavailable' },
        { daysAgo: 17, startMinute: 190, minutes: 8, code: '522', detail: 'Connection Timeout' },
      ],
    },
  ];

/** A national backend that timed out for a few hours: calls through it fail as TARGET_CONNECTIVITY. */
export const NATIONAL_BACKEND_OUTAGE = { daysAgo: 24, startMinute: 90, minutes: 180 };

/** Analytics events in the window, all consumers together (kept small: the demo boots fast). */
export const DEMO_EVENT_COUNT = 3000;
