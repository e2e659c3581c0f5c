/** The members pages' rules that need no DOM: status machine, register filters and order. */
import { MEMBER_STATUSES, isOneOf, type MemberStatus } from '../../lib/domain';

export type MemberAction = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'withdraw';

/** SPEC §1's status machine, as the API enforces it: what each status may do next. */
const ACTIONS_BY_STATUS: Record<MemberStatus, MemberAction[]> = {
  applicant: ['approve', 'reject'],
  active: ['suspend', 'withdraw'],
  suspended: ['reinstate', 'withdraw'],
  withdrawn: [],
  rejected: [],
};

export function actionsFor(status: string): MemberAction[] {
  return isOneOf(MEMBER_STATUSES, status) ? ACTIONS_BY_STATUS[status] : [];
}

/** What a status change asks for, matching the request bodies of the API. */
export function actionForm(action: MemberAction): { reason: 'required' | 'optional' | 'none'; effectiveDate: boolean } {
  switch (action) {
    case 'approve':
      return { reason: 'none', effectiveDate: false };
    case 'reinstate':
      return { reason: 'optional', effectiveDate: false };
    case 'withdraw':
      return { reason: 'required', effectiveDate: true };
    case 'reject':
    case 'suspend':
      return { reason: 'required', effectiveDate: false };
  }
}

/**
 * The body a status change sends. A required reason is sent even when empty: the API
 * answers with the field error, which the form shows beside the field.
 */
export function actionBody(action: MemberAction, values: { reason: string; effectiveDate: string }): Record<string, string> | undefined {
  const form = actionForm(action);
  if (form.reason === 'none') return undefined;
  const reason = values.reason.trim();
  const body: Record<string, string> = {};
  if (form.reason === 'required' || reason) body.reason = reason;
  if (form.effectiveDate) body.effectiveDate = values.effectiveDate;
  return body;
}

/** A Korean mobile number as people write it: 01012345678 → 010-1234-5678 (anything else as is). */
export function formatPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (d.length === 11) return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  if (d.length === 10) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  return phone;
}

/** The register's orders, as the API names them (a leading minus: descending). */
export const MEMBER_SORTS = ['-appliedAt', 'appliedAt', 'name', '-name', 'memberNo', '-memberNo'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
const DEFAULT_SORT: MemberSort = '-appliedAt';

export interface RegisterFilter {
  status: MemberStatus | undefined;
  q: string;
  page: number;
  sort: MemberSort;
}

/** The register's filters live in the address, so a filtered page can be bookmarked and reloaded. */
export function readRegisterFilter(params: URLSearchParams): RegisterFilter {
  const status = params.get('status');
  const page = Number(params.get('page'));
  const sort = params.get('sort');
  return {
    status: isOneOf(MEMBER_STATUSES, status) ? status : undefined,
    q: (params.get('q') ?? '').slice(0, 100),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    sort: (MEMBER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as MemberSort) : DEFAULT_SORT,
  };
}

export function writeRegisterFilter(filter: RegisterFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.sort !== DEFAULT_SORT) params.set('sort', filter.sort);
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}
