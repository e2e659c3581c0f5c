import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ActionContext, Page, STAFF_ROLES, StaffRole } from '@dure/common';
import { StaffService, StaffView } from '@dure/membership';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { PageQueryDto, pageOf } from '../common/page-query.dto';

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
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles: StaffRole[];
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

  @Get()
  @ApiOperation({ summary: 'Staff accounts' })
  @ApiOkResponse({ type: StaffPageDto })
  @ApiErrors(400)
  list(@Query() q: PageQueryDto): Promise<Page<StaffView>> {
    return this.staff.list(pageOf(q));
  }
}
