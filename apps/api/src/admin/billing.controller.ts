import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { ActionContext, Page } from '@dure/common';
import {
  FeePolicyService,
  FeePolicyView,
  InvoiceService,
  InvoiceView,
  LedgerBalanceView,
  LedgerService,
  PayoutService,
  PayoutView,
  RunView,
  SettlementService,
  StatementDetailView,
  StatementView,
} from '@dure/billing';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';
import { IsCalendarDate } from '../common/validators';
import { csvHeaders, sendCsv } from '../common/file-reply';

export class FeePolicyDto {
  @ApiProperty({ example: 900, minimum: 0, maximum: 10_000 }) @IsInt() @Min(0) @Max(10_000) rateBps: number;
  @ApiProperty({ example: '2027-01-01', description: 'A business date after today' }) @IsCalendarDate() effectiveFrom: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

class FeePolicyViewDto extends FeePolicyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class RunRequestDto {
  @ApiProperty({ example: '2026-11-16' }) @IsCalendarDate() periodStart: string;
  @ApiProperty({ example: '2026-11-22' }) @IsCalendarDate() periodEnd: string;
}

class RunTotalsDto {
  @ApiProperty() statements: number;
  @ApiProperty() jobs: number;
  @ApiProperty() grossWon: number;
  @ApiProperty() feeWon: number;
  @ApiProperty() withholdingWon: number;
  @ApiProperty() insuranceWon: number;
  @ApiProperty() netWon: number;
  @ApiProperty() payoutWon: number;
  @ApiProperty() carriedWon: number;
}

class RunViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: RunTotalsDto, nullable: true }) totals: RunTotalsDto | null;
  @ApiProperty({ nullable: true }) error: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) startedAt: string | null;
  @ApiProperty({ nullable: true }) finishedAt: string | null;
}

class RunAcceptedDto {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status: string;
}

export class StatementViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true, example: 'DR-2026-00001' }) memberNo: string | null;
  @ApiProperty({ example: '김기사' }) memberName: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() jobCount: number;
  @ApiProperty() grossWon: number;
  @ApiProperty() feeWon: number;
  @ApiProperty({ description: 'Σ (fare − fee) on credit and prepaid jobs' }) earningsWon: number;
  @ApiProperty({ description: 'Σ fees on cash jobs (owed by the courier)' }) cashFeeWon: number;
  @ApiProperty() insuranceWon: number;
  @ApiProperty() withholdingIncomeWon: number;
  @ApiProperty() withholdingLocalWon: number;
  @ApiProperty() withholdingWon: number;
  @ApiProperty({ description: 'A negative net carried from the previous statement' }) carriedWon: number;
  @ApiProperty() netWon: number;
}

class StatementLineDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() orderNo: number;
  @ApiProperty({ enum: ['cash', 'credit', 'prepaid'] }) paymentMethod: string;
  @ApiProperty() fareWon: number;
  @ApiProperty() feeWon: number;
  @ApiProperty() feeRateBps: number;
  @ApiProperty() netWon: number;
  @ApiProperty() deliveredAt: string;
}

export class StatementDetailDto extends StatementViewDto {
  @ApiProperty({ type: [StatementLineDto] }) lines: StatementLineDto[];
}

class StatementPageDto {
  @ApiProperty({ type: [StatementViewDto] }) items: StatementViewDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
}

export class StatementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ example: '2026-11-16' }) @IsOptional() @IsCalendarDate() periodStart?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() runId?: string;
}

class PayoutViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ format: 'uuid' }) statementId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true }) memberNo: string | null;
  @ApiProperty() name: string;
  @ApiProperty() amountWon: number;
  @ApiProperty({ enum: ['pending', 'paid'] }) status: string;
  @ApiProperty({ nullable: true }) paidAt: string | null;
}

class BalanceLineDto {
  @ApiProperty({ example: 'fee_revenue' }) account: string;
  @ApiPropertyOptional({ nullable: true }) partyId?: string | null;
  @ApiProperty() debitWon: number;
  @ApiProperty() creditWon: number;
  @ApiProperty({ description: 'debit − credit' }) balanceWon: number;
}

class BalanceTotalsDto {
  @ApiProperty() debitWon: number;
  @ApiProperty() creditWon: number;
  @ApiProperty() balanced: boolean;
}

class LedgerBalanceDto {
  @ApiProperty({ type: [BalanceLineDto] }) accounts: BalanceLineDto[];
  @ApiProperty({ type: BalanceTotalsDto }) totals: BalanceTotalsDto;
}

