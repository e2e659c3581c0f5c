import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@dure/common';
import { StaffRepository } from './staff.repository';

/** How long an account's standing is trusted before it is read again. */
const TTL_MS = 5000;

/**
 * A staff member's current standing (active, roles), read from the database rather than
 * trusted from the access token: a deactivation or a role change holds within seconds, not
 * when the token expires. The staff table is small; each process keeps a short cache.
 */
@Injectable()
export class StaffAccess {
  private readonly cache = new Map<string, { at: number; standing: { active: boolean; roles: StaffRole[] } | null }>();

  constructor(private readonly staff: StaffRepository) {}

  async standing(id: string, now = Date.now()): Promise<{ active: boolean; roles: StaffRole[] } | null> {
    const hit = this.cache.get(id);
    if (hit && now - hit.at < TTL_MS) return hit.standing;
    const found = await this.staff.findById(id);
    const standing = found ? { active: found.active, roles: found.roles } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: now, standing });
    return standing;
  }

  /** This process's own changes hold at once. */
  forget(id: string): void {
    this.cache.delete(id);
  }
}
