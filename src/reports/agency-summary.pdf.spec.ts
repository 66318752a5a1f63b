import { renderAgencySummary } from './agency-summary.pdf';
import type { Pdf } from './pdf-document';
import { pdfPageTexts } from './pdf-text.testing';
import { sampleReport } from './report.fixtures';

async function pages(doc: Pdf): Promise<string[]> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.end();
  await ended;
  return pdfPageTexts(Buffer.concat(chunks));
}

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
});
