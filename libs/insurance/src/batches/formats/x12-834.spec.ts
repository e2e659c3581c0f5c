import { X12Interchange, X12Parser, X12Segment } from 'node-x12';
import { MAINTENANCE_CODES, type BatchHeader, type BatchRow } from './batch-format';
import { batchHeader, batchRow } from './fixtures';
import { X12EnrollmentWriter } from './x12-834';

const header = (over: Partial<BatchHeader> = {}): BatchHeader => batchHeader({ insurer: { name: 'Hanmaum Insurance', id: 'f0e1d2c3-b4a5-4968-8776-655443322110' }, ...over });
const row = (seq: number, over: Partial<BatchRow> = {}): BatchRow => batchRow(seq, { name: 'Hong Gildong', ...over });

const ROWS: BatchRow[] = [
  row(1, { name: '김민준', certificateNo: 'GA-2026-0001' }),
  row(2, { action: MAINTENANCE_CODES.terminate, plan: 'employment', coverageStart: '2025-07-01', coverageEnd: '2026-02-28', reason: '계약 해지', gender: 'F' }),
  row(3, { name: 'Kim*Lee~Park:Choi^Jung', plan: 'industrial_accident' }),
  row(4, { action: MAINTENANCE_CODES.reinstate, name: '이서연\r\n', coverageStart: null }),
];

function write(h: BatchHeader, rows: BatchRow[]): string {
  const writer = new X12EnrollmentWriter();
  return writer.start({ ...h, recordCount: rows.length }) + rows.map((r) => writer.row(r)).join('') + writer.end();
}

/** Parsed by node-x12 in strict mode, which refuses a wrong ISA length or wrong envelope counts. */
function parse(text: string): X12Interchange {
  const parsed = new X12Parser(true).parse(text);
  expect(parsed).toBeInstanceOf(X12Interchange);
  return parsed as X12Interchange;
}

/** The transaction set's body split into Loop 2000 members, each starting at its INS. */
function members(segments: X12Segment[]): X12Segment[][] {
  const loops: X12Segment[][] = [];
  for (const s of segments) {
    if (s.tag === 'INS') loops.push([]);
    loops.at(-1)?.push(s);
  }
  return loops;
}

const find = (loop: X12Segment[], tag: string, qualifier: string) => loop.find((s) => s.tag === tag && s.valueOf(1) === qualifier);

