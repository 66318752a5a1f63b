import { PERIOD_STAGES } from '../periods/period.entity';
import { render } from '../i18n/message';
import { WORKFLOW_ACTIONS, allows, refusal, stageRulesTable } from './stage-rules';

describe('stage rules', () => {
  it('closes everything but freezing in the final stage, even for admins', () => {
    for (const action of WORKFLOW_ACTIONS) {
      const open = allows(action, {
        stage: 'final',
        submitted: true,
        admin: true,
        itemStatus: 'needs_revision',
      });
      expect([action, open]).toEqual([action, action === 'period.freeze']);
    }
  });

  it('locks the agency data once the agency submits, and opens returned items only', () => {
    expect(allows('agency_data.write', { stage: 'self_assessment', submitted: false })).toBe(true);
    expect(allows('agency_data.write', { stage: 'self_assessment', submitted: true })).toBe(false);
    expect(
      allows('evidence.edit', { stage: 'self_assessment', submitted: true, itemStatus: 'submitted' }),
    ).toBe(false);
    expect(
      allows('evidence.edit', { stage: 'self_assessment', submitted: true, itemStatus: 'needs_revision' }),
    ).toBe(true);
    expect(
      allows('evidence.edit', { stage: 'document_review', submitted: true, itemStatus: 'needs_revision' }),
    ).toBe(true);
  });

  it('opens only reopened, unanswered items in the interview, however they were left before', () => {
    const returned = { stage: 'interview' as const, submitted: true, itemStatus: 'needs_revision' };
    expect(allows('evidence.edit', returned)).toBe(false);
    expect(allows('evidence.edit', { ...returned, itemReopened: true })).toBe(true);
    expect(allows('interview.answer', { ...returned, itemReopened: true })).toBe(true);
    expect(allows('evidence.agency_status', { ...returned, itemReopened: true })).toBe(false);
  });

  it('lets admins correct decisions before final, but not edit the agency data', () => {
    const early = { stage: 'self_assessment' as const, submitted: false };
    expect(allows('evidence.decide', early)).toBe(false);
    expect(allows('evidence.decide', { ...early, admin: true })).toBe(true);
    expect(allows('agency_data.write', { ...early, submitted: true, admin: true })).toBe(false);
  });

  it('names the lock, the stage and the period in words of either language when refusing', () => {
    const closed = refusal('evidence.create', { stage: 'document_review', submitted: true }, 2026);
    expect(closed && render('en', closed)).toBe(
      'Workflow lock: in period 2026 (Document review stage), "Add evidence" is closed. The agency has submitted its 2026 assessment.',
    );
    expect(closed && render('id', closed)).toBe(
      'Kunci alur kerja: pada periode 2026 (tahapan Penilaian dokumen), "Menambah bukti dukung" tertutup. Instansi telah mengirim penilaian 2026.',
    );
    const returned = refusal(
      'evidence.edit',
      { stage: 'document_review', submitted: true, itemStatus: 'submitted' },
      2026,
    );
    expect(returned && render('id', returned)).toMatch(
      /"Mengubah bukti dukung dan berkasnya" dibuka hanya bukti yang dikembalikan untuk perbaikan/,
    );
    expect(refusal('evidence.create', { stage: 'self_assessment', submitted: false }, 2026)).toBeNull();
  });

  it('publishes one row per action with a cell per stage', () => {
    const table = stageRulesTable();
    expect(table).toHaveLength(WORKFLOW_ACTIONS.length);
    expect(table.every((row) => row.stages.map((s) => s.stage).join() === PERIOD_STAGES.join())).toBe(true);
    expect(table.find((r) => r.action === 'assessment.submit')?.roles).toEqual(['admin', 'coordinator']);
  });
});
