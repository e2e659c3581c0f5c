import type { Plan } from '../../remuneration';

/** INS03 maintenance type codes (X12 834), also the CSV `action` column. */
export type MaintenanceCode = '021' | '001' | '024' | '025' | '030';

export const MAINTENANCE_CODES: Record<'add' | 'change' | 'terminate' | 'reinstate' | 'audit', MaintenanceCode> = {
  add: '021',
  change: '001',
  terminate: '024',
  reinstate: '025',
  audit: '030',
};

/** The file as a whole: what the control line, the envelope and the trailer need. */
export interface BatchHeader {
  batchId: string;
  /** Interchange control number (ISA13/IEA02, 1..999999999) and the CSV file id. */
  controlNo: number;
  kind: 'delta' | 'full';
  /** Business date (YYYY-MM-DD) the file speaks for. */
  asOf: string;
  /** When the file was built (the envelope's date and time, Asia/Seoul). */
  createdAt: Date;
  /** Number of member rows (records) that follow. */
  recordCount: number;
  sponsor: { name: string; id: string };
  insurer: { name: string; id: string };
}

/** One record: one member, one plan, one maintenance action. */
export interface BatchRow {
  /** Named by the insurer's acknowledgement; unique across all batches. */
  recordId: string;
  /** 1-based position in the file. */
  seq: number;
  action: MaintenanceCode;
  plan: Plan;
  memberNo: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'M' | 'F' | 'U';
  /** The enrolment's status when the file was built. */
  status: string;
  coverageStart: string | null;
  coverageEnd: string | null;
  certificateNo: string | null;
  /** Why: acquisition or loss reason. */
  reason: string | null;
}

/**
 * A file format, written piece by piece so a batch of any size streams from a database
 * cursor to disk: `start` once, `row` per record, `end` once. Each returns text to append.
 */
export interface BatchWriter {
  readonly contentType: string;
  readonly extension: string;
  start(header: BatchHeader): string;
  row(row: BatchRow): string;
  end(): string;
}
