import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { maskPhone, type ActionContext, type Page } from '@dure/common';
import { ORDER_STATUSES, OrderCommandsService, OrderDetailView, OrderQueryService, OrderStatus, OrderView } from '@dure/dispatch';
import { Ctx, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { CancelDto, OrderDetailDto, OrderPageDto, OrderViewDto, StaffOrderDto } from '../common/order.dto';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';
import { IsCalendarDate } from '../common/validators';

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ example: '2026-11-22', description: 'Business date (Asia/Seoul) the order was placed' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Assigned courier' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ description: 'Only orders no courier took' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  needsDispatcher?: boolean;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId: string;
}

/** Staff who take and move orders see the contacts; others (accountants) see them masked. */
const movesOrders = (ctx: ActionContext) => ctx.actor.type === 'staff' && ctx.actor.roles.some((r) => r === 'admin' || r === 'dispatcher');
const maskStop = <S extends { contactName: string; contactPhone: string }>(stop: S): S => ({ ...stop, contactName: `${[...stop.contactName][0] ?? ''}**`, contactPhone: maskPhone(stop.contactPhone) });
function forReader<T extends OrderView>(ctx: ActionContext, order: T): T {
  return movesOrders(ctx) ? order : { ...order, pickup: maskStop(order.pickup), dropoff: maskStop(order.dropoff) };
}

@ApiTags('admin: orders')
@Controller('admin/orders')
/** Dispatchers take and move orders; accountants read them (jobs behind statements and invoices). */
@Roles('admin', 'dispatcher')
export class OrdersController {
  constructor(
    private readonly commands: OrderCommandsService,
    private readonly query: OrderQueryService,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'A phone order (agreed fare allowed)' })
  @ApiCreatedResponse({ type: OrderViewDto })
  @ApiErrors(400, 409)
  create(@Body() dto: StaffOrderDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.commands.create(dto, ctx);
  }

  @Get()
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: 'Orders, newest first, filtered and paged' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrors(400)
  async list(@Query() q: OrderListQueryDto, @Ctx() ctx: ActionContext): Promise<Page<OrderView>> {
    const page = await this.query.list({ status: q.status, date: q.date, clientId: q.clientId, memberId: q.memberId, needsDispatcher: q.needsDispatcher }, pageOf(q));
    return { ...page, items: page.items.map((o) => forReader(ctx, o)) };
  }

  @Get(':id')
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: 'One order with its event history and offers' })
  @ApiOkResponse({ type: OrderDetailDto })
  @ApiErrors(400, 404)
  async get(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<OrderDetailView> {
    return forReader(ctx, await this.query.detail(id));
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign a courier (manual dispatch)' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409)
  assign(@Param('id', UuidParam) id: string, @Body() dto: AssignDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.commands.assign(id, dto.memberId, ctx);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel before pickup' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409)
  cancel(@Param('id', UuidParam) id: string, @Body() dto: CancelDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.commands.cancel(id, dto.reason, ctx);
  }

  @Get(':id/proof-photo')
  @ApiOperation({ summary: 'The proof-of-delivery photo' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiErrors(400, 404)
  async photo(@Param('id', UuidParam) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { data, key } = await this.query.proofPhoto(id);
    const type = key.endsWith('.png') ? 'image/png' : key.endsWith('.webp') ? 'image/webp' : 'image/jpeg';
    await reply.header('content-type', type).header('cache-control', 'private, max-age=3600').send(data);
  }
}
