import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, maskAccount, maskRrn, seoulDate } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import type { VehicleType } from '../entities/member.entity';
import { MembershipErrors } from '../membership.errors';
import { PasswordHasher } from '../auth/password-hasher';
import { PiiCipher, memberFieldContext } from '../pii/pii-cipher';
import { MemberRepository } from './member.repository';
import { normalizeRrn, rrnProblem } from './rrn';
import { normalizePhone } from './phone';

export interface ApplicationInput {
  name: string;
  phone: string;
  password: string;
  birthDate: string;
  rrn: string;
  vehicleType: VehicleType;
  bankName: string;
  bankAccount: string;
  accountHolder: string;
  consents: { privacy: boolean; insurance: boolean };
}

export const RRN_HASH_PURPOSE = 'rrn';

/** A courier applies to join: SPEC §1. */
@Injectable()
export class MemberApplicationService {
  constructor(
    private readonly members: MemberRepository,
    private readonly tx: TransactionRunner,
    private readonly cipher: PiiCipher,
    private readonly hasher: PasswordHasher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async apply(input: ApplicationInput): Promise<{ memberId: string; status: 'applicant' }> {
    if (input.birthDate > seoulDate(this.clock.now())) {
      throw MembershipErrors.invalid('MEMBERSHIP.INVALID_BIRTH_DATE', 'The birth date is in the future', [
        { field: 'birthDate', reason: 'must not be in the future' },
      ]);
    }
    const problem = rrnProblem(input.rrn, input.birthDate);
    if (problem) throw MembershipErrors.invalidRrn(problem);
    const missing = (['privacy', 'insurance'] as const).filter((k) => input.consents[k] !== true);
    if (missing.length > 0) {
      throw MembershipErrors.invalid(
        'MEMBERSHIP.CONSENT_REQUIRED',
        'Consent to privacy processing and insurance enrolment is required',
        missing.map((k) => ({ field: `consents.${k}`, reason: 'must be true' })),
      );
    }

    const rrn = normalizeRrn(input.rrn);
    const phone = normalizePhone(input.phone);
    const rrnHash = this.cipher.keyedHash(rrn, RRN_HASH_PURPOSE);
    const duplicate = await this.members.findDuplicate(rrnHash, phone);
    if (duplicate === 'rrn') throw MembershipErrors.duplicateRrn();
    if (duplicate === 'phone') throw MembershipErrors.duplicatePhone();

    const id = randomUUID();
    const account = input.bankAccount.replace(/[\s-]/g, '');
    const sealedRrn = this.cipher.seal(rrn, memberFieldContext(id, 'rrn'));
    const sealedAccount = this.cipher.seal(account, memberFieldContext(id, 'bankAccount'));
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();

    await this.tx.run(async (tx) => {
      await this.members.insert(tx, {
        id,
        memberNo: null,
        status: 'applicant',
        name: input.name.trim(),
        phone,
        passwordHash,
        birthDate: input.birthDate,
        rrnCiphertext: sealedRrn.ciphertext,
        rrnKeyId: sealedRrn.keyId,
        rrnHash,
        rrnMasked: maskRrn(rrn),
        vehicleType: input.vehicleType,
        bankName: input.bankName.trim(),
        bankAccountCiphertext: sealedAccount.ciphertext,
        bankAccountKeyId: sealedAccount.keyId,
        bankAccountMasked: maskAccount(account),
        accountHolder: input.accountHolder.trim(),
        privacyConsentedAt: now,
        insuranceConsentedAt: now,
        appliedAt: now,
        approvedAt: null,
        withdrawalEffectiveOn: null,
        statusReason: null,
      });
      await this.members.recordStatusChange(tx, {
        memberId: id,
        fromStatus: null,
        toStatus: 'applicant',
        reason: null,
        effectiveOn: null,
        actorType: 'courier',
        actorId: id,
        at: now,
      });
    });
    return { memberId: id, status: 'applicant' };
  }
}
