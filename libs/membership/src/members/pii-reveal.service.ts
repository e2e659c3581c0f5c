import { Inject, Injectable } from '@nestjs/common';
import { ActionContext, Clock } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { MembershipErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { PiiCipher, memberFieldContext } from '../pii/pii-cipher';
import { MemberRepository } from './member.repository';

export type RevealableField = 'rrn' | 'bankAccount';

/**
 * Decrypts personal data for an admin who gives a reason. The audit entry is written in
 * the same transaction as the read: no record, no reveal.
 */
@Injectable()
export class PiiRevealService {
  constructor(
    private readonly members: MemberRepository,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  reveal(memberId: string, field: RevealableField, reason: string, ctx: ActionContext): Promise<{ field: RevealableField; value: string }> {
    return this.tx.run(async (tx) => {
      const member = await this.members.findById(memberId, tx);
      if (!member) throw MembershipErrors.memberNotFound(memberId);
      const value = this.openField(member, field);
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'member.reveal',
        targetType: 'member',
        targetId: memberId,
        reason,
        details: { field },
      });
      return { field, value };
    });
  }

  /** Clear values for the insurer export and payout files (not an HTTP path of its own). */
  openField(member: { id: string; rrnCiphertext: string; rrnKeyId: string; bankAccountCiphertext: string; bankAccountKeyId: string }, field: RevealableField): string {
    const sealed =
      field === 'rrn'
        ? { ciphertext: member.rrnCiphertext, keyId: member.rrnKeyId }
        : { ciphertext: member.bankAccountCiphertext, keyId: member.bankAccountKeyId };
    return this.cipher.open(sealed, memberFieldContext(member.id, field));
  }
}
