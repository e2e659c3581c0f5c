import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { VEHICLE_TYPES, VehicleType } from '@dure/membership';
import { IsCalendarDate } from '../common/validators';

export class ConsentsDto {
  @ApiProperty({ description: 'Consent to the processing of personal data (must be true)' })
  @IsBoolean()
  privacy: boolean;

  @ApiProperty({ description: 'Consent to insurance enrolment (must be true)' })
  @IsBoolean()
  insurance: boolean;
}

export class ApplicationDto {
  @ApiProperty({ example: '홍길동' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiProperty({ example: '010-1234-5678', description: 'Korean mobile number; the courier signs in with it' })
  @IsString()
  @Matches(/^(\+82[\s-]?|0)1[016789][\s-]?\d{3,4}[\s-]?\d{4}$/, {
    message: 'must be a Korean mobile number such as 010-1234-5678',
    context: { code: 'MEMBERSHIP.INVALID_PHONE' },
  })
  phone: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  password: string;

  @ApiProperty({ example: '1990-01-01' })
  @IsCalendarDate()
  birthDate: string;

  @ApiProperty({ example: '900101-1234567', description: 'Resident registration number; checked for form, stored encrypted, shown masked' })
  @IsString()
  @Matches(/^\d{6}-?\d{7}$/, { message: 'must be 13 digits (YYMMDD-NNNNNNN)', context: { code: 'MEMBERSHIP.INVALID_RRN' } })
  rrn: string;

  @ApiProperty({ enum: VEHICLE_TYPES })
  @IsIn(VEHICLE_TYPES)
  vehicleType: VehicleType;

  @ApiProperty({ example: '대구은행' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  bankName: string;

  @ApiProperty({ example: '508-10-123456-7', description: 'Stored encrypted, shown masked' })
  @IsString()
  @Matches(/^(?=(?:\D*\d){6,20}\D*$)[0-9][0-9 -]*[0-9]$/, {
    message: 'must be 6-20 digits, optionally with hyphens',
    context: { code: 'MEMBERSHIP.INVALID_BANK_ACCOUNT' },
  })
  bankAccount: string;

  @ApiProperty({ example: '홍길동' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  accountHolder: string;

  @ApiProperty({ type: ConsentsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ConsentsDto)
  consents: ConsentsDto;
}

export class ApplicationCreatedDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'applicant' }) status: string;
}
