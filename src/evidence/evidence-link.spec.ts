import { translate } from '../i18n/i18n';
import {
  LINK_URL_MAX,
  checkLinkUrl,
  itemSource,
  latestIndonesianDate,
  linkRefused,
  linkUpdate,
  snapshotProblem,
} from './evidence-link';

const PDF = { detectedMime: 'application/pdf' };
const TODAY = '2026-12-05';

describe('checkLinkUrl', () => {
  it('accepts http and https links and keeps the parser’s normal form', () => {
    expect(checkLinkUrl('https://splp.example.go.id/devportal/apis?tenant=a#x')).toEqual({
      ok: true,
      url: 'https://splp.example.go.id/devportal/apis?tenant=a#x',
    });
    expect(checkLinkUrl('HTTP://Example.GO.ID')).toEqual({ ok: true, url: 'http://example.go.id/' });
  });

  it.each([
    ['javascript:alert(1)', 'scheme'],
    ['JavaScript:alert(1)', 'scheme'],
    ['data:text/html,<script>alert(1)</script>', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['ftp://example.go.id/a', 'scheme'],
    ['https://user:secret@example.go.id/', 'credentials'],
    ['https://user@example.go.id/', 'credentials'],
    ['https://example.go.id/a\u0000b', 'control'],
    ['https://example.go.id/\nSet-Cookie:x', 'control'],
    ['https://example.go.id/a b', 'control'],
    [' https://example.go.id/', 'control'],
    ['https://example.go.id/\u202egnp.exe', 'control'],
    ['', 'empty'],
    ['example.go.id/page', 'invalid'],
    ['https://', 'invalid'],
    [`https://example.go.id/${'a'.repeat(LINK_URL_MAX)}`, 'too_long'],
  ])('refuses a bad link, case %#', (raw, problem) => {
    expect(checkLinkUrl(raw)).toMatchObject({ ok: false, problem });
  });

  it('names the refused scheme', () => {
    expect(checkLinkUrl('javascript:void(0)')).toMatchObject({ scheme: 'javascript:' });
  });

  it('refuses a link that grows past the limit once normalised', () => {
    const raw = `https://example.go.id/${'é'.repeat(700)}`;
    expect(raw.length).toBeLessThanOrEqual(LINK_URL_MAX);
    expect(checkLinkUrl(raw)).toMatchObject({ ok: false, problem: 'too_long' });
  });
});

describe('itemSource', () => {
  const link = { url: 'https://example.go.id/sop', capturedAt: '2026-03-01' };

  it('makes a file item from files, with the page’s empty link field beside them', () => {
    expect(itemSource({}, [PDF], [], TODAY)).toEqual({ ok: true, link: null });
    expect(itemSource({ url: '', source: 'file' }, [PDF], [], TODAY)).toEqual({ ok: true, link: null });
  });

  it('makes a link item from a url and a capture date, with at most one PDF or image snapshot', () => {
    expect(itemSource(link, [], [PDF], TODAY)).toEqual({ ok: true, link });
    expect(itemSource(link, [], [{ detectedMime: 'image/png' }], TODAY)).toEqual({ ok: true, link });
    expect(itemSource(link, [], [{ detectedMime: 'application/zip' }], TODAY)).toMatchObject({
      problem: 'snapshot_type',
    });
  });

  it('refuses neither, both, a snapshot alone, and a missing, invalid or future capture date', () => {
    expect(itemSource({}, [], [], TODAY)).toMatchObject({ problem: 'nothing' });
    expect(itemSource({ url: '' }, [], [], TODAY)).toMatchObject({ problem: 'empty' });
    expect(itemSource({ source: 'link' }, [], [], TODAY)).toMatchObject({ problem: 'empty' });
    expect(itemSource(link, [PDF], [], TODAY)).toMatchObject({ problem: 'with_files' });
    expect(itemSource({}, [], [PDF], TODAY)).toMatchObject({ problem: 'snapshot_without_link' });
    expect(itemSource({ url: link.url }, [], [], TODAY)).toMatchObject({ problem: 'captured_missing' });
    expect(itemSource({ ...link, capturedAt: '2026-02-31' }, [], [], TODAY)).toMatchObject({
      problem: 'captured_invalid',
    });
    expect(itemSource({ ...link, capturedAt: '2026-12-06' }, [], [], TODAY)).toMatchObject({
      problem: 'captured_future',
    });
    expect(itemSource({ ...link, capturedAt: TODAY }, [], [], TODAY)).toMatchObject({ ok: true });
  });
});

describe('linkUpdate', () => {
  const current = { url: 'https://example.go.id/a', capturedAt: '2026-03-01' };

  it('leaves the link alone when neither field is sent', () => {
    expect(linkUpdate(current, {}, TODAY)).toEqual({ ok: true, link: null });
  });

  it('checks a changed URL or date like a new link, keeping the other', () => {
    expect(linkUpdate(current, { capturedAt: '2026-03-02' }, TODAY)).toEqual({
      ok: true,
      link: { url: current.url, capturedAt: '2026-03-02' },
    });
    expect(linkUpdate(current, { url: 'file:///etc/passwd' }, TODAY)).toMatchObject({ problem: 'scheme' });
  });

  it('never turns a file item into a link', () => {
    expect(linkUpdate({ url: null, capturedAt: null }, { url: current.url }, TODAY)).toMatchObject({
      problem: 'with_files',
    });
  });
});

describe('snapshotProblem', () => {
  it('lets a link keep one snapshot only', () => {
    expect(snapshotProblem([PDF], 0)).toBeNull();
    expect(snapshotProblem([PDF], 1)).toBe('snapshot_count');
    expect(snapshotProblem([PDF, PDF], 0)).toBe('snapshot_count');
  });
});

describe('latestIndonesianDate', () => {
  it('is already tomorrow in Jayapura late in the UTC evening', () => {
    expect(latestIndonesianDate(new Date('2026-12-05T14:59:59Z'))).toBe('2026-12-05');
    expect(latestIndonesianDate(new Date('2026-12-05T15:00:00Z'))).toBe('2026-12-06');
  });
});

describe('linkRefused', () => {
  it('answers 400 in the request language, naming the field, with a code for programs', () => {
    const id = linkRefused('id', 'scheme', { scheme: 'javascript:' });
    expect(id.getStatus()).toBe(400);
    expect(id.getResponse()).toMatchObject({
      message: 'url: hanya tautan http:// atau https:// yang diterima; skema "javascript:" ditolak.',
      code: 'link_scheme',
      field: 'url',
    });
    const en = linkRefused('en', 'captured_future').getResponse() as { message: string };
    expect(en.message).toBe('capturedAt: the capture date cannot be after today.');
  });

  it('has a message in both catalogues for every problem', () => {
    const problems = [
      'empty',
      'too_long',
      'control',
      'invalid',
      'scheme',
      'credentials',
      'host',
      'captured_missing',
      'captured_invalid',
      'captured_future',
      'with_files',
      'nothing',
      'snapshot_without_link',
      'snapshot_count',
      'snapshot_type',
    ];
    for (const p of problems)
      for (const lang of ['id', 'en'] as const)
        expect(translate(lang, `evidence.link.error.${p}`)).not.toMatch(/^evidence\./);
  });
});
