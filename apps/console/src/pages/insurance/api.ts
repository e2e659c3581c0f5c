/** What the insurance endpoints answer (apps/api/src/admin/insurance.controller.ts); enrolments and insurers are in api/types. */
import type { Insurer } from '../../api/types';
import type { BatchStatus, InsurancePlan } from '../../lib/domain';

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

export interface MonthSummary {
  plan: InsurancePlan;
  members: number;
  covered: number;
  remunerationWon: number;
  workerShareWon: number;
  employerShareWon: number;
}

export const isActiveBatch = (status: BatchStatus | undefined): boolean => status === 'queued' || status === 'building';

/**
 * The insurers a batch can be requested for: every insurer listed (GET /admin/insurers,
 * admins and accountants), and any the batches name that the list lacks (while it loads, or
 * if it fails). Once each, by name.
 */
export function insurerOptions(listed: readonly Pick<Insurer, 'id' | 'name'>[] | undefined, batches: readonly Pick<Batch, 'insurerId' | 'insurerName'>[]): { value: string; label: string }[] {
  const names = new Map<string, string>();
  for (const i of listed ?? []) names.set(i.id, i.name);
  for (const b of batches) if (!names.has(b.insurerId)) names.set(b.insurerId, b.insurerName);
  return [...names].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
