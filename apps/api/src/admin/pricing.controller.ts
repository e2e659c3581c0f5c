import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ActionContext } from '@dure/common';
import { PricingService, RuleSetView } from '@dure/dispatch';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { IsInstant } from '../common/validators';

class TariffDto {
  @ApiProperty({ example: 4000 }) @IsInt() @Min(1) @Max(1_000_000) baseFareWon: number;
  @ApiProperty({ example: 3000 }) @IsInt() @Min(0) @Max(100_000) baseDistanceM: number;
  @ApiProperty({ example: 700 }) @IsInt() @Min(0) @Max(100_000) perKmWon: number;
}

class VehiclesDto {
  @ApiProperty({ type: TariffDto }) @IsDefined() @ValidateNested() @Type(() => TariffDto) motorcycle: TariffDto;
  @ApiProperty({ type: TariffDto }) @IsDefined() @ValidateNested() @Type(() => TariffDto) damas: TariffDto;
  @ApiProperty({ type: TariffDto }) @IsDefined() @ValidateNested() @Type(() => TariffDto) labo: TariffDto;
  @ApiProperty({ type: TariffDto }) @IsDefined() @ValidateNested() @Type(() => TariffDto) truck_1t: TariffDto;
}

export class RuleSetDto {
  @ApiProperty({ example: '2027-01-01T00:00:00+09:00', description: 'Now or later; the past is never rewritten' })
  @IsInstant()
  effectiveFrom: string;
  @ApiProperty({ type: VehiclesDto }) @IsDefined() @ValidateNested() @Type(() => VehiclesDto) vehicles: VehiclesDto;
  @ApiProperty({ example: 13000, description: 'Road distance over straight line, in bps (13000 = ×1.3)' }) @IsInt() @Min(10_000) @Max(30_000) roadFactorBps: number;
  @ApiProperty({ example: 5000 }) @IsInt() @Min(0) @Max(50_000) expressSurchargeBps: number;
  @ApiProperty({ example: 2000, description: '22:00-06:00 Asia/Seoul' }) @IsInt() @Min(0) @Max(50_000) nightSurchargeBps: number;
  @ApiProperty({ example: 1000, description: 'Saturday and Sunday' }) @IsInt() @Min(0) @Max(50_000) weekendSurchargeBps: number;
  @ApiProperty({ example: 1000, description: 'Fares are rounded up to this' }) @IsInt() @Min(1) @Max(100_000) roundingUnitWon: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

class RuleSetViewDto extends RuleSetDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

@ApiTags('admin: pricing')
@Controller('admin/pricing/rule-sets')
export class PricingController {
  constructor(private readonly pricing: PricingService) {}

  @Get()
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: 'Every pricing rule set, oldest first' })
  @ApiOkResponse({ type: [RuleSetViewDto] })
  history(): Promise<RuleSetView[]> {
    return this.pricing.history();
  }

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'A new rule set from a moment on (now or later)' })
  @ApiCreatedResponse({ type: RuleSetViewDto })
  @ApiErrors(400, 409)
  add(@Body() dto: RuleSetDto, @Ctx() ctx: ActionContext): Promise<RuleSetView> {
    return this.pricing.add(dto, ctx);
  }
}
