import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MEMBER_SORTS, MEMBER_STATUSES, MemberSort, MemberStatus } from '@dure/membership';
import { PageQueryDto } from '../common/page-query.dto';
import { IsCalendarDate, IsWon } from '../common/validators';
import { CoverageLineDto, MemberViewDto, ShareCapitalSummaryDto } from '../courier/member-view.dto';

export class MemberListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEMBER_STATUSES })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;

  @ApiPropertyOptional({ description: 'Name, phone or member number (partial), or a full RRN' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: MEMBER_SORTS, default: '-appliedAt', description: 'Order of the register; a leading minus sorts descending' })
  @IsOptional()
  @IsIn(MEMBER_SORTS)
  sort?: MemberSort;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: every matching member (paging ignored), PII masked, for Excel' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ReasonDto {
  @ApiProperty({ example: '서류 확인 완료' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class WithdrawDto extends ReasonDto {
  @ApiProperty({ example: '2026-11-30', description: 'Business date the withdrawal takes effect' })
  @IsCalendarDate()
  effectiveDate: string;
}

export class ShareCapitalEntryDto {
  @ApiProperty({ enum: ['payment', 'refund'] })
  @IsIn(['payment', 'refund'])
  kind: 'payment' | 'refund';

  @ApiProperty({ example: 100000, minimum: 1, maximum: 100_000_000 })
  @IsWon()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountWon: number;

  @ApiProperty({ example: '2026-11-22' })
  @IsCalendarDate()
  paidOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class RevealDto {
  @ApiProperty({ enum: ['rrn', 'bankAccount'] })
  @IsIn(['rrn', 'bankAccount'])
  field: 'rrn' | 'bankAccount';

  @ApiProperty({ example: '보험 가입 서류 확인', description: 'Recorded in the audit log' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class RevealedDto {
  @ApiProperty({ enum: ['rrn', 'bankAccount'] }) field: string;
  @ApiProperty({ description: 'The clear value' }) value: string;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberViewDto] }) items: MemberViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

class StatusChangeDto {
  @ApiProperty({ nullable: true, enum: MEMBER_STATUSES }) from: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES }) to: string;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ nullable: true }) effectiveOn: string | null;
  @ApiProperty() actorType: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ nullable: true, description: "The staff member's or the member's name; null for the system" }) actorName: string | null;
  @ApiProperty() at: string;
}

export class MemberDetailDto extends MemberViewDto {
  @ApiProperty({ type: [StatusChangeDto] }) statusHistory: StatusChangeDto[];
  @ApiProperty({ type: ShareCapitalSummaryDto }) shareCapital: ShareCapitalSummaryDto;
}

export class ApprovedMemberDto extends MemberViewDto {}

class ShareCapitalEntryViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['payment', 'refund'] }) kind: string;
  @ApiProperty() amountWon: number;
  @ApiProperty() paidOn: string;
  @ApiProperty({ nullable: true }) note: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty() createdAt: string;
}

class ScheduledRefundDto {
  @ApiProperty() amountWon: number;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: ['scheduled', 'paid'] }) status: string;
}

export class ShareCapitalLedgerDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() minimumWon: number;
  @ApiProperty() paidInWon: number;
  @ApiProperty() refundedWon: number;
  @ApiProperty() balanceWon: number;
  @ApiProperty() outstandingWon: number;
  @ApiProperty({ type: ScheduledRefundDto, nullable: true }) scheduledRefund: ScheduledRefundDto | null;
  @ApiProperty({ type: [ShareCapitalEntryViewDto] }) entries: ShareCapitalEntryViewDto[];
}

export { ShareCapitalEntryViewDto, CoverageLineDto };
