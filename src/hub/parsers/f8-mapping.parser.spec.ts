import { parseFixture, parseText, valuesOf, inLang } from './fixtures.testing';

describe('F8 mapping CSV', () => {
  it('maps work units and their rules, a unit without a rule included', async () => {
    const rules = valuesOf(await parseFixture('f8-units.csv'), 'mapping');
    expect(rules).toEqual([
      {
        workUnitCode: 'DISDUKCAPIL',
        workUnitName: 'Dinas Kependudukan dan Pencatatan Sipil',
        matchType: 'provider',
        matchValue: 'disdukcapil@bandung.go.id',
      },
      {
        workUnitCode: 'DISDUKCAPIL',
        workUnitName: 'Dinas Kependudukan dan Pencatatan Sipil',
        matchType: 'additional_property',
        matchValue: 'unit_kerja=DISDUKCAPIL',
      },
      {
        workUnitCode: 'DPMPTSP',
        workUnitName: 'Dinas Penanaman Modal dan PTSP',
        matchType: 'app_owner',
        matchValue: 'dpmptsp@bandung.go.id',
      },
      {
        workUnitCode: 'DPMPTSP',
        workUnitName: 'Dinas Penanaman Modal dan PTSP',
        matchType: 'context_prefix',
        matchValue: '/perizinan',
      },
      {
        workUnitCode: 'BKPSDM',
        workUnitName: 'Badan Kepegawaian dan Pengembangan SDM',
        matchType: undefined,
        matchValue: undefined,
      },
    ]);
  });

  it('rejects an unknown match type and a rule without a value', async () => {
    const text =
      'work_unit_code,work_unit_name,match_type,match_value\nA,Unit A,owner,x\nB,Unit B,tag,\nC,Unit C,,x\n';
    const result = await parseText(text, 'units.csv');
    expect(inLang(result.problems)).toEqual([
      {
        line: 2,
        reason:
          'column match_type must be one of provider, app_owner, tag, context_prefix, additional_property, business_owner, api_id',
      },
      { line: 3, reason: 'column match_value is required' },
      { line: 4, reason: 'column match_type is required with match_value' },
    ]);
  });

  it('maps hub rows, one per gateway, with case-insensitive levels', async () => {
    const hubs = valuesOf(await parseFixture('f8-hubs.csv'), 'hub');
    expect(hubs.map((h) => [h.hubId, h.level, h.platform, h.gatewayBaseUrl, h.parentHubId])).toEqual([
      ['splp-nasional', 'NASIONAL', 'WSO2_APIM_4', 'https://splp.layanan.go.id', undefined],
      ['splp-bandung', 'DAERAH', 'WSO2_APIM_4', 'https://splp.bandung.go.id', 'splp-nasional'],
      ['splp-bandung', 'DAERAH', 'WSO2_APIM_4', 'https://gw2.splp.bandung.go.id', 'splp-nasional'],
      ['gsb-kulonprogo', 'DAERAH', 'MANTRA', 'http://gsb.kulonprogokab.go.id', 'splp-nasional'],
    ]);
  });

  it('rejects a gateway that is not an http(s) URL', async () => {
    const text = 'hub_id,hub_name,level,platform,gateway_base_url\nx,X,DAERAH,OTHER,ftp://x\n';
    const result = await parseText(text, 'hubs.csv');
    expect(inLang(result.problems)).toEqual([
      {
        line: 2,
        reason: 'column gateway_base_url must be an http(s) URL such as https://splp.example.go.id',
      },
    ]);
  });
});
