import { renderAgencySummary } from './agency-summary.pdf';
import type { Pdf } from '../documents/pdf-document';
import { pdfPageTexts } from './pdf-text.testing';
import { sampleReport } from './report.fixtures';

async function bytes(doc: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

async function pages(doc: Pdf): Promise<string[]> {
  return pdfPageTexts(await bytes(doc));
}

/** The text of the whole document, whitespace normalised (table cells wrap anywhere). */
const flat = (text: string[]) => text.join(' ').replace(/\s+/g, ' ');
/** Without any whitespace: text extraction puts a space where a cell wraps after a "/". */
const compact = (text: string) => text.replace(/\s+/g, '');

describe('agency summary PDF layout', () => {
  it('breaks the 500-row evidence manifest across pages, repeating the header row on each', async () => {
    const report = sampleReport({ units: 45, evidence: 500 });
    const text = await pages(renderAgencySummary(report));
    const manifestPages = text.filter(
      (p) => p.includes(report.evidence[10].file!.sha256) || p.includes('bukti-250.pdf'),
    );
    expect(manifestPages.length).toBeGreaterThan(0);
    const withRows = text.filter((p) => /bukti-\d+\.pdf/.test(p));
    expect(withRows.length).toBeGreaterThan(5);
    for (const page of withRows) {
      expect(page).toMatch(/Judul\s+Status\s+Tgl\./);
      expect(page).toContain('SHA-256');
    }
    for (const e of [report.evidence[0], report.evidence[499]])
      expect(text.join('\n')).toContain(e.file!.sha256);
    expect(text.join('\n')).toContain('Kecamatan Sukamaju Wétan 1');
  });

  it('states the frozen snapshot hash and carries no draft mark once final', async () => {
    const text = await pages(renderAgencySummary(sampleReport({ frozen: true, evidence: 20 })));
    expect(text.join('\n')).toContain('f'.repeat(64));
    for (const page of text) expect(page).not.toContain('DRAF');
    expect(text[0]).toContain(`Halaman 1 dari ${text.length}`);
  });

  it('shows the explanations, every official column per level with the numbered evidence items, and the readings', async () => {
    const text = flat(await pages(renderAgencySummary(sampleReport({ units: 5, evidence: 12 }))));
    for (const label of [
      'Penjelasan Indikator',
      'Penjelasan Penilaian',
      'Penjelasan Bukti Dukung',
      'Kriteria Level',
      'Kriteria Pemenuhan Level',
      'Kriteria Bukti Dukung 1',
      'Kriteria Bukti Dukung 2',
    ])
      expect(text).toContain(label);
    expect(compact(text)).toContain(compact('pada sebagaian unit kerja/perangkat daerah..'));
    expect(text).toContain('Teks resmi (verbatim)');
    expect(text).toContain('Teks parafrase, bukan teks resmi');
    expect(text).toContain('Jenis bukti yang memenuhi: Sebelum dan sesudah perbaikan');
    expect(text).toContain('Bukti dukung instansi: belum ada');
    expect(text).toMatch(/Bukti dukung instansi: Laporan reviu dan evaluasi SPL triwulan \d/);
    expect(text).toContain('Tafsiran yang digunakan');
    expect(text).toContain('12 bulan (bawaan edisi B)');
  });

  it('says in English that the texts are translations or paraphrases', async () => {
    const text = flat(await pages(renderAgencySummary(sampleReport({ lang: 'en', units: 5, evidence: 12 }))));
    expect(text).toContain('Readings applied');
    expect(text).toContain('English translation of the official text');
    expect(text).toContain('Paraphrase, not the official text');
    expect(text).toContain('12 months (default of edition B)');
  });
});

describe('agency summary PDF hub figures', () => {
  it('shows the hub figures of the year in Indonesian number style, latency labelled exact', async () => {
    const text = flat(await pages(renderAgencySummary(sampleReport({ units: 3, evidence: 2 }))));
    expect(text).toContain('Angka hub SPL tahun 2026');
    expect(text).toContain('API terbit di bus 38 dari 45 terdaftar');
    expect(text).toContain('Panggilan 1.316.500');
    expect(text).toContain('Tingkat galat 2,01%');
    expect(text).toMatch(/Usang\s+2/);
    expect(text).toMatch(/404\s+17\.234/);
    expect(text).toMatch(/Pembatasan laju \(throttling\)\s+900/);
    expect(text).toMatch(/Respons\s+87,3\s+61\s+240\s+910\s+1\.234\.567\s+tepat, dari event mentah/);
    expect(text).toMatch(/Mediasi permintaan\s+3,2\s+2\s+9\s+21/);
    expect(text).toMatch(/24 jam\s+7 hari\s+30 hari\s+Tahun 2026/);
    expect(text).toMatch(/100%\s+99,5%\s+99,91%\s+99,87%\s+Aktif\s+sejak 2026-09-12 04:10 UTC/);
    expect(text).toContain('2026-09-12 · 45 menit');
    expect(text).toContain("21 hari lagi (2026-10-22) Penerbit: Let's Encrypt R11 Perlu diperbarui");
    expect(text).toMatch(
      /Konsumen teratas \(menurut panggilan\).*Aplikasi Pelayanan Terpadu Satu Pintu 1\s+pemilik1@sukamaju\.go\.id · U01\s+237\.655/,
    );
    expect(text).toContain('Penyedia teratas (menurut panggilan)');
    expect(text).toMatch(/Layanan Data Kependudukan 1\.0\.0\s+U01\s+Diterbitkan\s+412\.000\s+1,23%\s+240/);
    expect(text).toMatch(
      /Perizinan Berusaha Terintegrasi 1\.0\.0\s+U02\s+Diterbitkan\s+98\.000\s+–\s+480 \(pra-agregat\)/,
    );
  });

  it('labels pre-aggregated latency and writes English figures in English style', async () => {
    const report = sampleReport({ lang: 'en', units: 3, evidence: 2 });
    const latency = report.hubFigures!.totals.latency!;
    report.hubFigures!.totals.latency = {
      ...latency,
      precision: 'AGGREGATED',
      asReported: true,
      backend: null,
      requestMediation: null,
      samples: null,
    };
    const text = flat(await pages(renderAgencySummary(report)));
    expect(text).toContain('SPL hub figures for 2026');
    expect(text).toContain('Calls 1,316,500');
    expect(text).toMatch(
      /Response\s+87\.3\s+61\s+240\s+910\s+–\s+pre-aggregated: the highest figure a file reported/,
    );
    expect(text).toContain('Request-mediation and backend latency come from raw analytics events only.');
  });
});
