import { Injectable } from '@nestjs/common';
import { MemberQueryService, MemberRepository } from '@dure/membership';
import type { VehicleType } from '../pricing/pricing';
import { DispatchErrors } from '../dispatch.errors';

/**
 * Whether a member's insurance allows work. Dispatch cannot know insurance (it sits
 * below it); the insurance domain plugs the real gate in at start-up. Until then
 * everyone is covered.
 */
@Injectable()
export class CoverGate {
  private gate: ((memberIds: string[]) => Promise<Set<string>>) | undefined;

  provide(gate: (memberIds: string[]) => Promise<Set<string>>): void {
    this.gate = gate;
  }

  /** The members among `memberIds` whose accident cover forbids work (rejected or ended). */
  uncovered(memberIds: string[]): Promise<Set<string>> {
    return this.gate && memberIds.length ? this.gate(memberIds) : Promise.resolve(new Set());
  }
}

/** Who may take work: active members, on the right vehicle, whose cover allows it. */
@Injectable()
export class CourierEligibility {
  constructor(
    private readonly members: MemberRepository,
    private readonly profiles: MemberQueryService,
    private readonly cover: CoverGate,
  ) {}

  /** One courier about to take a job (hot path: the cached profile). */
  async assertCanWork(memberId: string, vehicle?: VehicleType): Promise<{ vehicleType: VehicleType }> {
    const profile = await this.profiles.courierProfile(memberId);
    if (profile.status !== 'active') throw DispatchErrors.courierNotActive(profile.status);
    if (vehicle && profile.vehicleType !== vehicle) throw DispatchErrors.vehicleMismatch(vehicle, profile.vehicleType);
    if ((await this.cover.uncovered([memberId])).has(memberId)) throw DispatchErrors.courierNotCovered();
    return { vehicleType: profile.vehicleType };
  }

  /** A member a dispatcher assigns (read fresh from the register). */
  async assertAssignable(memberId: string, vehicle: VehicleType): Promise<void> {
    const found = (await this.members.statusesOf([memberId])).get(memberId);
    if (!found) throw DispatchErrors.memberNotFound(memberId);
    if (found.status !== 'active') throw DispatchErrors.courierNotActive(found.status);
    if (found.vehicleType !== vehicle) throw DispatchErrors.vehicleMismatch(vehicle, found.vehicleType);
    if ((await this.cover.uncovered([memberId])).has(memberId)) throw DispatchErrors.courierNotCovered();
  }

  /** Of these candidates, those who may be offered work with this vehicle. */
  async filter(memberIds: string[], vehicle: VehicleType): Promise<Set<string>> {
    const statuses = await this.members.statusesOf(memberIds);
    const uncovered = await this.cover.uncovered(memberIds);
    return new Set(memberIds.filter((id) => statuses.get(id)?.status === 'active' && statuses.get(id)?.vehicleType === vehicle && !uncovered.has(id)));
  }
}
