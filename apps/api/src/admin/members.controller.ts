import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DomainError, type ActionContext, type Page } from '@dure/common';
import {
  MemberDetailView,
  MemberLifecycleService,
  MemberQueryService,
  MemberView,
  PiiRevealService,
  ShareCapitalEntryView,
  ShareCapitalLedgerView,
  ShareCapitalService,
} from '@dure/membership';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { csvHeaders } from '../common/file-reply';
import { Idempotent } from '../common/idempotency.interceptor';
import { pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';
import {
  ApprovedMemberDto,
  MemberDetailDto,
  MemberListQueryDto,
  MemberPageDto,
  OptionalReasonDto,
  ReasonDto,
  RevealDto,
  RevealedDto,
  ShareCapitalEntryDto,
  ShareCapitalEntryViewDto,
  ShareCapitalLedgerDto,
  WithdrawDto,
} from './members.dto';
import { MemberViewDto } from '../courier/member-view.dto';

@ApiTags('admin: members')
@Controller('admin/members')
export class MembersController {
  constructor(
    private readonly query: MemberQueryService,
    private readonly lifecycle: MemberLifecycleService,
    private readonly shareCapital: ShareCapitalService,
    private readonly pii: PiiRevealService,
  ) {}

  @Get()
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: 'The member register, filtered, sorted and paged; ?format=csv (admins) exports every match, PII masked, audited' })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiProduces('application/json', 'text/csv')
  @ApiErrors(400)
  async list(@Query() q: MemberListQueryDto, @Ctx() ctx: ActionContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<Page<MemberView> | string> {
    const filter = { status: q.status, q: q.q };
    if (q.format !== 'csv') return this.query.list(filter, pageOf(q), q.sort);
    // The whole register leaves the system in this file: an admin's decision, like a reveal.
    if (ctx.actor.type !== 'staff' || !ctx.actor.roles.includes('admin')) throw DomainError.forbidden('AUTH.FORBIDDEN', 'Only an admin exports the register');
    const file = await this.query.exportCsv(filter, ctx, q.sort);
    csvHeaders(reply, file.filename);
    return file.csv;
  }

  @Get(':id')
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: 'One member with status history (PII masked)' })
  @ApiOkResponse({ type: MemberDetailDto })
  @ApiErrors(400, 404)
  get(@Param('id', UuidParam) id: string): Promise<MemberDetailView> {
    return this.query.detail(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'applicant → active; assigns the member number' })
  @ApiOkResponse({ type: ApprovedMemberDto })
  @ApiErrors(400, 404, 409)
  approve(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<MemberView> {
    return this.lifecycle.approve(id, ctx);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'applicant → rejected' })
  @ApiOkResponse({ type: MemberViewDto })
  @ApiErrors(400, 404, 409)
  reject(@Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @Ctx() ctx: ActionContext): Promise<MemberView> {
    return this.lifecycle.reject(id, dto.reason, ctx);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'active → suspended' })
  @ApiOkResponse({ type: MemberViewDto })
  @ApiErrors(400, 404, 409)
  suspend(@Param('id', UuidParam) id: string, @Body() dto: ReasonDto, @Ctx() ctx: ActionContext): Promise<MemberView> {
    return this.lifecycle.suspend(id, dto.reason, ctx);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'suspended → active' })
  @ApiOkResponse({ type: MemberViewDto })
  @ApiErrors(400, 404, 409)
  reinstate(@Param('id', UuidParam) id: string, @Body() dto: OptionalReasonDto, @Ctx() ctx: ActionContext): Promise<MemberView> {
    return this.lifecycle.reinstate(id, dto.reason, ctx);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'active|suspended → withdrawn; schedules the share capital refund' })
  @ApiOkResponse({ type: MemberViewDto })
  @ApiErrors(400, 404, 409)
  withdraw(@Param('id', UuidParam) id: string, @Body() dto: WithdrawDto, @Ctx() ctx: ActionContext): Promise<MemberView> {
    return this.lifecycle.withdraw(id, dto.reason, dto.effectiveDate, ctx);
  }

  @Get(':id/share-capital')
  @Roles('admin', 'accountant')
  @ApiOperation({ summary: 'Share capital (출자금) ledger' })
  @ApiOkResponse({ type: ShareCapitalLedgerDto })
  @ApiErrors(400, 404)
  ledger(@Param('id', UuidParam) id: string): Promise<ShareCapitalLedgerView> {
    return this.shareCapital.ledgerOf(id);
  }

  @Post(':id/share-capital')
  @Roles('admin', 'accountant')
  @Idempotent()
  @ApiOperation({ summary: 'Record a share capital payment or refund' })
  @ApiCreatedResponse({ type: ShareCapitalEntryViewDto })
  @ApiErrors(400, 404, 409)
  record(
    @Param('id', UuidParam) id: string,
    @Body() dto: ShareCapitalEntryDto,
    @Ctx() ctx: ActionContext,
  ): Promise<ShareCapitalEntryView> {
    return this.shareCapital.record(id, dto, ctx);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'The clear RRN or account number, with a reason; audited' })
  @ApiOkResponse({ type: RevealedDto })
  @ApiErrors(400, 404)
  reveal(@Param('id', UuidParam) id: string, @Body() dto: RevealDto, @Ctx() ctx: ActionContext): Promise<RevealedDto> {
    return this.pii.reveal(id, dto.field, dto.reason, ctx);
  }
}
