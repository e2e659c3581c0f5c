import { MAINTENANCE_CODES, type BatchHeader, type BatchRow } from './batch-format';
import { batchHeader, batchRow } from './fixtures';
import { CsvBatchWriter } from './csv-format';

const header = batchHeader;
const row = batchRow;

function write(h: BatchHeader, rows: BatchRow[]): string {
  const writer = new CsvBatchWriter();
  return writer.start({ ...h, recordCount: rows.length }) + rows.map((r) => writer.row(r)).join('') + writer.end();
}

describe('CSV enrolment writer', () => {
  const rows = [
    row(1, { certificateNo: 'GA-2026-0001', reason: '신규 가입' }),
    row(2, { action: MAINTENANCE_CODES.terminate, plan: 'employment', name: 'Lee, "Seoyeon"', coverageEnd: '2026-02-28', reason: '=HYPERLINK("http://x")' }),
    row(3, { name: '@박지훈', memberNo: '-1234', reason: '두 줄\n사유' }),
  ];
  const csv = write(header(), rows);
  const lines = csv.split('\r\n');

  it('starts with a BOM and a control line naming the file, its kind, date and record count', () => {
    expect(csv.startsWith('\uFEFF#DURE-INSURANCE,')).toBe(true);
    expect(lines[0].slice(1).split(',')).toEqual(['#DURE-INSURANCE', '42', 'DELTA', '2026-03-01', '3', 'f0e1d2c3-b4a5-4968-8776-655443322110']);
    expect(write(header({ kind: 'full' }), [])).toContain('#DURE-INSURANCE,42,FULL,2026-03-01,0,');
  });

  it('has the header row with record_id first, then one CRLF-ended line per record', () => {
    expect(lines[1]).toBe('record_id,seq,action,plan,member_no,name,birth_date,gender,status,coverage_start,coverage_end,certificate_no,reason');
    expect(csv.endsWith('\r\n')).toBe(true);
    // control, header, three records, and the empty string after the last CRLF
    expect(lines).toHaveLength(2 + rows.length + 1);
    expect(lines[2]).toBe('rec-1,1,021,group_accident,M00001,김민준,1990-05-17,M,active,2026-03-01,,GA-2026-0001,신규 가입');
  });

  it('quotes commas, quotes and line breaks and defuses formulas, leaving plain numbers alone', () => {
    expect(lines[3]).toBe(`rec-2,2,024,employment,M00002,"Lee, ""Seoyeon""",1990-05-17,M,active,2026-03-01,2026-02-28,,"'=HYPERLINK(""http://x"")"`);
    expect(lines[4]).toBe(`rec-3,3,021,group_accident,-1234,'@박지훈,1990-05-17,M,active,2026-03-01,,,"두 줄\n사유"`);
  });

  it('writes an empty batch as control line and header only', () => {
    expect(write(header(), [])).toBe('\uFEFF#DURE-INSURANCE,42,DELTA,2026-03-01,0,f0e1d2c3-b4a5-4968-8776-655443322110\r\n' + lines[1] + '\r\n');
  });

  it('refuses to end a file whose control line miscounts its records', () => {
    const writer = new CsvBatchWriter();
    writer.start(header({ recordCount: 2 }));
    writer.row(row(1));
    expect(() => writer.end()).toThrow(/declares 2 records but 1/);
  });

  it('streams 100,000 rows', () => {
    const n = 100_000;
    const writer = new CsvBatchWriter();
    let chars = writer.start(header({ recordCount: n })).length;
    let lineEnds = 0;
    for (let i = 1; i <= n; i++) {
      const piece = writer.row(row(i));
      chars += piece.length;
      if (piece.endsWith('\r\n')) lineEnds += 1;
    }
    chars += writer.end().length;
    expect(lineEnds).toBe(n);
    expect(chars).toBeGreaterThan(n * 80);
  });
});
