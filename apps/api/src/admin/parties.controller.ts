import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { ActionContext, Page } from '@dure/common';
import { ApiKeyService, ClientView, INSURANCE_PLANS, InsurancePlan, InsurerView, PartyService } from '@dure/membership';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';

export class CreateInsurerDto {
  @ApiProperty({ example: '근로복지공단' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: INSURANCE_PLANS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INSURANCE_PLANS, { each: true })
  plans: InsurancePlan[];
}

export class CreateClientDto {
  @ApiProperty({ example: '대구꽃집' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '123-45-67890', description: 'Business registration number (10 digits)' })
  @IsString()
  @Matches(/^\d{3}-?\d{2}-?\d{5}$/, { message: 'must be 10 digits (###-##-#####)', context: { code: 'MEMBERSHIP.INVALID_BUSINESS_NO' } })
  businessNo: string;

  @ApiProperty({ description: 'Billed monthly for credit orders' })
  @IsBoolean()
  creditAccount: boolean;
}

class KeyedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the API key, for rotation' }) apiKeyId: string;
  @ApiProperty({ description: 'Shown once; store it now', example: 'dure_0123456789ab_…' }) apiKey: string;
}

export class InsurerCreatedDto extends KeyedDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: INSURANCE_PLANS, isArray: true }) plans: string[];
}

export class ClientCreatedDto extends KeyedDto {
  @ApiProperty() name: string;
  @ApiProperty() businessNo: string;
  @ApiProperty() creditAccount: boolean;
}

class InsurerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INSURANCE_PLANS, isArray: true }) plans: string[];
  @ApiProperty({ nullable: true }) apiKeyId: string | null;
}

class ClientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() businessNo: string;
  @ApiProperty() creditAccount: boolean;
  @ApiProperty({ nullable: true }) apiKeyId: string | null;
}

class InsurerPageDto {
  @ApiProperty({ type: [InsurerDto] }) items: InsurerDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

class ClientPageDto {
  @ApiProperty({ type: [ClientDto] }) items: ClientDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class RotatedKeyDto {
  @ApiProperty({ format: 'uuid', description: 'Id of the new key' }) id: string;
  @ApiProperty({ format: 'uuid' }) apiKeyId: string;
  @ApiProperty({ description: 'Shown once' }) apiKey: string;
  @ApiProperty({ enum: ['insurer', 'client'] }) ownerType: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
}

@ApiTags('admin: insurers, clients and API keys')
@Controller('admin')
@Roles('admin')
export class PartiesController {
  constructor(
    private readonly parties: PartyService,
    private readonly apiKeys: ApiKeyService,
  ) {}

  @Post('insurers')
  @Idempotent({ sealResponse: true })
  @ApiOperation({ summary: 'Register an insurer (or the public agency) and issue its API key' })
  @ApiCreatedResponse({ type: InsurerCreatedDto })
  @ApiErrors(400, 409)
  createInsurer(@Body() dto: CreateInsurerDto, @Ctx() ctx: ActionContext): Promise<InsurerView & { apiKey: string }> {
    return this.parties.createInsurer(dto, ctx);
  }

  @Get('insurers')
  @Roles('admin', 'accountant')
  @ApiOperation({ summary: 'Insurers (admins and accountants: accountants send them their batches)' })
  @ApiOkResponse({ type: InsurerPageDto })
  @ApiErrors(400)
  insurers(@Query() q: PageQueryDto): Promise<Page<InsurerView>> {
    return this.parties.listInsurers(pageOf(q));
  }

  @Post('clients')
  @Idempotent({ sealResponse: true })
  @ApiOperation({ summary: 'Register a business client and issue its API key' })
  @ApiCreatedResponse({ type: ClientCreatedDto })
  @ApiErrors(400, 409)
  createClient(@Body() dto: CreateClientDto, @Ctx() ctx: ActionContext): Promise<ClientView & { apiKey: string }> {
    return this.parties.createClient(dto, ctx);
  }

  @Get('clients')
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: 'Business clients (all staff: dispatchers take their phone orders, accountants invoice them)' })
  @ApiOkResponse({ type: ClientPageDto })
  @ApiErrors(400)
  clients(@Query() q: PageQueryDto): Promise<Page<ClientView>> {
    return this.parties.listClients(pageOf(q));
  }

  @Post('api-keys/:id/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace an API key (by key id, or by its insurer or client id); the old key stops working at once',
  })
  @ApiOkResponse({ type: RotatedKeyDto })
  @ApiErrors(400, 404)
  async rotate(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<RotatedKeyDto> {
    const rotated = await this.apiKeys.rotate(id, ctx);
    return { id: rotated.apiKeyId, ...rotated };
  }
}
