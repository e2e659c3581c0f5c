import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { Clock } from '@dure/common';
import { DispatchErrors } from '../dispatch.errors';
import { CourierEligibility } from '../offers/eligibility';
import { LocationPoint, PresenceService } from './presence.service';

/** Points older than this are refused: a phone replaying a day-old buffer is not a position. */
const MAX_POINT_AGE_MS = 24 * 3600 * 1000;

/** Going online and offline, and the stream of positions from the phones. */
@Injectable()
export class LocationService {
  constructor(
    private readonly presence: PresenceService,
    private readonly eligibility: CourierEligibility,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async setPresence(memberId: string, online: boolean): Promise<{ online: boolean }> {
    // Anyone may go offline; only a member who may work goes online.
    const { vehicleType } = online ? await this.eligibility.assertCanWork(memberId) : { vehicleType: (await this.presence.position(memberId)).vehicleType };
    if (vehicleType) await this.presence.setOnline(memberId, vehicleType, online, this.clock.now().getTime());
    return { online };
  }

  async ingest(memberId: string, points: LocationPoint[]): Promise<{ accepted: number; online: boolean }> {
    const now = this.clock.now().getTime();
    const skew = this.config.dispatch.clockSkewSec * 1000;
    points.forEach((p, i) => {
      const t = p.recordedAt.getTime();
      if (t > now + skew) {
        throw DispatchErrors.invalid('DISPATCH.INVALID_LOCATION', 'A point is recorded in the future', [{ field: `points.${i}.recordedAt`, reason: 'is in the future' }]);
      }
      if (t < now - MAX_POINT_AGE_MS) {
        throw DispatchErrors.invalid('DISPATCH.INVALID_LOCATION', 'A point is more than a day old', [{ field: `points.${i}.recordedAt`, reason: 'is more than 24 hours old' }]);
      }
    });
    const { vehicleType } = await this.eligibility.assertCanWork(memberId);
    const online = await this.presence.ingest(memberId, vehicleType, points);
    return { accepted: points.length, online };
  }
}
