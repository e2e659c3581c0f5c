import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@dure/config';
import { Clock, toSeoulIso } from '@dure/common';
import { PresenceService } from '@dure/dispatch';
import { MemberQueryService, VEHICLE_TYPES } from '@dure/membership';
import { Roles } from '../common/auth.decorators';

class ConsoleConfigDto {
  @ApiProperty({ example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', description: 'Map tiles for the dispatch board; empty: no tiles' })
  mapTileUrl: string;
}

class OnlineCourierDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ nullable: true, example: 'D-2026-0001' }) memberNo: string | null;
  @ApiProperty({ example: '김기사' }) name: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) vehicleType: string;
  @ApiProperty({ example: 35.8693 }) lat: number;
  @ApiProperty({ example: 128.5961 }) lng: number;
  @ApiProperty({ description: 'When the last position was recorded (ISO 8601)' }) seenAt: string;
}

/** Far enough to reach every point on Earth from any centre: "everyone on the live map". */
const ANYWHERE_M = 20_100_000;
/** The board shows at most this many couriers per vehicle. */
const MAX_PER_VEHICLE = 500;
/** Anywhere will do as a centre for ANYWHERE_M; Daegu keeps the nearest-first order sensible. */
const CENTRE = { lat: 35.8714, lng: 128.6014 };

/** What only the web console needs from the server: its settings and the live map. */
@ApiTags('console')
@Controller('console')
export class ConsoleConfigController {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    private readonly presence: PresenceService,
    private readonly members: MemberQueryService,
  ) {}

  @Get('config')
  @Roles('admin', 'dispatcher', 'accountant')
  @ApiOperation({ summary: "The console's settings: map tiles for the dispatch board (empty: the board draws no tiles)" })
  @ApiOkResponse({ type: ConsoleConfigDto })
  get(): ConsoleConfigDto {
    return { mapTileUrl: this.config.mapTileUrl };
  }

  @Get('couriers')
  @Roles('admin', 'dispatcher')
  @ApiOperation({ summary: 'Couriers online on the live map (fresh position), with name, vehicle and last position' })
  @ApiOkResponse({ type: [OnlineCourierDto] })
  async couriers(): Promise<OnlineCourierDto[]> {
    const now = this.clock.now().getTime();
    const perVehicle = await Promise.all(VEHICLE_TYPES.map((v) => this.presence.nearby(CENTRE, v, ANYWHERE_M, now, MAX_PER_VEHICLE)));
    const ids = perVehicle.flat().map((c) => c.memberId);
    // Two round trips however many couriers: one Redis pipeline, one SQL query.
    const [positions, members] = await Promise.all([this.presence.positions(ids), this.members.summaries(ids)]);
    const byId = new Map(members.map((m) => [m.id, m]));
    const found = positions.map((position): OnlineCourierDto | null => {
      const profile = byId.get(position.memberId);
      if (!profile || position.lat === null || position.lng === null || position.seenAt === null || !this.presence.isFresh(position, now)) return null;
      return {
        memberId: position.memberId,
        memberNo: profile.memberNo,
        name: profile.name,
        vehicleType: position.vehicleType ?? profile.vehicleType,
        lat: position.lat,
        lng: position.lng,
        seenAt: toSeoulIso(new Date(position.seenAt)),
      };
    });
    return found.filter((c): c is OnlineCourierDto => c !== null).sort((a, b) => a.name.localeCompare(b.name, 'ko'));
  }
}
