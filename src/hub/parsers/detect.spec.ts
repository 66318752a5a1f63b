import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { detectFormat } from './detect';
import { fixturePath } from './fixtures.testing';
import { HubFileError } from './hub-file.error';
import type { FormatVariant } from './hub.types';
import { chooseFormat } from './parse-hub-file';

const detectFixture = (name: string) => {
  const head = readFileSync(fixturePath(name)).subarray(0, 64 * 1024);
  return detectFormat(head, basename(name));
};

describe('detectFormat', () => {
  it.each<[string, FormatVariant]>([
    ['f1-publisher-v4-list.json', 'F1-list'],
    ['f1-publisher-32-list.json', 'F1-list'],
    ['f1-api-detail.json', 'F1-detail'],
    ['f1-apictl-apis.json', 'F1-apictl-array'],
    ['f1-apictl-apis.ndjson', 'F1-apictl-ndjson'],
    ['f1-apictl-apis-pretty.txt', 'F1-apictl-ndjson'],
    ['f2-apictl-4x.zip', 'F2-zip'],
    ['f2-apictl-3x.zip', 'F2-zip'],
    ['f2-apictl-migration.zip', 'F2-zip'],
    ['f2-src/apictl-4x/LayananKependudukan-1.0.0/api.yaml', 'F2-4x-api'],
    ['f2-src/apictl-3x/PizzaShackAPI-1.0.0/Meta-information/api.json', 'F2-3x-api'],
    ['f3-openapi3.yaml', 'F3-openapi3'],
    ['f3-swagger2.json', 'F3-swagger2'],
    ['f2-src/apictl-3x/PizzaShackAPI-1.0.0/Meta-information/swagger.json', 'F3-openapi3'],
    ['f4-devportal-subscriptions.json', 'F4-devportal-subs'],
    ['f4-publisher-subscriptions-wrapped.json', 'F4-publisher-subs'],
    ['subscriptions_9e1f4d22-7a3b-4c8e-b5d6-1f2a3b4c5d6e.json', 'F4-publisher-subs'],
    ['f4-application.yaml', 'F4-application'],
    ['f4-admin-applications.json', 'F4-app-list'],
    ['f4-apictl-apps.ndjson', 'F4-apictl-apps'],
    ['f4-app-export.zip', 'F2-zip'],
    ['f5-apim_metrics.log', 'F5-log'],
    ['f5-events.ndjson', 'F5-ndjson'],
    ['f5-es-search.json', 'F5-es-search'],
    ['f5-kibana.csv', 'F5-csv'],
    ['f6-usage.csv', 'F6-csv'],
    ['f6-usage-semicolon.csv', 'F6-csv'],
    ['f7-uptimerobot-v2.json', 'F7-uptimerobot-v2'],
    ['f7-uptime.csv', 'F7-csv'],
    ['f8-units.csv', 'F8-units'],
    ['f8-hubs.csv', 'F8-hubs'],
    ['broken/f5-bad-rows.log', 'F5-log'],
    ['broken/f1-wrong-types.json', 'F1-list'],
    ['broken/f6-bad-rows.csv', 'F6-csv'],
    ['broken/f7-fail.json', 'F7-uptimerobot-v2'],
  ])('recognises %s as %s', (name, variant) => {
    expect(detectFixture(name).variant).toBe(variant);
  });

  it('names the family and the reason of its choice', () => {
    expect(detectFixture('f5-apim_metrics.log')).toEqual({
      family: 'F5',
      variant: 'F5-log',
      reason: '"apimMetrics: apim:response" lines (apim_metrics.log)',
    });
  });

  it.each([
    ['broken/unknown.txt', 'UNKNOWN_FORMAT', /Cannot tell what kind of hub export "unknown.txt" is/],
    ['broken/fake.zip', 'INVALID_DOCUMENT', /named .zip but is not a zip archive/],
  ])('refuses %s with a clear error', (name, code, message) => {
    const attempt = () => detectFixture(name);
    expect(attempt).toThrow(HubFileError);
    expect(attempt).toThrow(message);
    expect(() => detectFixture(name)).toThrow(expect.objectContaining({ code }) as Error);
  });

  it('tells a gzip file and a PDF report apart from unknown text', () => {
    expect(() => detectFormat(Buffer.from([0x1f, 0x8b, 8, 0]), 'apim_metrics.log.gz')).toThrow(
      /gzip-compressed/,
    );
    expect(() => detectFormat(Buffer.from('%PDF-1.7\n'), 'laporan.pdf')).toThrow(/PDF report/);
    expect(() => detectFormat(Buffer.from([0, 1, 2, 3, 0]), 'x.bin')).toThrow(/binary file/);
  });
});

describe('chooseFormat', () => {
  const head = readFileSync(fixturePath('f5-kibana.csv'));

  it('uses the variant the user chose even when detection would say otherwise', () => {
    expect(chooseFormat(head, 'x.csv', 'F6-csv')).toMatchObject({
      variant: 'F6-csv',
      reason: 'chosen by the user',
    });
  });

  it('keeps the detected variant when the user chose its family', () => {
    expect(chooseFormat(head, 'x.csv', 'F5').variant).toBe('F5-csv');
  });

  it('falls back to the family default when the chosen family cannot be detected', () => {
    expect(chooseFormat(Buffer.from('plain text\n'), 'x.txt', 'F5').variant).toBe('F5-log');
    expect(() => chooseFormat(Buffer.from('plain text\n'), 'x.txt')).toThrow(/Cannot tell/);
  });
});
