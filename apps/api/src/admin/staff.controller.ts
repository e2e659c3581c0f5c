import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ActionContext, Page, STAFF_ROLES, StaffRole } from '@dure/common';
import { StaffService, StaffView } from '@dure/membership';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';

export class CreateStaffDto {
  @ApiProperty({ example: 'dispatcher2' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9._-]{2,39}$/, { message: 'must be 3-40 letters, digits, . _ or -, starting with a letter' })
  login: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password: string;

  @ApiProperty({ example: '박배차' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(50)
  name: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles: StaffRole[];
}

export class UpdateStaffDto {
  @ApiPropertyOptional({ example: '박배차' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true, description: 'The full new set of roles' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles?: StaffRole[];

  @ApiPropertyOptional({ description: 'false: the account can no longer sign in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: 10, maxLength: 128, description: 'A password reset by an admin' })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(128)
  password?: string;
}

export class StaffViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() login: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) roles: string[];
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
}

class StaffPageDto {
  @ApiProperty({ type: [StaffViewDto] }) items: StaffViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

@ApiTags('admin: staff')
@Controller('admin/staff')
@Roles('admin')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: StaffViewDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateStaffDto, @Ctx() ctx: ActionContext): Promise<StaffView> {
    return this.staff.create(dto, ctx);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a staff account: name, roles, active, or reset its password',
    description:
      'One active admin always remains (409 MEMBERSHIP.LAST_ADMIN). Changing roles, deactivating or resetting the password ends the sessions of that person (refresh tokens revoked).',
  })
  @ApiOkResponse({ type: StaffViewDto })
  @ApiErrors(400, 404, 409)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateStaffDto, @Ctx() ctx: ActionContext): Promise<StaffView> {
    return this.staff.update(id, dto, ctx);
  }

  @Get()
  @ApiOperation({ summary: 'Staff accounts' })
  @ApiOkResponse({ type: StaffPageDto })
  @ApiErrors(400)
  list(@Query() q: PageQueryDto): Promise<Page<StaffView>> {
    return this.staff.list(pageOf(q));
  }
}
