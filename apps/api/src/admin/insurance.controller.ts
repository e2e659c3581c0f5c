import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { ActionContext, Page } from '@dure/common';
import {
  BatchListView,
  BatchService,
  BatchView,
  ENROLLMENT_STATUSES,
  EnrollmentService,
  EnrollmentStatus,
  EnrollmentSummaryLine,
  EnrollmentView,
  MonthSummary,
  MonthlyService,
  PLANS,
  Plan,
  RateService,
  RateView,
  ReportLineView,
} from '@dure/insurance';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';
import { IsCalendarDate, IsWon } from '../common/validators';
import { csvHeaders } from '../common/file-reply';
import { BatchViewDto, sendBatchFile } from '../insurer/batch.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class RateDto {
  @ApiProperty({ enum: PLANS }) @IsIn(PLANS) plan: Plan;
  @ApiProperty({ example: 80, description: "The worker's share in basis points (0 for the group plan)" }) @IsInt() @Min(0) @Max(10_000) workerRateBps: number;
  @ApiProperty({ example: 80, description: "The cooperative's share in basis points (0 for the group plan)" }) @IsInt() @Min(0) @Max(10_000) employerRateBps: number;
  @ApiPropertyOptional({ example: 2740, description: 'Expense ratio of the occupation (required for employment and industrial accident)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  expenseRatioBps?: number;
  @ApiProperty({ example: '2027-01-01' }) @IsCalendarDate() effectiveFrom: string;
  @ApiPropertyOptional({ example: 800_000, description: 'Employment: the monthly 월 보수액 from which a month is covered (default 800,000)' })
  @IsOptional()
  @IsWon()
  @Min(0)
  thresholdWon?: number;
  @ApiPropertyOptional({ example: 12_000, description: 'Group plan: premium per member per month' }) @IsOptional() @IsWon() @Min(0) premiumWon?: number;
  @ApiPropertyOptional({ enum: ['cooperative', 'member'], description: 'Group plan: who pays the premium' })
  @IsOptional()
  @IsIn(['cooperative', 'member'])
  payer?: 'cooperative' | 'member';
  @ApiPropertyOptional({ description: 'Where the figure comes from (the official notice)' }) @IsOptional() @IsString() @MaxLength(1000) source?: string;
}

class RateViewDto extends RateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

class RateQueryDto {
  @ApiPropertyOptional({ enum: PLANS }) @IsOptional() @IsIn(PLANS) plan?: Plan;
}

class EnrollmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES }) @IsOptional() @IsIn(ENROLLMENT_STATUSES) status?: EnrollmentStatus;
  @ApiPropertyOptional({ enum: PLANS }) @IsOptional() @IsIn(PLANS) plan?: Plan;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
}

class EnrollmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true }) memberNo: string | null;
  @ApiProperty() memberName: string;
  @ApiProperty({ enum: PLANS }) plan: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES }) status: string;
  @ApiProperty({ enum: ['add', 'change', 'terminate', 'reinstate'], nullable: true, description: 'What the next delta batch reports' }) pendingAction: string | null;
  @ApiProperty({ nullable: true }) certificateNo: string | null;
  @ApiProperty({ nullable: true, description: 'First covered day (취득일)' }) coverageStart: string | null;
  @ApiProperty({ nullable: true, description: 'Last covered day (상실일 is the day after)' }) coverageEnd: string | null;
  @ApiProperty({ nullable: true }) acquisitionReason: string | null;
  @ApiProperty({ nullable: true }) lossReason: string | null;
  @ApiProperty({ nullable: true, description: "The insurer's rejection code" }) rejectCode: string | null;
  @ApiProperty({ nullable: true }) rejectMessage: string | null;
  @ApiProperty({ nullable: true, description: 'A return to cover reported once the pending termination has gone out' }) reinstateOn: string | null;
  @ApiProperty() changedAt: string;
}

class EnrollmentSummaryDto {
  @ApiProperty({ enum: PLANS }) plan: string;
  @ApiProperty({ description: 'Count per status', example: { pending: 2, submitted: 0, enrolled: 40, rejected: 1, terminating: 0, terminated: 3 } })
  byStatus: Record<string, number>;
  @ApiProperty() total: number;
}

