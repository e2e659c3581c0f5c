import { csvRow, UTF8_BOM } from '@dure/common';
import type { BatchHeader, BatchRow, BatchWriter } from './batch-format';

const CRLF = '\r\n';

const COLUMNS = ['record_id', 'seq', 'action', 'plan', 'member_no', 'name', 'birth_date', 'gender', 'status', 'coverage_start', 'coverage_end', 'certificate_no', 'reason'];

/**
 * The insurer's CSV: a BOM, a control line (`#DURE-INSURANCE`, file id, DELTA or FULL, as-of date,
 * record count, insurer id), the header, one line per record; CRLF line ends. Streams: only the
 * counts are kept between calls.
 */
export class CsvBatchWriter implements BatchWriter {
  readonly contentType = 'text/csv; charset=utf-8';
  readonly extension = 'csv';
  private declared = 0;
  private written = 0;

  start(header: BatchHeader): string {
    this.declared = header.recordCount;
    this.written = 0;
    const control = ['#DURE-INSURANCE', header.controlNo, header.kind.toUpperCase(), header.asOf, header.recordCount, header.insurer.id];
    return UTF8_BOM + csvRow(control) + CRLF + csvRow(COLUMNS) + CRLF;
  }

  row(r: BatchRow): string {
    this.written += 1;
    return csvRow([r.recordId, r.seq, r.action, r.plan, r.memberNo, r.name, r.birthDate, r.gender, r.status, r.coverageStart, r.coverageEnd, r.certificateNo, r.reason]) + CRLF;
  }

  /** Nothing follows the last record; a file whose control line miscounts it is refused. */
  end(): string {
    if (this.written !== this.declared) throw new Error(`the control line declares ${this.declared} records but ${this.written} were written`);
    return '';
  }
}
