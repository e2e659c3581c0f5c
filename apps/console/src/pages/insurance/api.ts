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

export const isActiveBatch = (status: BatchStatus | string | undefined): boolean => status === 'queued' || status === 'building';

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

/** After a month's computation was asked for: what its summary was then, and until when to look for it. */
export interface MonthWatch {
  month: string;
  before: string;
  until: number;
}

/**
 * Whether to look again for a month's summary: its computation was asked for, the summary is
 * still what it was then (it has not arrived), and the watch has not run out.
 */
export function awaitingMonth(watch: MonthWatch | null, month: string, summary: readonly MonthSummary[] | undefined, now: number): boolean {
  return watch !== null && watch.month === month && now < watch.until && JSON.stringify(summary ?? []) === watch.before;
}