describe('X12 834 enrolment writer', () => {
  const text = write(header(), ROWS);
  const interchange = parse(text);
  const group = interchange.functionalGroups[0];
  const transaction = group.transactions[0];

  it('opens with the fixed-width ISA (106 characters) and its delimiters', () => {
    const isa = text.slice(0, text.indexOf('\n'));
    expect(isa).toHaveLength(106);
    const widths = isa.slice(0, -1).split('*').map((e) => e.length);
    expect(widths).toEqual([3, 2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]);
    expect(isa).toBe('ISA*00*          *00*          *ZZ*0A1B2C3D4E5F4A6*ZZ*F0E1D2C3B4A5496*260302*0030*^*00501*000000042*0*P*:~');
    expect(interchange.header.valueOf(6)).toBe('0A1B2C3D4E5F4A6');
  });

  it('keeps the control numbers and counts of the envelope consistent', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines[0].split('*')[13]).toBe('000000042');
    expect(lines.at(-1)).toBe('IEA*1*000000042~');
    expect(interchange.trailer.valueOf(2)).toBe(interchange.header.valueOf(13));
    expect(interchange.trailer.valueOf(1)).toBe(String(interchange.functionalGroups.length));
    expect(interchange.functionalGroups).toHaveLength(1);

    expect(group.header.valueOf(1)).toBe('BE');
    expect(group.header.valueOf(4)).toBe('20260302');
    expect(group.header.valueOf(6)).toBe('42');
    expect(group.header.valueOf(8)).toBe('005010X220A1');
    expect(group.trailer.valueOf(2)).toBe(group.header.valueOf(6));
    expect(group.trailer.valueOf(1)).toBe('1');
    expect(group.transactions).toHaveLength(1);

    expect(transaction.header.valueOf(3)).toBe('005010X220A1');
    expect(transaction.trailer.valueOf(2)).toBe(transaction.header.valueOf(2));
    // ST and SE themselves are not in `segments`.
    expect(transaction.trailer.valueOf(1)).toBe(String(transaction.segments.length + 2));
  });

  it('writes the header: purpose, BGN08 action, file date, sponsor and payer', () => {
    const [bgn, dtp, sponsor, payer] = transaction.segments;
    expect([bgn.tag, bgn.valueOf(1), bgn.valueOf(2), bgn.valueOf(3), bgn.valueOf(4), bgn.valueOf(8)]).toEqual(['BGN', '00', '42', '20260302', '0030', '2']);
    expect([dtp.tag, dtp.valueOf(1), dtp.valueOf(3)]).toEqual(['DTP', '007', '20260301']);
    expect([sponsor.valueOf(1), sponsor.valueOf(2), sponsor.valueOf(3)]).toEqual(['P5', '두레 배달협동조합', 'FI']);
    expect([payer.valueOf(1), payer.valueOf(2)]).toEqual(['IN', 'Hanmaum Insurance']);
  });

  it('writes one member loop per row, in order, with its identifiers, codes and plan', () => {
    const loops = members(transaction.segments);
    expect(loops).toHaveLength(ROWS.length);
    loops.forEach((loop, i) => {
      const r = ROWS[i];
      const ins = loop[0];
      expect([ins.valueOf(1), ins.valueOf(2), ins.valueOf(3), ins.valueOf(5), ins.valueOf(8)]).toEqual(['Y', '18', r.action, 'A', 'FT']);
      expect(find(loop, 'REF', '0F')?.valueOf(2)).toBe(r.memberNo);
      expect(find(loop, 'REF', 'ZZ')?.valueOf(2)).toBe(r.recordId);
      const hd = loop.find((s) => s.tag === 'HD');
      expect([hd?.valueOf(1), hd?.valueOf(4)]).toEqual([r.action, r.plan]);
    });
    expect(loops.map((l) => l[0].valueOf(4))).toEqual(['28', '07', '28', '41']);
    expect(loops.map((l) => l.find((s) => s.tag === 'HD')?.valueOf(3))).toEqual(['AH', 'STD', 'AH', 'AH']);
  });

  it('keeps Hangul whole and turns delimiters and line breaks in names into spaces', () => {
    const names = members(transaction.segments).map((l) => find(l, 'NM1', 'IL'));
    expect(names.map((n) => [n?.valueOf(2), n?.valueOf(3), n?.elements.length])).toEqual([
      ['1', '김민준', 3],
      ['1', 'Hong Gildong', 3],
      ['1', 'Kim Lee Park Choi Jung', 3],
      ['1', '이서연', 3],
    ]);
    expect(text).toContain('NM1*IL*1*김민준~\n');
  });

  it('dates coverage in Loop 2000 (eligibility) and Loop 2300 (benefit), and names the certificate', () => {
    const [added, terminated, , reinstated] = members(transaction.segments);
    const dates = (loop: X12Segment[]) => loop.filter((s) => s.tag === 'DTP').map((s) => `${s.valueOf(1)}=${s.valueOf(3)}`);
    expect(dates(added)).toEqual(['356=20260301', '348=20260301']);
    expect(dates(terminated)).toEqual(['356=20250701', '357=20260228', '348=20250701', '349=20260228']);
    expect(dates(reinstated)).toEqual([]);
    expect(find(added, 'DMG', 'D8')?.valueOf(2)).toBe('19900517');
    expect(find(terminated, 'DMG', 'D8')?.valueOf(3)).toBe('F');
    // REF*1L closes Loop 2300, after the HD and its dates.
    expect(added.at(-1)?.tag).toBe('REF');
    expect([added.at(-1)?.valueOf(1), added.at(-1)?.valueOf(2)]).toEqual(['1L', 'GA-2026-0001']);
    expect(find(terminated, 'REF', '1L')).toBeUndefined();
  });

  it('writes an empty delta as a valid file', () => {
    const empty = write(header({ controlNo: 7 }), []);
    const parsed = parse(empty);
    const t = parsed.functionalGroups[0].transactions[0];
    expect(t.segments.map((s) => s.tag)).toEqual(['BGN', 'DTP', 'N1', 'N1']);
    expect(t.trailer.valueOf(1)).toBe('6');
    expect(empty.trimEnd().split('\n').at(-1)).toBe('IEA*1*000000007~');
  });

  it('marks a full file as verify (BGN08 = 4)', () => {
    const full = parse(write(header({ kind: 'full' }), [row(1, { action: MAINTENANCE_CODES.audit })]));
    const t = full.functionalGroups[0].transactions[0];
    expect(t.segments[0].valueOf(8)).toBe('4');
    expect(t.segments.find((s) => s.tag === 'INS')?.valueOf(4)).toBe('XN');
  });

  it('refuses a control number that does not fit ISA13', () => {
    expect(() => new X12EnrollmentWriter().start(header({ controlNo: 1_000_000_000 }))).toThrow(RangeError);
    expect(() => new X12EnrollmentWriter().start(header({ controlNo: 0 }))).toThrow(RangeError);
  });

  it('streams 100,000 rows, counting segments without keeping them', () => {
    const writer = new X12EnrollmentWriter();
    const n = 100_000;
    let chars = writer.start(header({ recordCount: n })).length;
    let segments = 0;
    for (let i = 1; i <= n; i++) {
      const piece = writer.row(row(i, { name: i % 2 ? '박지훈' : 'Park*Jihoon' }));
      chars += piece.length;
      segments += piece.split('~').length - 1;
    }
    const end = writer.end();
    chars += end.length;
    // ST BGN DTP N1 N1, the rows, SE
    expect(end.split('\n')[0]).toBe(`SE*${5 + segments + 1}*0001~`);
    expect(segments).toBe(n * 8);
    expect(chars).toBeGreaterThan(n * 100);
  });
});