export class BalanceQueryDto {
  @ApiPropertyOptional({ description: 'One line per account and member or client' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  byParty?: boolean;
}

export class InvoiceQueryDto {
  @ApiProperty({ example: '2026-11' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' }) month: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

class InvoiceLineDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() orderNo: number;
  @ApiProperty() deliveredAt: string;
  @ApiProperty() pickupAddress: string;
  @ApiProperty() dropoffAddress: string;
  @ApiProperty() itemDescription: string;
  @ApiProperty() fareWon: number;
}

class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() businessNo: string;
  @ApiProperty() month: string;
  @ApiProperty() jobCount: number;
  @ApiProperty() totalWon: number;
  @ApiProperty({ type: [InvoiceLineDto] }) lines: InvoiceLineDto[];
}

@ApiTags('admin: billing')
@Controller('admin')
@Roles('admin', 'accountant')
export class BillingController {
  constructor(
    private readonly fees: FeePolicyService,
    private readonly settlements: SettlementService,
    private readonly payouts: PayoutService,
    private readonly ledger: LedgerService,
    private readonly invoices: InvoiceService,
  ) {}

  @Get('fee-policies')
  @ApiOperation({ summary: 'Fee policy history, oldest first' })
  @ApiOkResponse({ type: [FeePolicyViewDto] })
  feePolicies(): Promise<FeePolicyView[]> {
    return this.fees.history();
  }

  @Post('fee-policies')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'A fee rate from a future business date on (the past is never edited)' })
  @ApiCreatedResponse({ type: FeePolicyViewDto })
  @ApiErrors(400, 409)
  addFeePolicy(@Body() dto: FeePolicyDto, @Ctx() ctx: ActionContext): Promise<FeePolicyView> {
    return this.fees.add(dto, ctx);
  }

  @Post('settlements/runs')
  @HttpCode(202)
  @ApiOperation({ summary: 'Settle a past period (a BullMQ job); the same period again answers with the same run' })
  @ApiAcceptedResponse({ type: RunAcceptedDto })
  @ApiErrors(400, 409)
  async requestRun(@Body() dto: RunRequestDto, @Ctx() ctx: ActionContext): Promise<{ runId: string; status: string }> {
    const { runId, status } = await this.settlements.request(dto.periodStart, dto.periodEnd, ctx);
    return { runId, status };
  }

  @Get('settlements/runs')
  @ApiOperation({ summary: 'Settlement runs, newest period first' })
  @ApiErrors(400)
  runs(@Query() q: PageQueryDto): Promise<Page<RunView>> {
    return this.settlements.runs(pageOf(q));
  }

  @Get('settlements/runs/:id')
  @ApiOperation({ summary: 'A run: status, progress and totals' })
  @ApiOkResponse({ type: RunViewDto })
  @ApiErrors(400, 404)
  run(@Param('id', UuidParam) id: string): Promise<RunView> {
    return this.settlements.run(id);
  }

  @Get('settlements/runs/:id/payouts')
  @ApiOperation({ summary: "A run's payouts (positive nets)" })
  @ApiOkResponse({ type: [PayoutViewDto] })
  @ApiErrors(400, 404)
  runPayouts(@Param('id', UuidParam) id: string): Promise<PayoutView[]> {
    return this.payouts.forRun(id);
  }

  @Get('settlements/runs/:id/payout-file')
  @ApiOperation({ summary: 'The bank transfer file (CSV, UTF-8 with BOM): bank, account, holder, amount, memo; audited' })
  @ApiProduces('text/csv')
  @ApiErrors(400, 404, 409)
  async payoutFile(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext, @Res() reply: FastifyReply): Promise<void> {
    await sendCsv(reply, await this.payouts.transferFile(id, ctx));
  }

  @Post('payouts/:id/paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'The transfer went through: posts the payout to the ledger (again is harmless)' })
  @ApiOkResponse({ type: PayoutViewDto })
  @ApiErrors(400, 404)
  markPaid(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<PayoutView> {
    return this.payouts.markPaid(id, ctx);
  }

  @Get('settlements/statements')
  @ApiOperation({ summary: 'Statements, filtered by member, period or run' })
  @ApiOkResponse({ type: StatementPageDto })
  @ApiErrors(400)
  statements(@Query() q: StatementQueryDto): Promise<Page<StatementView>> {
    return this.settlements.statements({ memberId: q.memberId, periodStart: q.periodStart, runId: q.runId }, pageOf(q));
  }

  @Get('settlements/statements/:id')
  @ApiOperation({ summary: 'One statement with its lines' })
  @ApiOkResponse({ type: StatementDetailDto })
  @ApiErrors(400, 404)
  statement(@Param('id', UuidParam) id: string): Promise<StatementDetailView> {
    return this.settlements.statementDetail(id);
  }

  @Get('ledger/balance')
  @ApiOperation({ summary: 'Balance per account and in total (debits always equal credits)' })
  @ApiOkResponse({ type: LedgerBalanceDto })
  @ApiErrors(400)
  balance(@Query() q: BalanceQueryDto): Promise<LedgerBalanceView> {
    return this.ledger.balance(q.byParty === true);
  }

  @Get('invoices')
  @ApiOperation({ summary: 'Monthly invoices of credit clients, as JSON or CSV (?format=csv)' })
  @ApiOkResponse({ type: [InvoiceDto] })
  @ApiProduces('application/json', 'text/csv')
  @ApiErrors(400)
  async invoicesFor(@Query() q: InvoiceQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<InvoiceView[] | string> {
    if (q.format !== 'csv') return this.invoices.forMonth(q.month, q.clientId);
    const file = await this.invoices.csv(q.month);
    csvHeaders(reply, file.filename);
    return file.csv;
  }
}
