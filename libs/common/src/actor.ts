export type StaffRole = 'admin' | 'dispatcher' | 'accountant';
export type Role = StaffRole | 'courier';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'dispatcher', 'accountant'];

/** Who is acting: recorded on every change and in the audit log. */
export type Actor =
  | { type: 'staff'; id: string; roles: StaffRole[] }
  | { type: 'courier'; id: string; roles: ['courier'] }
  | { type: 'insurer'; id: string; apiKeyId: string }
  | { type: 'client'; id: string; apiKeyId: string }
  | { type: 'system'; id: 'system' };

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'system' };

/** The actor plus where the request came from: what every change and audit entry records. */
export interface ActionContext {
  actor: Actor;
  requestId?: string;
  ip?: string;
}

export function actorType(actor: Actor): string {
  return actor.type;
}
