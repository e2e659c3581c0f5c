import { MAINTENANCE_CODES, type BatchHeader, type BatchRow } from './batch-format';

/** A batch header for the writers' specs (00:30 on 2 March in Seoul). */
export const batchHeader = (over: Partial<BatchHeader> = {}): BatchHeader => ({
  batchId: 'b1',
  controlNo: 42,
  kind: 'delta',
  asOf: '2026-03-01',
  createdAt: new Date('2026-03-01T15:30:00Z'),
  recordCount: 0,
  sponsor: { name: '두레 배달협동조합', id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  insurer: { name: '한마음손해보험', id: 'f0e1d2c3-b4a5-4968-8776-655443322110' },
  ...over,
});

/** An addition to the group plan, numbered `seq`. */
export const batchRow = (seq: number, over: Partial<BatchRow> = {}): BatchRow => ({
  recordId: `rec-${seq}`,
  seq,
  action: MAINTENANCE_CODES.add,
  plan: 'group_accident',
  memberNo: `M${String(seq).padStart(5, '0')}`,
  name: '김민준',
  birthDate: '1990-05-17',
  gender: 'M',
  status: 'active',
  coverageStart: '2026-03-01',
  coverageEnd: null,
  certificateNo: null,
  reason: null,
  ...over,
});
