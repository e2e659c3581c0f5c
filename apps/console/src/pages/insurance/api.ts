/** What the insurance endpoints answer (apps/api/src/admin/insurance.controller.ts). */

export const PLANS = ['group_accident', 'employment', 'industrial_accident'] as const;
export type Plan = (typeof PLANS)[number];

export const ENROLLMENT_STATUSES = ['pending', 'submitted', 'enrolled', 'rejected', 'terminating', 'terminated'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export interface Enrollment {
  id: string;
  memberId: string;
  memberNo: string | null;
  memberName: string;
  plan: Plan;
  status: EnrollmentStatus;
  pendingAction: 'add' | 'change' | 'terminate' | 'reinstate' | null;
  certificateNo: string | null;
  coverageStart: string | null;
  coverageEnd: string | null;
  acquisitionReason: string | null;
  lossReason: string | null;
  rejectCode: string | null;
  rejectMessage: string | null;
  reinstateOn: string | null;
  changedAt: string;
}

export type BatchStatus = 'queued' | 'building' | 'ready' | 'failed';
export const BATCH_STATUSES: readonly BatchStatus[] = ['queued', 'building', 'ready', 'failed'];

export interface Batch {
  id: string;
  insurerId: string;
  insurerName: string;
  kind: 'delta' | 'full';
  format: 'csv' | 'x12-834';
  status: BatchStatus;
  controlNo: number;
  asOf: string;
  recordCount: number | null;
  sha256: string | null;
  byteSize: number | null;
  error: string | null;
  createdAt: string;
  readyAt: string | null;
  accepted: number;
  rejected: number;
  unanswered: number;
}

export interface Insurer {
  id: string;
  name: string;
  plans: Plan[];
}

export interface MonthSummary {
  plan: Plan;
  members: number;
  covered: number;
  remunerationWon: number;
  workerShareWon: number;
  employerShareWon: number;
}

export const isActiveBatch = (status: BatchStatus | undefined): boolean => status === 'queued' || status === 'building';

/**
 * The insurers a batch can be requested for. GET /admin/insurers is for admins only, so
 * other roles pick from the insurers their batches name.
 */
export function insurerOptions(listed: readonly Insurer[] | undefined, batches: readonly Pick<Batch, 'insurerId' | 'insurerName'>[]): { value: string; label: string }[] {
  if (listed) return listed.map((i) => ({ value: i.id, label: i.name }));
  const seen = new Map<string, string>();
  for (const b of batches) if (!seen.has(b.insurerId)) seen.set(b.insurerId, b.insurerName);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
