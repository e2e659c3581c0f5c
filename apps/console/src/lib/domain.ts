/**
 * The domain's fixed lists as the API names them, and one colour per status of each kind,
 * so a status looks the same on every page.
 */

export const ORDER_STATUSES = ['requested', 'assigned', 'picked_up', 'delivered', 'cancelled', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const MEMBER_STATUSES = ['applicant', 'active', 'suspended', 'withdrawn', 'rejected'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const VEHICLE_TYPES = ['motorcycle', 'damas', 'labo', 'truck_1t'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const INSURANCE_PLANS = ['group_accident', 'employment', 'industrial_accident'] as const;
export type InsurancePlan = (typeof INSURANCE_PLANS)[number];

export const ENROLLMENT_STATUSES = ['pending', 'submitted', 'enrolled', 'rejected', 'terminating', 'terminated'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const BATCH_STATUSES = ['queued', 'building', 'ready', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export type PayoutStatus = 'pending' | 'paid';

/** Where a dated rule (a fee policy, a pricing rule set) stands today. */
export type Phase = 'future' | 'inForce' | 'past';

/** Whether `value` is one of `list` (a status read from the address, say). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

export type StatusColors<S extends string = string> = Readonly<Record<S, string>>;

export const ORDER_STATUS_COLORS: StatusColors<OrderStatus> = { requested: 'blue', assigned: 'cyan', picked_up: 'violet', delivered: 'teal', cancelled: 'gray', failed: 'red' };
export const MEMBER_STATUS_COLORS: StatusColors<MemberStatus> = { applicant: 'blue', active: 'teal', suspended: 'orange', withdrawn: 'gray', rejected: 'red' };
export const ENROLLMENT_STATUS_COLORS: StatusColors<EnrollmentStatus> = { pending: 'gray', submitted: 'blue', enrolled: 'teal', rejected: 'red', terminating: 'orange', terminated: 'dark' };
export const RUN_STATUS_COLORS: StatusColors<RunStatus> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' };
export const BATCH_STATUS_COLORS: StatusColors<BatchStatus> = { queued: 'gray', building: 'blue', ready: 'teal', failed: 'red' };
export const PAYOUT_STATUS_COLORS: StatusColors<PayoutStatus> = { pending: 'yellow', paid: 'teal' };
export const PHASE_COLORS: StatusColors<Phase> = { inForce: 'teal', future: 'blue', past: 'gray' };

/** A status' colour in its kind's map; gray for one the console does not know (a newer API). */
export function statusColor(colors: StatusColors, status: string): string {
  return (colors as Readonly<Record<string, string>>)[status] ?? 'gray';
}
