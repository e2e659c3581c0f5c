import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { ActionContext, Actor, Page } from '@dure/common';
import { AcknowledgementResult, BatchListView, BatchService, BatchView } from '@dure/insurance';
import { ApiKeyAuth, Ctx, CurrentActor } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';
import { BatchViewDto, sendBatchFile } from './batch.dto';

class InsurerBatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['queued', 'building', 'ready', 'failed'] }) @IsOptional() @IsIn(['queued', 'building', 'ready', 'failed']) status?: BatchView['status'];
}

class InsurerBatchPageDto {
  @ApiProperty({ type: [BatchViewDto] }) items: BatchViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

class AckResultDto {
  @ApiProperty({ description: 'The record id from the file (CSV record_id, 834 REF*ZZ)' }) @IsString() @MinLength(1) @MaxLength(64) recordId: string;
  @ApiProperty({ enum: ['accepted', 'rejected'] }) @IsIn(['accepted', 'rejected']) status: 'accepted' | 'rejected';
  @ApiPropertyOptional({ description: 'Accepted: the certificate number' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(64) certificateNo?: string;
  @ApiPropertyOptional({ description: 'Rejected: the reason code' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(32) code?: string;
  @ApiPropertyOptional({ description: 'Rejected: what is wrong, for staff to fix' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) message?: string;
}

class AcknowledgementDto {
  @ApiProperty({ type: [AckResultDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => AckResultDto)
  results: AckResultDto[];
}

class AcknowledgementResultDto {
  @ApiProperty({ description: 'Answers recorded by this request' }) applied: number;
  @ApiProperty({ description: 'Answers given before, identical (nothing changed)' }) unchanged: number;
  @ApiProperty({ description: 'Of those applied, accepted' }) accepted: number;
  @ApiProperty({ description: 'Of those applied, rejected' }) rejected: number;
}

/** An insurer's own batches: list, download, acknowledge. Another insurer's batch is a 404. */
@ApiTags('insurer')
@Controller('insurer/batches')
@ApiKeyAuth('insurer')
export class InsurerBatchesController {
  constructor(private readonly batches: BatchService) {}

  @Get()
  @ApiOperation({ summary: 'Own batches, newest first (?status=ready for those with a file)' })
  @ApiOkResponse({ type: InsurerBatchPageDto })
  @ApiErrors(400)
  async list(@Query() q: InsurerBatchQueryDto, @CurrentActor() actor: Actor): Promise<Page<BatchView>> {
    const page = await this.batches.list({ insurerId: actor.id, status: q.status }, pageOf(q));
    return { ...page, items: page.items.map(({ insurerName: _n, accepted: _a, rejected: _r, unanswered: _u, ...batch }: BatchListView) => batch) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One own batch' })
  @ApiOkResponse({ type: BatchViewDto })
  @ApiErrors(400, 404)
  get(@Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<BatchView> {
    return this.batches.get(id, actor.id);
  }

  @Get(':id/file')
  @ApiOperation({ summary: 'The file (text/csv or application/edi-x12), ETag = its SHA-256; every download is audited' })
  @ApiProduces('text/csv', 'application/edi-x12')
  @ApiErrors(400, 404, 409)
  async file(
    @Param('id', UuidParam) id: string,
    @Ctx() ctx: ActionContext,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendBatchFile(reply, () => this.batches.file(id, ctx, ctx.actor.id), ifNoneMatch);
  }

  @Post(':id/acknowledgement')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answers per record: accepted (certificate number) or rejected (code, message). All or nothing; the same answer again changes nothing',
  })
  @ApiOkResponse({ type: AcknowledgementResultDto })
  @ApiErrors(400, 404, 409)
  acknowledge(@Param('id', UuidParam) id: string, @Body() dto: AcknowledgementDto, @Ctx() ctx: ActionContext): Promise<AcknowledgementResult> {
    return this.batches.acknowledge(ctx.actor.id, id, dto.results, ctx);
  }
}
