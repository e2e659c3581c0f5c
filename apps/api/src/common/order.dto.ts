import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsLongitude, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DISPATCH_MODES, DispatchMode, ORDER_STATUSES, PAYMENT_METHODS, PaymentMethod, URGENCIES, Urgency, VehicleType } from '@dure/dispatch';
import { VEHICLE_TYPES } from '@dure/membership';
import { IsGeoLatitude, IsWon } from './validators';

const PHONE = /^(\+82[\s-]?|0)\d{1,2}[\s-]?\d{3,4}[\s-]?\d{4}$/;

export class StopDto {
  @ApiProperty({ example: '대구 중구 동성로 1' }) @IsString() @MinLength(1) @MaxLength(200) address: string;
  @ApiProperty({ example: 35.8693 }) @IsGeoLatitude() lat: number;
  @ApiProperty({ example: 128.5961 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() lng: number;
  @ApiProperty({ example: '김보냄' }) @IsString() @MinLength(1) @MaxLength(50) contactName: string;
  @ApiProperty({ example: '053-123-4567' })
  @IsString()
  @Matches(PHONE, { message: 'must be a Korean phone number such as 053-123-4567' })
  contactPhone: string;
}

export class ClientOrderDto {
  @ApiProperty({ type: StopDto }) @IsDefined() @ValidateNested() @Type(() => StopDto) pickup: StopDto;
  @ApiProperty({ type: StopDto }) @IsDefined() @ValidateNested() @Type(() => StopDto) dropoff: StopDto;
  @ApiProperty({ example: '서류 봉투 1개' }) @IsString() @MinLength(1) @MaxLength(500) itemDescription: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) @IsIn(VEHICLE_TYPES) vehicleType: VehicleType;
  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency: Urgency;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) paymentMethod: PaymentMethod;
  @ApiPropertyOptional({ enum: DISPATCH_MODES, description: 'Defaults to the configured mode' })
  @IsOptional()
  @IsIn(DISPATCH_MODES)
  dispatchMode?: DispatchMode;
}

export class StaffOrderDto extends ClientOrderDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The business client (required for credit orders)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'must be a UUID' })
  clientId?: string;

  @ApiPropertyOptional({ example: 15000, description: 'A fare agreed by phone; otherwise the pricing rules decide' })
  @IsOptional()
  @IsWon()
  @Min(1000)
  @Max(10_000_000)
  fareWon?: number;
}

class StopViewDto {
  @ApiProperty() address: string;
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
}

export class OrderViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1042 }) orderNo: number;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty({ type: StopViewDto }) pickup: StopViewDto;
  @ApiProperty({ type: StopViewDto }) dropoff: StopViewDto;
  @ApiProperty() itemDescription: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) vehicleType: string;
  @ApiProperty({ enum: URGENCIES }) urgency: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) paymentMethod: string;
  @ApiProperty({ nullable: true }) clientId: string | null;
  @ApiProperty() fareWon: number;
  @ApiProperty({ enum: ['rules', 'agreed'] }) fareSource: string;
  @ApiProperty({ nullable: true, description: 'Fixed at delivery' }) feeWon: number | null;
  @ApiProperty() distanceM: number;
  @ApiProperty({ enum: DISPATCH_MODES }) dispatchMode: string;
  @ApiProperty({ description: 'No courier took it; a dispatcher must assign' }) needsDispatcher: boolean;
  @ApiProperty({ nullable: true }) assignedMemberId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) assignedAt: string | null;
  @ApiProperty({ nullable: true }) pickedUpAt: string | null;
  @ApiProperty({ nullable: true }) deliveredAt: string | null;
  @ApiProperty({ nullable: true }) cancelledAt: string | null;
  @ApiProperty({ nullable: true }) failedAt: string | null;
  @ApiProperty({ nullable: true }) cancelReason: string | null;
  @ApiProperty({ nullable: true }) failReason: string | null;
  @ApiProperty({ nullable: true }) recipientName: string | null;
  @ApiProperty() hasProofPhoto: boolean;
}

export class OrderEventDto {
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty() at: string;
  @ApiProperty() actorType: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ nullable: true }) eventId: string | null;
  @ApiProperty({ nullable: true }) reason: string | null;
}

export class OrderDetailDto extends OrderViewDto {
  @ApiProperty({ type: [OrderEventDto] }) events: OrderEventDto[];
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto] }) items: OrderViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class CancelDto {
  @ApiProperty({ example: '고객 요청' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}
