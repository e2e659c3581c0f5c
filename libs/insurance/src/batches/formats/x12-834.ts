import { isCalendarDate, toSeoulIso } from '@dure/common';
import type { Plan } from '../../remuneration';
import type { BatchHeader, BatchRow, BatchWriter, MaintenanceCode } from './batch-format';

/** The implementation guide this file follows (GS08, ST03). */
const GUIDE = '005010X220A1';

/** `~` ends a segment; the newline after it is only for people reading the file. */
const SEGMENT_END = '~\n';

/** Delimiters (`*` element, `^` repetition in ISA11, `:` component in ISA16, `~`) and control characters may not appear in data. */
const NOT_DATA = /[*^:~\p{Cc}]/gu;

/** INS04 maintenance reason for each INS03 maintenance type (guide code list 1203). */
const REASON: Record<MaintenanceCode, string> = {
  '021': '28', // Initial Enrollment
  '001': 'XN', // Notification Only: a change carries no reason of its own
  '024': '07', // Termination of Benefits
  '025': '41', // Re-enrollment
  '030': 'XN', // Notification Only: an audit row restates, it does not change
};

/** HD03 insurance line (guide code list 1205; HD04 names our plan). */
const INSURANCE_LINE: Record<Plan, string> = {
  group_accident: 'AH', // Accidental Death and Dismemberment
  industrial_accident: 'AH',
  // The list has no unemployment line. Employment insurance replaces income for a limited time
  // while the member cannot work, which among the allowed codes is Short-Term Disability.
  employment: 'STD',
};

/** An element's text: delimiters and line breaks become spaces; no surrounding spaces (X12.6 suppresses trailing ones). */
function data(value: string): string {
  return value.replace(NOT_DATA, ' ').trim();
}

/** `YYYY-MM-DD` as a D8 date (CCYYMMDD). */
function d8(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return date.replace(/-/g, '');
}

/** An ISA06/ISA08 id (qualifier ZZ): the id's letters and digits, upper case, at most 15. */
function interchangeId(id: string): string {
  return id.replace(/[^0-9A-Za-z]/g, '').toUpperCase().slice(0, 15);
}

/**
 * ASC X12 834 Benefit Enrollment and Maintenance (005010X220A1): one interchange, one functional
 * group, one transaction set, one Loop 2000 member per row. Streams: only the segment count and
 * the control numbers are kept between calls.
 */
export class X12EnrollmentWriter implements BatchWriter {
  readonly contentType = 'application/edi-x12';
  readonly extension = 'x12';
  private controlNo = 0;
  /** Segments from ST on, for SE01. */
  private segments = 0;

  start(header: BatchHeader): string {
    const { controlNo } = header;
    if (!Number.isInteger(controlNo) || controlNo < 1 || controlNo > 999_999_999) throw new RangeError(`interchange control number out of range: ${controlNo}`);
    this.controlNo = controlNo;
    this.segments = 0;
    const seoul = toSeoulIso(header.createdAt); // 2026-11-22T09:30:00.000+09:00
    const date = seoul.slice(0, 10).replace(/-/g, '');
    const time = seoul.slice(11, 16).replace(':', '');
    const sender = interchangeId(header.sponsor.id);
    const receiver = interchangeId(header.insurer.id);
    return (
      // ISA is fixed width (106 characters with its terminator): no authorization or security
      // information, 15-character ids, repetition separator ^, version 00501, no TA1 requested, production.
      x12Segment('ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', sender.padEnd(15), 'ZZ', receiver.padEnd(15), date.slice(2), time, '^', '00501', pad9(controlNo), '0', 'P', ':') +
      x12Segment('GS', 'BE', sender, receiver, date, time, String(controlNo), 'X', GUIDE) +
      this.segment('ST', '834', '0001', GUIDE) +
      // BGN08: 2 = change (update) for a delta, 4 = verify for a full file of every current member.
      this.segment('BGN', '00', String(controlNo), date, time, '', '', '', header.kind === 'delta' ? '2' : '4') +
      this.segment('DTP', '007', 'D8', d8(header.asOf)) + // file effective date
      this.segment('N1', 'P5', header.sponsor.name, 'FI', header.sponsor.id) + // 1000A sponsor
      this.segment('N1', 'IN', header.insurer.name, 'FI', header.insurer.id) // 1000B payer
    );
  }

  row(row: BatchRow): string {
    let text =
      // 2000 member level: subscriber (Y), self (18), benefit status active (A), full-time (FT).
      this.segment('INS', 'Y', '18', row.action, REASON[row.action], 'A', '', '', 'FT') +
      this.segment('REF', '0F', row.memberNo) + // subscriber identifier
      this.segment('REF', 'ZZ', row.recordId); // supplemental identifier, named back in the acknowledgement
    if (row.coverageStart) text += this.segment('DTP', '356', 'D8', d8(row.coverageStart)); // eligibility begin
    if (row.coverageEnd) text += this.segment('DTP', '357', 'D8', d8(row.coverageEnd)); // eligibility end
    // 2100A member name: a Korean name goes whole in NM103 (last or organization name).
    text += this.segment('NM1', 'IL', '1', row.name) + this.segment('DMG', 'D8', d8(row.birthDate), row.gender);
    // 2300 health coverage
    text += this.segment('HD', row.action, '', INSURANCE_LINE[row.plan], row.plan);
    if (row.coverageStart) text += this.segment('DTP', '348', 'D8', d8(row.coverageStart)); // benefit begin
    if (row.coverageEnd) text += this.segment('DTP', '349', 'D8', d8(row.coverageEnd)); // benefit end
    if (row.certificateNo) text += this.segment('REF', '1L', row.certificateNo); // group or policy number
    return text;
  }

  end(): string {
    const se = this.segment('SE', String(this.segments + 1), '0001');
    return se + x12Segment('GE', '1', String(this.controlNo)) + x12Segment('IEA', '1', pad9(this.controlNo));
  }

  /** A segment inside the transaction set, counted for SE01. */
  private segment(tag: string, ...elements: string[]): string {
    this.segments += 1;
    return x12Segment(tag, ...elements.map(data));
  }
}

/** A segment; trailing empty elements are omitted, as the standard requires. */
function x12Segment(tag: string, ...elements: string[]): string {
  let last = elements.length;
  while (last > 0 && elements[last - 1] === '') last -= 1;
  return [tag, ...elements.slice(0, last)].join('*') + SEGMENT_END;
}

function pad9(n: number): string {
  return String(n).padStart(9, '0');
}
