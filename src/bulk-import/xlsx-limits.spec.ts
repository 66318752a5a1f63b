import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { checkXlsxLimits } from './xlsx-limits';
import { readTable } from './import-table';

/** A one-entry zip, written by hand so the declared sizes can lie. */
function zipOf(name: string, data: Buffer, declaredSize = data.length): Buffer {
  const body = deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); // crc left 0: the check stops before a CRC would be compared
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, body, central, nameBytes, end]);
}

describe('workbook limits of the units/applications import', () => {
  it('refuses a workbook part that inflates more than 100 times its size (a zip bomb)', async () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100 * 1024);
    await expect(readTable(bomb, 'units.xlsx')).rejects.toThrow(/mengembang lebih dari 100 kali ukurannya/);
  });

  it('refuses a part that inflates past what it declares', async () => {
    const liar = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(2 * 1024 * 1024, 0x20), 1000);
    await expect(checkXlsxLimits(liar)).rejects.toThrow(/arsip zip-nya rusak/);
  });

  it('refuses a workbook inflating past the total limit, whatever its ratio', async () => {
    const big = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(4 * 1024 * 1024, 0x20));
    await expect(
      checkXlsxLimits(big, {
        maxEntries: 10,
        maxInflatedBytes: 1024 * 1024,
        maxCompressionRatio: 1_000_000,
        ratioCheckMinBytes: 0,
      }),
    ).rejects.toThrow(/mengembang lebih dari 1 MB/);
  });

  it('reads an ordinary workbook row by row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Units');
    sheet.addRow(['code', 'name']);
    sheet.addRow(['DINKES', 'Dinas Kesehatan']);
    sheet.addRow(['DISDIK', 'Dinas Pendidikan']);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'units.xlsx');
    expect(table.columns).toEqual(['code', 'name']);
    expect(table.rows.map((r) => [r.line, r.cells.code])).toEqual([
      [2, 'DINKES'],
      [3, 'DISDIK'],
    ]);
  });
});