class EnrollmentPageDto {
  @ApiProperty({ type: [EnrollmentViewDto] }) items: EnrollmentViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

class ResubmitDto {
  @ApiPropertyOptional({ description: 'What was fixed' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

class BatchRequestDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() insurerId: string;
  @ApiProperty({ enum: ['delta', 'full'] }) @IsIn(['delta', 'full']) kind: 'delta' | 'full';
  @ApiProperty({ enum: ['csv', 'x12-834'] }) @IsIn(['csv', 'x12-834']) format: 'csv' | 'x12-834';
}

class BatchAcceptedDto {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ enum: ['queued', 'building', 'ready', 'failed'] }) status: string;
}

class BatchListItemDto extends BatchViewDto {
  @ApiProperty() insurerName: string;
  @ApiProperty({ description: 'Records the insurer accepted' }) accepted: number;
  @ApiProperty({ description: 'Records the insurer rejected' }) rejected: number;
  @ApiProperty({ description: 'Records not answered yet' }) unanswered: number;
}

class BatchPageDto {
  @ApiProperty({ type: [BatchListItemDto] }) items: BatchListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

class BatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() insurerId?: string;
  @ApiPropertyOptional({ enum: ['queued', 'building', 'ready', 'failed'] }) @IsOptional() @IsIn(['queued', 'building', 'ready', 'failed']) status?: BatchView['status'];
}

class MonthDto {
  @ApiProperty({ example: '2026-10', description: 'A month that has ended' }) @Matches(MONTH, { message: 'must be YYYY-MM' }) month: string;
}

class MonthAcceptedDto {
  @ApiProperty() month: string;
  @ApiProperty({ enum: ['queued'] }) status: string;
}

class MonthSummaryDto {
  @ApiProperty({ enum: PLANS }) plan: string;
  @ApiProperty() members: number;
  @ApiProperty() covered: number;
  @ApiProperty() remunerationWon: number;
  @ApiProperty() workerShareWon: number;
  @ApiProperty() employerShareWon: number;
}

class ReportQueryDto {
  @ApiProperty({ example: '2026-10' }) @Matches(MONTH, { message: 'must be YYYY-MM' }) month: string;
  @ApiProperty({ enum: PLANS }) @IsIn(PLANS) plan: Plan;
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' }) @IsOptional() @IsIn(['csv', 'json']) format?: 'csv' | 'json';
}

class ReportLineDto {
  @ApiProperty({ description: '귀속월' }) month: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true }) memberNo: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLANS }) plan: string;
  @ApiProperty() grossWon: number;
  @ApiProperty() nonTaxableWon: number;
  @ApiProperty() expenseRatioBps: number;
  @ApiProperty({ description: '월 보수액' }) remunerationWon: number;
  @ApiProperty() covered: boolean;
  @ApiProperty() workerRateBps: number;
  @ApiProperty() employerRateBps: number;
  @ApiProperty() workerShareWon: number;
  @ApiProperty() employerShareWon: number;
  @ApiProperty({ nullable: true, description: '취득일, when in the month' }) acquiredOn: string | null;
  @ApiProperty({ nullable: true }) acquisitionReason: string | null;
  @ApiProperty({ nullable: true, description: '상실일, when in the month' }) lostOn: string | null;
  @ApiProperty({ nullable: true }) lossReason: string | null;
}

@ApiTags('admin: insurance')
@Controller('admin/insurance')
@Roles('admin', 'accountant')
export class InsuranceController {
  constructor(
    private readonly rates: RateService,
    private readonly enrollments: EnrollmentService,
    private readonly batches: BatchService,
    private readonly monthly: MonthlyService,
  ) {}

  @Get('rates')
  @ApiOperation({ summary: 'Effective-dated rates per plan, oldest first' })
  @ApiOkResponse({ type: [RateViewDto] })
  @ApiErrors(400)
  listRates(@Query() q: RateQueryDto): Promise<RateView[]> {
    return this.rates.list(q.plan);
  }

