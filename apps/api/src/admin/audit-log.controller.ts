import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Page } from '@dure/common';
import { AuditEntryView, AuditService } from '@dure/membership';
import { Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { IsInstant } from '../common/validators';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @ApiPropertyOptional({ example: 'member.approve' }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @ApiPropertyOptional({ example: 'member' }) @IsOptional() @IsString() @MaxLength(50) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) targetId?: string;
  @ApiPropertyOptional({ description: 'From this instant (ISO 8601)' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ description: 'Before this instant (ISO 8601)' }) @IsOptional() @IsInstant() to?: string;
}

class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ enum: ['staff', 'courier', 'insurer', 'client', 'system'] }) actorType: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ example: 'member.approve' }) action: string;
  @ApiProperty({ nullable: true }) targetType: string | null;
  @ApiProperty({ nullable: true }) targetId: string | null;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ nullable: true }) requestId: string | null;
  @ApiProperty({ nullable: true }) ip: string | null;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

@ApiTags('admin: audit')
@Controller('admin/audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Who did what, when: every staff action, newest first' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiErrors(400)
  list(@Query() q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list(
      {
        actorId: q.actorId,
        action: q.action,
        targetType: q.targetType,
        targetId: q.targetId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      pageOf(q),
    );
  }
}
