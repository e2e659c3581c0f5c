import { Controller, Get, MessageEvent, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { DispatchFeedHub, PresenceService } from '@dure/dispatch';
import { VEHICLE_TYPES } from '@dure/membership';
import { Roles } from '../common/auth.decorators';
import { feedToSse } from '../common/sse';

@ApiTags('admin: dispatch')
@Controller('admin/dispatch')
@Roles('admin', 'dispatcher')
export class DispatchBoardController {
  constructor(
    private readonly hub: DispatchFeedHub,
    private readonly presence: PresenceService,
  ) {}

  @Sse('stream')
  @ApiOperation({ summary: "Server-Sent Events for the dispatchers' board: order_changed, order_unassigned" })
  @ApiProduces('text/event-stream')
  stream(): Observable<MessageEvent> {
    return feedToSse(this.hub.stream(['staff']));
  }

  @Get('couriers')
  @ApiOperation({ summary: 'Couriers on the live map, per vehicle' })
  @ApiOkResponse({ schema: { example: { motorcycle: 12, damas: 2, labo: 1, truck_1t: 0 } } })
  online(): Promise<Record<string, number>> {
    return this.presence.onlineCount(VEHICLE_TYPES);
  }
}