  @Post('rates')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'A rate from a date on; the same plan and date again replaces it, unless a computed month used it (409)' })
  @ApiCreatedResponse({ type: RateViewDto })
  @ApiOkResponse({ type: RateViewDto, description: 'Replaced the rate of that plan and date' })
  @ApiErrors(400, 409)
  async setRate(@Body() dto: RateDto, @Ctx() ctx: ActionContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<RateView> {
    const { rate, created } = await this.rates.set(dto, ctx);
    if (!created) void reply.status(200);
    return rate;
  }

  @Get('enrollments')
  @Roles('admin', 'accountant', 'dispatcher')
  @ApiOperation({ summary: 'Enrolments by status, plan or member (rejections show the insurer’s code and message)' })
  @ApiOkResponse({ type: EnrollmentPageDto })
  @ApiErrors(400)
  listEnrollments(@Query() q: EnrollmentQueryDto): Promise<Page<EnrollmentView>> {
    return this.enrollments.list({ status: q.status, plan: q.plan, memberId: q.memberId }, pageOf(q));
  }

  @Get('enrollments/summary')
  @Roles('admin', 'accountant', 'dispatcher')
  @ApiOperation({ summary: 'Enrolments counted per plan and status (every plan, every status, zeros included)' })
  @ApiOkResponse({ type: [EnrollmentSummaryDto] })
  enrollmentSummary(): Promise<EnrollmentSummaryLine[]> {
    return this.enrollments.summary();
  }

  @Get('enrollments/:id')
  @Roles('admin', 'accountant', 'dispatcher')
  @ApiOperation({ summary: 'One enrolment' })
  @ApiOkResponse({ type: EnrollmentViewDto })
  @ApiErrors(400, 404)
  enrollment(@Param('id', UuidParam) id: string): Promise<EnrollmentView> {
    return this.enrollments.get(id);
  }

  @Post('enrollments/:id/resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a rejected enrolment again (or an enrolled one’s corrected details) in the next delta batch' })
  @ApiOkResponse({ type: EnrollmentViewDto })
  @ApiErrors(400, 404, 409)
  resubmit(@Param('id', UuidParam) id: string, @Body() dto: ResubmitDto, @Ctx() ctx: ActionContext): Promise<EnrollmentView> {
    return this.enrollments.resubmit(id, dto.reason, ctx);
  }

  @Post('batches')
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({ summary: 'Build a batch for an insurer (a BullMQ job): delta (changes since the last batch) or full (audit)' })
  @ApiAcceptedResponse({ type: BatchAcceptedDto })
  @ApiErrors(400, 404)
  requestBatch(@Body() dto: BatchRequestDto, @Ctx() ctx: ActionContext): Promise<{ batchId: string; status: string }> {
    return this.batches.request(dto, ctx);
  }

  @Get('batches')
  @ApiOperation({ summary: 'Batches, newest first, with their record counts and answers' })
  @ApiOkResponse({ type: BatchPageDto })
  @ApiErrors(400)
  listBatches(@Query() q: BatchQueryDto): Promise<Page<BatchListView>> {
    return this.batches.list({ insurerId: q.insurerId, status: q.status }, pageOf(q));
  }

  @Get('batches/:id')
  @ApiOperation({ summary: 'One batch' })
  @ApiOkResponse({ type: BatchViewDto })
  @ApiErrors(400, 404)
  batch(@Param('id', UuidParam) id: string): Promise<BatchView> {
    return this.batches.get(id);
  }

  @Post('batches/:id/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Build a failed batch again from the records it fixed' })
  @ApiAcceptedResponse({ type: BatchAcceptedDto })
  @ApiErrors(400, 404, 409)
  rebuildBatch(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<{ batchId: string; status: string }> {
    return this.batches.rebuild(id, ctx);
  }

  @Get('batches/:id/file')
  @ApiOperation({ summary: 'The batch file as the insurer gets it (ETag = SHA-256); audited' })
  @ApiProduces('text/csv', 'application/edi-x12')
  @ApiErrors(400, 404, 409)
  async batchFile(
    @Param('id', UuidParam) id: string,
    @Ctx() ctx: ActionContext,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendBatchFile(reply, () => this.batches.file(id, ctx), ifNoneMatch);
  }

  @Post('monthly')
  @HttpCode(202)
  @ApiOperation({ summary: 'Compute a past month’s premiums now (the schedule does it on the 1st); a computed member and plan is never computed twice' })
  @ApiAcceptedResponse({ type: MonthAcceptedDto })
  @ApiErrors(400)
  requestMonth(@Body() dto: MonthDto, @Ctx() ctx: ActionContext): Promise<{ month: string; status: 'queued' }> {
    return this.monthly.request(dto.month, ctx);
  }

  @Get('monthly')
  @ApiOperation({ summary: 'A month’s premiums per plan: members, covered, 월 보수액 and shares' })
  @ApiOkResponse({ type: [MonthSummaryDto] })
  @ApiErrors(400)
  monthSummary(@Query() q: MonthDto): Promise<MonthSummary[]> {
    return this.monthly.summary(q.month);
  }

  @Get('reports/monthly')
  @ApiOperation({ summary: 'The statutory monthly report per member (CSV with BOM by default; ?format=json); every read is audited' })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ type: [ReportLineDto] })
  @ApiErrors(400)
  async report(@Query() q: ReportQueryDto, @Ctx() ctx: ActionContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportLineView[] | string> {
    if (q.format === 'json') return this.monthly.report(q.month, q.plan, ctx);
    const file = await this.monthly.reportCsv(q.month, q.plan, ctx);
    csvHeaders(reply, file.filename);
    return file.csv;
  }
}
