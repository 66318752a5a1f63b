import { dateInWords, notificationText, pageUrl, renderMail } from './mail-templates';

const links = {
  appUrl: 'https://spbe.example',
  unsubscribeUrl: 'https://spbe.example/mail/unsubscribe?token=t',
  preferencesUrl: 'https://spbe.example/account/notifications',
};

describe('renderMail', () => {
  it('says "rejected" with the reason for a rejected item, in text and HTML from the same blocks', () => {
    const mail = renderMail(
      {
        kind: 'returned',
        lang: 'en',
        link: '/agencies/a/evidence/e',
        payload: {
          title: 'SOP <SPL>',
          agency: 'Kota X',
          year: 2026,
          reason: 'Not signed',
          status: 'rejected',
        },
      },
      links,
    );
    expect(mail.subject).toBe('Evidence "SOP <SPL>" was rejected');
    expect(mail.text).toContain('Reason: Not signed');
    expect(mail.text).toContain('Open in SPBE Tracker: https://spbe.example/agencies/a/evidence/e');
    expect(mail.html).toContain('Evidence &quot;SOP &lt;SPL&gt;&quot; of Kota X (2026) was rejected');
    expect(mail.html).toContain('<p>Reason: Not signed</p>');
    expect(mail.html).toContain('href="https://spbe.example/mail/unsubscribe?token=t"');
  });

  it('tells the owner of an overdue SPLP step, in their language', () => {
    const payload = { item: 'test', application: 'SIMPUS', agency: 'Kota X', due: '2026-11-30' };
    const id = renderMail({ kind: 'overdue', lang: 'id', link: '/agencies/a/roadmap', payload }, links);
    expect(id.subject).toBe(
      'Lewat tenggat 30 November 2026: Pengujian consume dan post melalui SPLP – SIMPUS',
    );
    expect(id.text).toContain('melewati tenggat 30 November 2026');
    const en = renderMail({ kind: 'overdue', lang: 'en', link: '/agencies/a/roadmap', payload }, links);
    expect(en.subject).toBe(
      'Overdue since 30 November 2026: Testing consume and post through the SPLP – SIMPUS',
    );
    expect(en.text).toContain('Open in SPBE Tracker: https://spbe.example/agencies/a/roadmap');
  });

  it('names an overdue checklist item stored before the catalogue key by its stored title', () => {
    const payload = { title: 'Repositori metadata', agency: 'Kota X', due: '2026-11-30' };
    const en = renderMail({ kind: 'overdue', lang: 'en', link: '/agencies/a/roadmap', payload }, links);
    expect(en.subject).toBe('Overdue since 2026-11-30: Repositori metadata');
  });

  it('writes Indonesian by default and for an unknown language', () => {
    const mail = renderMail(
      { kind: 'finalised', lang: 'xx', link: '/x', payload: { agency: 'Kota X', year: 2026 } },
      links,
    );
    expect(mail.subject).toBe('Hasil akhir 2026 Kota X telah dibekukan');
  });

  it('lists every event of a digest with its own link', () => {
    const mail = renderMail(
      {
        kind: 'digest',
        lang: 'id',
        link: '/inbox',
        payload: {
          count: 2,
          items: [
            { kind: 'submitted', link: '/a', payload: { agency: 'Kota X', year: 2026 } },
            { kind: 'assigned', link: '/b', payload: { agency: 'Kota Y', year: 2026 } },
          ],
        },
      },
      links,
    );
    expect(mail.subject).toBe('Ringkasan harian SPBE Tracker: 2 pemberitahuan');
    expect(mail.text).toContain('- Kota X mengirim penilaian mandiri 2026\n  https://spbe.example/a');
    expect(mail.html).toContain('<li><a href="https://spbe.example/b">');
  });
});

describe('links and words', () => {
  it('links only to pages of this site', () => {
    expect(pageUrl('https://s', '/inbox')).toBe('https://s/inbox');
    expect(pageUrl('https://s', '//evil.example/x')).toBe('https://s/');
    expect(pageUrl('https://s', 'https://evil.example')).toBe('https://s/');
  });

  it('names a stage and a date in words in the reader’s language', () => {
    expect(dateInWords('id', '2026-05-10')).toBe('10 Mei 2026');
    expect(dateInWords('en', '2026-05-10')).toBe('10 May 2026');
    expect(
      notificationText('en', 'deadline', { stage: 'interview', year: 2026, date: '2026-05-10', days: 1 }),
    ).toBe('The Interview stage of 2026 closes on 10 May 2026 (tomorrow)');
  });
});
