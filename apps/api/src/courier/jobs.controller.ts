import { Body, Controller, Get, HttpCode, Inject, MessageEvent, Param, Post, Put, Query, Req, Sse } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { ActionContext, Actor, DomainError, Page } from '@dure/common';
import {
  AcceptanceService,
  BoardItemView,
  CourierActionsService,
  DispatchFeedHub,
  LocationService,
  OrderQueryService,
  OrderView,
  PhotoUpload,
} from '@dure/dispatch';
import { MemberQueryService } from '@dure/membership';
import { Ctx, CurrentActor, Roles } from '../common/auth.decorators';
import { ApiErrors } from '../common/api-docs';
import { OrderPageDto, OrderViewDto } from '../common/order.dto';
import { pageOf } from '../common/page-query.dto';
import { feedToSse } from '../common/sse';
import { UuidParam } from '../common/uuid.pipe';
import { validateInput } from '../common/validation.pipe';
import { parseLocations } from './locations.parser';
import { BoardItemDto, CourierEventDto, DeliverDto, FailDto, JobsQueryDto, LocationsDto, PresenceDto } from './jobs.dto';

const at = (iso?: string) => (iso ? new Date(iso) : undefined);

@ApiTags('courier')
@Controller('courier')
@Roles('courier')
export class CourierJobsController {
  private readonly photoMaxBytes: number;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    private readonly locations: LocationService,
    private readonly acceptance: AcceptanceService,
    private readonly actions: CourierActionsService,
    private readonly query: OrderQueryService,
    private readonly hub: DispatchFeedHub,
    private readonly members: MemberQueryService,
  ) {
    this.photoMaxBytes = config.dispatch.photoMaxBytes;
  }

  @Put('presence')
  @ApiOperation({ summary: 'Go online (on the map, offered work) or offline' })
  @ApiOkResponse({ schema: { example: { online: true } } })
  @ApiErrors(400, 409)
  presence(@Body() dto: PresenceDto, @CurrentActor() actor: Actor): Promise<{ online: boolean }> {
    return this.locations.setPresence(actor.id, dto.online);
  }

  @Post('locations')
  @HttpCode(202)
  @ApiOperation({ summary: 'One or more positions with the device time (up to 100 per request)' })
  @ApiBody({ type: LocationsDto })
  @ApiAcceptedResponse({ schema: { example: { accepted: 20, online: true } } })
  @ApiErrors(400, 409)
  ingest(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<{ accepted: number; online: boolean }> {
    return this.locations.ingest(actor.id, parseLocations(body));
  }

  @Get('jobs/board')
  @ApiOperation({ summary: 'Open jobs this courier may accept: broadcast jobs within reach and live offers' })
  @ApiOkResponse({ type: [BoardItemDto] })
  @ApiErrors(409)
  board(@CurrentActor() actor: Actor): Promise<BoardItemView[]> {
    return this.acceptance.board(actor.id);
  }

  @Sse('jobs/stream')
  @ApiOperation({ summary: 'Server-Sent Events: offer, offer_withdrawn, assigned (and order_changed)' })
  @ApiProduces('text/event-stream')
  async stream(@CurrentActor() actor: Actor): Promise<Observable<MessageEvent>> {
    const { vehicleType } = await this.members.courierProfile(actor.id);
    await this.hub.ensureSubscribed();
    return feedToSse(this.hub.stream([`courier:${actor.id}`, `couriers:${vehicleType}`]));
  }

  @Get('jobs')
  @ApiOperation({ summary: 'Own jobs: active (assigned, picked up) or done' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiErrors(400)
  jobs(@Query() q: JobsQueryDto, @CurrentActor() actor: Actor): Promise<Page<OrderView>> {
    return this.query.courierJobs(actor.id, q.status ?? 'active', pageOf(q));
  }

  @Post('jobs/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take the job: 200 to exactly one caller, 409 to the others' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409)
  accept(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.acceptance.accept(ctx, id);
  }

  @Post('jobs/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn down an offer; the next courier is asked' })
  @ApiOkResponse({ schema: { example: { orderId: '…', status: 'declined' } } })
  @ApiErrors(400, 409)
  decline(@Param('id', UuidParam) id: string, @Ctx() ctx: ActionContext): Promise<{ orderId: string; status: string }> {
    return this.acceptance.decline(ctx, id);
  }

  @Post('jobs/:id/pickup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Picked up; a retry with the same eventId is applied once' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409)
  pickup(@Param('id', UuidParam) id: string, @Body() dto: CourierEventDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.actions.pickup(ctx, id, { eventId: dto.eventId, at: at(dto.at) });
  }

  @Post('jobs/:id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delivered, with the recipient and optionally a photo (multipart field "photo": JPEG, PNG or WebP)' })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: DeliverDto })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409, 413)
  async deliver(@Param('id', UuidParam) id: string, @Req() req: FastifyRequest, @Ctx() ctx: ActionContext): Promise<OrderView> {
    const { fields, photo } = await readDelivery(req, this.photoMaxBytes);
    const dto = await validateInput(DeliverDto, fields);
    return this.actions.deliver(ctx, id, { eventId: dto.eventId, recipientName: dto.recipientName, at: at(dto.at), photo });
  }

  @Post('jobs/:id/fail')
  @HttpCode(200)
  @ApiOperation({ summary: 'The delivery failed after pickup, with a reason' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiErrors(400, 404, 409)
  fail(@Param('id', UuidParam) id: string, @Body() dto: FailDto, @Ctx() ctx: ActionContext): Promise<OrderView> {
    return this.actions.fail(ctx, id, { eventId: dto.eventId, reason: dto.reason, at: at(dto.at) });
  }
}

/** The delivery report as JSON, or as multipart fields with an optional `photo` file. */
async function readDelivery(req: FastifyRequest, maxBytes: number): Promise<{ fields: unknown; photo?: PhotoUpload }> {
  if (!req.isMultipart()) return { fields: req.body };
  const fields: Record<string, string> = {};
  let photo: PhotoUpload | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'photo' || photo) {
          await part.toBuffer().catch(() => undefined);
          throw DomainError.invalid('REQUEST.UNKNOWN_FIELD', 'Only one file, named photo, is accepted', [{ field: part.fieldname, reason: 'is not a known file field' }]);
        }
        photo = { data: await part.toBuffer(), contentType: part.mimetype };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError('too_large', 'DISPATCH.PHOTO_TOO_LARGE', `The photo is larger than ${maxBytes} bytes`, [{ field: 'photo', reason: `must be at most ${maxBytes} bytes` }]);
    }
    // Missing boundary, truncated body, too many parts: the client sent a broken form.
    throw DomainError.invalid('REQUEST.INVALID_MULTIPART', 'The multipart form could not be read', [{ field: 'body', reason: (err as Error).message }]);
  }
  return { fields, photo };
}
