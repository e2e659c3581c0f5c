import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsLongitude, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../common/page-query.dto';
import { IsInstant, IsGeoLatitude } from '../common/validators';

export class PresenceDto {
  @ApiProperty() @IsBoolean() online: boolean;
}

export class LocationPointDto {
  @ApiProperty({ example: 35.8693 }) @IsGeoLatitude() lat: number;
  @ApiProperty({ example: 128.5961 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() lng: number;
  @ApiPropertyOptional({ example: 8 }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100_000) accuracyM?: number;
  @ApiProperty({ example: '2026-11-22T09:30:00+09:00', description: "The device's time of the fix" }) @IsInstant() recordedAt: string;
}

export class LocationsDto {
  @ApiProperty({ type: [LocationPointDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LocationPointDto)
  points: LocationPointDto[];
}

const EVENT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export class CourierEventDto {
  @ApiProperty({ example: '6f1c2f9e-1d5b-4c5e-9d0e-2a4b8c7d9e10', description: 'Made by the phone; a retry sends the same one' })
  @IsString()
  @Matches(EVENT_ID, { message: 'must be 1-100 letters, digits or . _ : -' })
  eventId: string;

  @ApiPropertyOptional({ description: 'When it happened on the phone (ISO 8601); now by default' })
  @IsOptional()
  @IsInstant()
  at?: string;
}

export class DeliverDto extends CourierEventDto {
  @ApiProperty({ example: '홍길동' }) @IsString() @MinLength(1) @MaxLength(50) recipientName: string;
}

export class FailDto extends CourierEventDto {
  @ApiProperty({ example: '수령인 부재' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class JobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'done'], default: 'active' }) @IsOptional() @IsIn(['active', 'done']) status?: 'active' | 'done';
}

export class BoardItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() orderNo: number;
  @ApiProperty({ example: { address: '대구 중구 동성로 1', lat: 35.8693, lng: 128.5961 } }) pickup: object;
  @ApiProperty({ example: { address: '대구 수성구 무학로 1', lat: 35.8276, lng: 128.6183 } }) dropoff: object;
  @ApiProperty() itemDescription: string;
  @ApiProperty() vehicleType: string;
  @ApiProperty() urgency: string;
  @ApiProperty() paymentMethod: string;
  @ApiProperty() fareWon: number;
  @ApiProperty() distanceM: number;
  @ApiProperty({ nullable: true }) pickupDistanceM: number | null;
  @ApiProperty({ enum: ['broadcast', 'offer'] }) dispatchMode: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() offerExpiresAt?: string;
}
