import { toSeoulIso } from '@dure/common';
import type { Member, MemberStatus, VehicleType } from '../entities/member.entity';
import type { MemberStatusChange } from '../entities/member-status-change.entity';

/** A member as every API response shows it: RRN and account number masked. */
export interface MemberView {
  id: string;
  memberNo: string | null;
  status: MemberStatus;
  name: string;
  phone: string;
  birthDate: string;
  rrn: string;
  vehicleType: VehicleType;
  bankName: string;
  bankAccount: string;
  accountHolder: string;
  consents: { privacyAt: string; insuranceAt: string };
  appliedAt: string;
  approvedAt: string | null;
  statusReason: string | null;
  withdrawalEffectiveOn: string | null;
}

export interface StatusChangeView {
  from: MemberStatus | null;
  to: MemberStatus;
  reason: string | null;
  effectiveOn: string | null;
  actorType: string;
  actorId: string;
  /** The staff member's or the member's own name; null for the system. */
  actorName: string | null;
  at: string;
}

export function toMemberView(m: Member): MemberView {
  return {
    id: m.id,
    memberNo: m.memberNo,
    status: m.status,
    name: m.name,
    phone: m.phone,
    birthDate: m.birthDate,
    rrn: m.rrnMasked,
    vehicleType: m.vehicleType,
    bankName: m.bankName,
    bankAccount: m.bankAccountMasked,
    accountHolder: m.accountHolder,
    consents: { privacyAt: toSeoulIso(m.privacyConsentedAt), insuranceAt: toSeoulIso(m.insuranceConsentedAt) },
    appliedAt: toSeoulIso(m.appliedAt),
    approvedAt: m.approvedAt ? toSeoulIso(m.approvedAt) : null,
    statusReason: m.statusReason,
    withdrawalEffectiveOn: m.withdrawalEffectiveOn,
  };
}

export function toStatusChangeView(c: MemberStatusChange & { actorName?: string | null }): StatusChangeView {
  return {
    from: c.fromStatus,
    to: c.toStatus,
    reason: c.reason,
    effectiveOn: c.effectiveOn,
    actorType: c.actorType,
    actorId: c.actorId,
    actorName: c.actorName ?? null,
    at: toSeoulIso(c.at),
  };
}
