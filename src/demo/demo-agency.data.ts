import type { UnitKind } from '../units/unit.entity';

/** A realistic regency: its perangkat daerah, with applications and how they exchange data. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  /** Applications: name and whether it goes via the SPL ('spl'), host-to-host ('p2p') or none. */
  apps: [string, 'spl' | 'p2p' | 'none'][];
  /** Evidence of the SPL use for this unit, when present. */
  documented?: boolean;
  outOfScope?: string;
}

const D = (
  code: string,
  name: string,
  kind: UnitKind,
  apps: DemoUnit['apps'],
  documented = true,
): DemoUnit => ({
  code,
  name,
  kind,
  apps,
  documented,
});

export const MAIN_UNITS: DemoUnit[] = [
  D('SETDA', 'Sekretariat Daerah', 'sekretariat', [
    ['SIMDA Keuangan', 'spl'],
    ['e-Office', 'spl'],
  ]),
  D('SETWAN', 'Sekretariat DPRD', 'sekretariat', [['SIM DPRD', 'spl']]),
  D('INSP', 'Inspektorat Daerah', 'inspektorat', [
    ['e-Audit', 'spl'],
    ['SIPKD Pengawasan', 'none'],
  ]),
  D('BAPPEDA', 'Badan Perencanaan Pembangunan Daerah', 'badan', [
    ['e-Planning', 'spl'],
    ['SIPD Perencanaan', 'spl'],
  ]),
  D('BPKAD', 'Badan Pengelolaan Keuangan dan Aset Daerah', 'badan', [
    ['e-Budgeting', 'spl'],
    ['SIMBADA', 'p2p'],
  ]),
  D('BAPENDA', 'Badan Pendapatan Daerah', 'badan', [
    ['e-PBB', 'spl'],
    ['e-BPHTB', 'spl'],
    ['Pajak Online', 'spl'],
  ]),
  D('BKPSDM', 'Badan Kepegawaian dan Pengembangan SDM', 'badan', [
    ['SIMPEG', 'spl'],
    ['e-Kinerja', 'spl'],
  ]),
  D('BPBD', 'Badan Penanggulangan Bencana Daerah', 'badan', [['SIBENCANA', 'spl']]),
  D('KESBANGPOL', 'Badan Kesatuan Bangsa dan Politik', 'badan', [['SIORMAS', 'none']], false),
  D('DINKES', 'Dinas Kesehatan', 'dinas', [
    ['SIMPUS', 'spl'],
    ['SIKDA Generik', 'p2p'],
    ['e-Puskesmas', 'spl'],
  ]),
  D('DISDIK', 'Dinas Pendidikan', 'dinas', [
    ['Dapodik Daerah', 'spl'],
    ['PPDB Online', 'spl'],
  ]),
  D('DISDUKCAPIL', 'Dinas Kependudukan dan Pencatatan Sipil', 'dinas', [
    ['SIAK Terpusat', 'spl'],
    ['Layanan Adminduk Online', 'spl'],
  ]),
  D('DINSOS', 'Dinas Sosial', 'dinas', [['SIKS-NG Daerah', 'spl']]),
  D('DPMPTSP', 'Dinas Penanaman Modal dan PTSP', 'dinas', [
    ['SIMPERIZINAN', 'spl'],
    ['OSS Daerah', 'spl'],
  ]),
  D('DISKOMINFO', 'Dinas Komunikasi dan Informatika', 'dinas', [
    ['Portal Satu Data', 'spl'],
    ['SP4N LAPOR Daerah', 'spl'],
  ]),
  D('DPUPR', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'dinas', [
    ['SIMBG', 'spl'],
    ['SI Jalan', 'none'],
  ]),
  D('DISHUB', 'Dinas Perhubungan', 'dinas', [['e-Parkir', 'p2p']], false),
  D('DLH', 'Dinas Lingkungan Hidup', 'dinas', [['SI Persampahan', 'spl']]),
  D('DISPERKIM', 'Dinas Perumahan dan Kawasan Permukiman', 'dinas', [['SI RTLH', 'none']], false),
  D('DISNAKER', 'Dinas Tenaga Kerja', 'dinas', [['Bursa Kerja Online', 'spl']]),
  D('DISKOPUKM', 'Dinas Koperasi dan UKM', 'dinas', [['SI UMKM', 'spl']]),
  D('DISPERINDAG', 'Dinas Perindustrian dan Perdagangan', 'dinas', [
    ['SI Harga Pasar', 'spl'],
    ['e-Retribusi Pasar', 'p2p'],
  ]),
  D('DISTAN', 'Dinas Pertanian dan Pangan', 'dinas', [['SIMLUHTAN Daerah', 'none']], false),
  D('DISKAN', 'Dinas Perikanan', 'dinas', [['SI Nelayan', 'none']], false),
  D('DISPAR', 'Dinas Pariwisata dan Kebudayaan', 'dinas', [['Portal Wisata', 'spl']]),
  D('DISPORA', 'Dinas Pemuda dan Olahraga', 'dinas', [], false),
  D('DP3AP2KB', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak dan KB', 'dinas', [
    ['SIMFONI Daerah', 'spl'],
  ]),
  D('DPMD', 'Dinas Pemberdayaan Masyarakat dan Desa', 'dinas', [
    ['SISKEUDES Monitoring', 'spl'],
    ['Profil Desa', 'spl'],
  ]),
  D('DISARPUS', 'Dinas Perpustakaan dan Kearsipan', 'dinas', [['SRIKANDI Daerah', 'spl']]),
  D('SATPOLPP', 'Satuan Polisi Pamong Praja', 'other', [['SI Trantibum', 'none']], false),
  D('RSUD', 'RSUD Nusa Makmur', 'other', [
    ['SIMRS', 'spl'],
    ['Antrean Online', 'spl'],
  ]),
  D('KEC-KOTA', 'Kecamatan Kota', 'kecamatan', [['SIPAKAT Kecamatan', 'spl']]),
  D('KEC-UTARA', 'Kecamatan Utara', 'kecamatan', [['SIPAKAT Kecamatan', 'spl']]),
  D('KEC-SELATAN', 'Kecamatan Selatan', 'kecamatan', [['SIPAKAT Kecamatan', 'spl']]),
  D('KEC-TIMUR', 'Kecamatan Timur', 'kecamatan', [['SIPAKAT Kecamatan', 'none']], false),
  D('KEC-BARAT', 'Kecamatan Barat', 'kecamatan', [['SIPAKAT Kecamatan', 'spl']]),
  D('KEC-PESISIR', 'Kecamatan Pesisir', 'kecamatan', [['SIPAKAT Kecamatan', 'none']], false),
  D('BAG-HUKUM', 'Bagian Hukum Setda', 'bagian', [['JDIH', 'spl']]),
  D('BAG-PBJ', 'Bagian Pengadaan Barang/Jasa', 'bagian', [
    ['SPSE', 'p2p'],
    ['SIRUP Daerah', 'spl'],
  ]),
  {
    code: 'UPT-LAB',
    name: 'UPT Laboratorium Kesehatan',
    kind: 'other',
    apps: [],
    outOfScope: 'Digabung ke Dinas Kesehatan mulai tahun ini; tidak mengelola aplikasi sendiri.',
  },
];

export const SECOND_UNITS: DemoUnit[] = [
  D('SETDA', 'Sekretariat Daerah', 'sekretariat', [['e-Office', 'spl']]),
  D('BAPPEDA', 'Bappeda', 'badan', [['e-Planning', 'none']], false),
  D('DINKES', 'Dinas Kesehatan', 'dinas', [['SIMPUS', 'p2p']], false),
  D('DISDUKCAPIL', 'Dinas Dukcapil', 'dinas', [['SIAK', 'spl']]),
  D('DISKOMINFO', 'Dinas Kominfo', 'dinas', [['Portal Data', 'spl']]),
  D('DPMPTSP', 'DPMPTSP', 'dinas', [['SIMPERIZINAN', 'none']], false),
];
