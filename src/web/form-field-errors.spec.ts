import { markFieldErrors } from './form-field-errors';

const posted = (errors: Record<string, string>, path = '/units') => ({ path, errors });

/** The control named `name` and the text of the element its aria-describedby names. */
function described(html: string, name: string): { control: string; message: string | undefined } {
  const control = new RegExp(`<(input|select|textarea)\\b[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '';
  const ids = /aria-describedby="([^"]*)"/.exec(control)?.[1]?.split(' ') ?? [];
  const id = ids[ids.length - 1];
  const message = id ? new RegExp(`id="${id}">([^<]*)<`).exec(html)?.[1] : undefined;
  return { control, message };
}

describe('markFieldErrors', () => {
  it('marks the refused field of the posted form and puts its message right after it', () => {
    const html =
      '<form method="post" action="/units" class="form grid-form">' +
      '<input type="hidden" name="_csrf" value="x">' +
      '<label for="code">Kode</label><input id="code" name="code" value="a b">' +
      '<label for="name">Nama</label><input id="name" name="name" value="Dinas">' +
      '</form>';
    const out = markFieldErrors(html, posted({ code: 'Hanya huruf & angka.' }));
    const { control, message } = described(out, 'code');
    expect(control).toContain('aria-invalid="true"');
    expect(control).toContain('autofocus');
    expect(message).toBe('Hanya huruf &amp; angka.');
    expect(out).toContain('value="a b" aria-invalid="true" aria-describedby="field-error-code" autofocus><p');
    expect(described(out, 'name').control).not.toContain('aria-invalid');
  });

  it('leaves a form that posts elsewhere, or a search form, as it was', () => {
    const html =
      '<form method="get" action="/units"><input name="code"></form>' +
      '<form method="post" action="/units/7/delete"><input name="code"></form>';
    expect(markFieldErrors(html, posted({ code: 'Salah.' }))).toBe(html);
  });

  it('matches the action without its query, and a form without action posts to the page itself', () => {
    const withQuery = '<form method="post" action="/units?year=2026&amp;x=1"><input name="code"></form>';
    expect(markFieldErrors(withQuery, posted({ code: 'Salah.' }))).toContain('aria-invalid="true"');
    const itself = '<form method="post" class="form"><input name="code"></form>';
    expect(markFieldErrors(itself, posted({ code: 'Salah.' }))).toContain('aria-invalid="true"');
  });

  it('of several forms posting to the address, marks the one whose hidden fields hold what was sent', () => {
    const form = (indicator: string) =>
      '<form method="post" action="/review?year=2026"><input type="hidden" name="_csrf" value="t">' +
      `<input type="hidden" name="indicator" value="${indicator}"><select name="level"></select></form>`;
    const html = form('7') + form('18');
    const out = markFieldErrors(html, {
      ...posted({ level: 'Pilih level.' }, '/review'),
      values: { indicator: '18' },
    });
    expect(out).toContain(form('7'));
    expect(out).not.toContain(form('18'));
    expect(out.match(/aria-invalid/g)).toHaveLength(1);
  });

  it('puts the message after a select or a textarea, not inside it', () => {
    const html =
      '<form method="post" action="/units"><select id="kind" name="kind"><option value="a">A</option></select>' +
      '<textarea id="note" name="note">teks</textarea></form>';
    const out = markFieldErrors(html, posted({ kind: 'Pilih salah satu.', note: 'Terlalu panjang.' }));
    expect(out).toContain('</select><p class="field-error" id="field-error-kind">Pilih salah satu.</p>');
    expect(out).toContain('teks</textarea><p class="field-error" id="field-error-note">Terlalu panjang.</p>');
    // Only the first refused field takes the focus.
    expect(out.match(/autofocus/g)).toHaveLength(1);
  });

  it('gives a group of tick boxes one message, at the end of its fieldset, named by each box', () => {
    const html =
      '<form method="post" action="/units"><fieldset><legend>Bukti</legend>' +
      '<label class="check"><input type="checkbox" name="ids" value="1"> Satu</label>' +
      '<label class="check"><input type="checkbox" name="ids" value="2"> Dua</label>' +
      '</fieldset></form>';
    const out = markFieldErrors(html, posted({ ids: 'Pilih bukti instansi ini.' }));
    expect(out.match(/aria-describedby="field-error-ids"/g)).toHaveLength(2);
    expect(out.match(/class="field-error"/g)).toHaveLength(1);
    expect(out).toContain('Dua</label><p class="field-error" id="field-error-ids">');
    expect(out).toMatch(/<\/p><\/fieldset>/);
  });

  it('keeps an existing description and moves the message out of a label that wraps the field', () => {
    const html =
      '<form method="post" action="/units"><label>Nama <input name="name" aria-describedby="hint"></label>' +
      '<p id="hint">Petunjuk</p></form>';
    const out = markFieldErrors(html, posted({ name: 'Wajib diisi.' }));
    expect(out).toContain('aria-describedby="hint field-error-name"');
    expect(out).toContain('</label><p class="field-error" id="field-error-name">Wajib diisi.</p>');
  });

  it('changes nothing without a refusal that names a field', () => {
    const html = '<form method="post" action="/units"><input name="code"></form>';
    expect(markFieldErrors(html, undefined)).toBe(html);
    expect(markFieldErrors(html, posted({}))).toBe(html);
  });

  it('names each refused field in the alert by its label, not by its name in the request', () => {
    const html =
      '<div class="alert error" role="alert">baseUrl: harus URL yang sah; name: wajib diisi</div>' +
      '<form method="post" action="/spl/1">' +
      '<label for="spl-url">Alamat dasar <span class="req">*</span></label><input id="spl-url" name="baseUrl">' +
      '<label for="spl-name">Nama &amp; kode</label><input id="spl-name" name="name">' +
      '</form><p>baseUrl: stays outside the alert</p>';
    const out = markFieldErrors(
      html,
      posted({ baseUrl: 'harus URL yang sah', name: 'wajib diisi' }, '/spl/1'),
    );
    expect(out).toContain(
      'role="alert">Alamat dasar: harus URL yang sah; Nama &amp; kode: wajib diisi</div>',
    );
    expect(out).toContain('<p>baseUrl: stays outside the alert</p>');
  });
});
