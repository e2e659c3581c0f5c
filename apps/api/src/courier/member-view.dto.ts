import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_STATUSES, VEHICLE_TYPES } from '@dure/membership';

class ConsentTimesDto {
  @ApiProperty() privacyAt: string;
  @ApiProperty() insuranceAt: string;
}

/** A member as responses show it: RRN and bank account masked. */
export class MemberViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, example: 'DR-2026-00042' }) memberNo: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES }) status: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '01012345678' }) phone: string;
  @ApiProperty({ example: '1990-01-01' }) birthDate: string;
  @ApiProperty({ example: '900101-1******', description: 'Masked' }) rrn: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) vehicleType: string;
  @ApiProperty() bankName: string;
  @ApiProperty({ example: '***-****-1234', description: 'Masked' }) bankAccount: string;
  @ApiProperty() accountHolder: string;
  @ApiProperty({ type: ConsentTimesDto }) consents: ConsentTimesDto;
  @ApiProperty() appliedAt: string;
  @ApiProperty({ nullable: true }) approvedAt: string | null;
  @ApiProperty({ nullable: true }) statusReason: string | null;
  @ApiProperty({ nullable: true }) withdrawalEffectiveOn: string | null;
}

export class ShareCapitalSummaryDto {
  @ApiProperty({ example: 100000 }) balanceWon: number;
  @ApiProperty({ example: 100000 }) minimumWon: number;
}

export class CoverageLineDto {
  @ApiProperty({ enum: ['group_accident', 'employment', 'industrial_accident'] }) plan: string;
  @ApiProperty({ example: 'enrolled' }) status: string;
  @ApiPropertyOptional({ nullable: true }) certificateNo?: string | null;
}

export class CourierProfileDto extends MemberViewDto {
  @ApiProperty({ type: [CoverageLineDto] }) insurance: CoverageLineDto[];
  @ApiProperty({ type: ShareCapitalSummaryDto }) shareCapital: ShareCapitalSummaryDto;
}
