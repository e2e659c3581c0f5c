import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsLongitude, IsNumber, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PricingService, Quote, URGENCIES, Urgency, VehicleType } from '@dure/dispatch';
import { VEHICLE_TYPES } from '@dure/membership';
import { StaffOrClient } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { IsInstant, IsGeoLatitude } from '../common/validators';

class QuotePointDto {
  @ApiProperty({ example: 35.8693 }) @IsGeoLatitude() lat: number;
  @ApiProperty({ example: 128.5961 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsLongitude() lng: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  // A full stop from an order form is welcome too; only the coordinates price the trip.
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) contactPhone?: string;
}

export class QuoteDto {
  @ApiProperty({ type: QuotePointDto }) @IsDefined() @ValidateNested() @Type(() => QuotePointDto) pickup: QuotePointDto;
  @ApiProperty({ type: QuotePointDto }) @IsDefined() @ValidateNested() @Type(() => QuotePointDto) dropoff: QuotePointDto;
  @ApiProperty({ enum: VEHICLE_TYPES }) @IsIn(VEHICLE_TYPES) vehicleType: VehicleType;
  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency: Urgency;
  @ApiPropertyOptional({ description: 'When the trip happens (ISO 8601); now by default' })
  @IsOptional()
  @IsInstant()
  at?: string;
}

class BreakdownDto {
  @ApiProperty({ enum: ['base', 'distance', 'express', 'night', 'weekend', 'rounding'] }) kind: string;
  @ApiProperty() amountWon: number;
}

class QuoteResultDto {
  @ApiProperty({ example: 7000 }) fareWon: number;
  @ApiProperty({ example: 6565, description: 'Straight line × road factor' }) distanceM: number;
  @ApiProperty({ type: [BreakdownDto], description: 'Adds up to fareWon' }) breakdown: BreakdownDto[];
  @ApiProperty({ format: 'uuid' }) ruleSetId: string;
}

@ApiTags('dispatch')
@Controller('quotes')
export class QuotesController {
  constructor(private readonly pricing: PricingService) {}

  @Post()
  @HttpCode(200)
  @StaffOrClient('admin', 'dispatcher')
  @ApiOperation({ summary: 'The fare of a trip and its breakdown (staff bearer token or client API key)' })
  @ApiOkResponse({ type: QuoteResultDto })
  @ApiErrors(400, 409)
  quote(@Body() dto: QuoteDto): Promise<Quote> {
    return this.pricing.quote({ pickup: dto.pickup, dropoff: dto.dropoff, vehicleType: dto.vehicleType, urgency: dto.urgency, at: dto.at ? new Date(dto.at) : undefined });
  }
}
