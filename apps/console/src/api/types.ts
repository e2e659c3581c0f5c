/** What the API answers where more than one page reads it. */
import type { EnrollmentStatus, InsurancePlan } from '../lib/domain';

/** A member as lists and look-ups need them (GET /admin/members, /admin/members/:id). */
export interface MemberLite {
  id: string;
  memberNo: string | null;
  name: string;
  status: string;
  vehicleType: string;
  phone: string;
}

/** An insurance enrolment (GET /admin/insurance/enrollments). */
export interface Enrollment {
  id: string;
  memberId: string;
  memberNo: string | null;
  memberName: string;
  plan: InsurancePlan;
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

/** A weekly settlement statement (GET /admin/settlements/statements). */
export interface Statement {
  id: string;
  runId: string;
  memberId: string;
  /** The member's number (null before one was given) and name, as the statement names them. */
  memberNo: string | null;
  memberName: string;
  periodStart: string;
  periodEnd: string;
  jobCount: number;
  grossWon: number;
  feeWon: number;
  earningsWon: number;
  cashFeeWon: number;
  insuranceWon: number;
  withholdingIncomeWon: number;
  withholdingLocalWon: number;
  withholdingWon: number;
  carriedWon: number;
  netWon: number;
}

/** An insurer (GET /admin/insurers: admins and accountants). */
export interface Insurer {
  id: string;
  name: string;
  plans: InsurancePlan[];
  apiKeyId: string | null;
}

/** A business client (GET /admin/clients: all staff). */
export interface Client {
  id: string;
  name: string;
  businessNo: string;
  creditAccount: boolean;
  apiKeyId: string | null;
}
