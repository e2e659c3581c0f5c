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
 * The insurers a batch can be requested for. GET /admin/insurers is for admins only, so
 * other roles pick from the insurers their batches name.
 */
export function insurerOptions(listed: readonly Pick<Insurer, 'id' | 'name'>[] | undefined, batches: readonly Pick<Batch, 'insurerId' | 'insurerName'>[]): { value: string; label: string }[] {
  if (listed) return listed.map((i) => ({ value: i.id, label: i.name }));
  const seen = new Map<string, string>();
  for (const b of batches) if (!seen.has(b.insurerId)) seen.set(b.insurerId, b.insurerName);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}
