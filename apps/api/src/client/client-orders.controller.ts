import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ActionContext, Actor, Page } from '@dure/common';
import { OrderCommandsService, OrderDetailView, OrderQueryService, OrderView } from '@dure/dispatch';
import { ApiKeyAuth, Ctx, CurrentActor } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { Idempotent } from '../common/idempotency.interceptor';
import { CancelDto, ClientOrderDto, OrderDetailDto, OrderPageDto, OrderViewDto } from '../common/order.dto';
import { PageQueryDto, pageOf } from '../common/page-query.dto';
import { UuidParam } from '../common/uuid.pipe';

@ApiTags('client')
@Controller('client/orders')
@ApiKeyAuth('client')
export class ClientOrdersController {
  constructor(
    private readonly commands: OrderCommandsService,
    private readonly query: OrderQueryService,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Place an order; the fare always comes from the pricing rules (a fareWon field is refused)' })
  @ApiCreatedResponse({ type: OrderViewDto })
  @ApiErrors(400, 409)
  create(@Body() dto: ClientOrderDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.commands.create(dto, ctx);
  }

  @Get()
  @ApiOperation({ summary: "This client's orders, newest first" })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrors(400)
  list(@Query() q: PageQueryDto, @CurrentActor() actor: Actor): Promise<Page<OrderView>> {
    return this.query.list({ clientId: actor.id }, pageOf(q));
  }

  @Get(':id')
  @ApiOperation({ summary: "One of this client's orders (another client's is a 404)" })
  @ApiOkResponse({ type: OrderDetailDto })
  @ApiErrors(400, 404)
  get(@Param('id', UuidParam) id: string, @CurrentActor() actor: Actor): Promise<OrderDetailView> {
    return this.query.forClient(actor.id, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel before pickup' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409)
  cancel(@Param('id', UuidParam) id: string, @Body() dto: CancelDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.commands.cancel(id, dto.reason, ctx);
  }
}
