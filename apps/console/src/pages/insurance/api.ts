/** What the insurance endpoints answer (apps/api/src/admin/insurance.controller.ts); enrolments and insurers are in api/types. */
import type { Insurer } from '../../api/types';
import { ENROLLMENT_STATUSES, INSURANCE_PLANS, type BatchStatus, type EnrollmentStatus, type InsurancePlan } from '../../lib/domain';

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

/** GET /admin/insurance/enrollments/summary: one line per plan, a count per status. */
export interface EnrollmentSummaryLine {
  plan: InsurancePlan;
  byStatus: Partial<Record<EnrollmentStatus, number>>;
  total: number;
}

export type StatusCounts = Record<EnrollmentStatus, number>;

export interface SummaryGrid {
  rows: { plan: InsurancePlan; counts: StatusCounts; total: number }[];
  totals: { counts: StatusCounts; total: number };
}

const zeros = (): StatusCounts => Object.fromEntries(ENROLLMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

/**
 * The summary as a plan × status grid: the console's plans in its order (then any other the
 * API names), every status with zeros filled in, each plan's total as the API counts it, and
 * a totals line per status.
 */
export function summaryGrid(lines: readonly EnrollmentSummaryLine[]): SummaryGrid {
  const rank = (p: string) => ((INSURANCE_PLANS as readonly string[]).includes(p) ? INSURANCE_PLANS.indexOf(p as InsurancePlan) : INSURANCE_PLANS.length);
  const rows = [...lines]
    .sort((a, b) => rank(a.plan) - rank(b.plan))
    .map((l) => ({ plan: l.plan, counts: { ...zeros(), ...pick(l.byStatus) }, total: l.total }));
  const counts = zeros();
  for (const r of rows) for (const s of ENROLLMENT_STATUSES) counts[s] += r.counts[s];
  return { rows, totals: { counts, total: rows.reduce((sum, r) => sum + r.total, 0) } };
}

/** The known statuses of a count, numbers only. */
function pick(byStatus: Partial<Record<string, number>>): Partial<StatusCounts> {
  return Object.fromEntries(ENROLLMENT_STATUSES.filter((s) => typeof byStatus[s] === 'number').map((s) => [s, byStatus[s]]));
}
