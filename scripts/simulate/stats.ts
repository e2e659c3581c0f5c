/** Counters the agents and the order placer share, and the line printed every few seconds. */

export interface FleetCounts {
  online: number;
  idle: number;
  busy: number;
  streams: number;
}

export class SimStats {
  readonly startedAt = Date.now();
  placed = 0;
  /** Distinct orders that reached at least one courier as an offer (SSE or board). */
  readonly offeredOrders = new Set<string>();
  offerEvents = 0;
  acceptAttempts = 0;
  accepted = 0;
  /** Accepts answered 409: another courier was faster (or the offer had moved on). */
  lostRaces = 0;
  readonly lostRaceCodes = new Map<string, number>();
  declined = 0;
  manualAssignments = 0;
  pickedUp = 0;
  delivered = 0;
  deliveredFareWon = 0;
  locationReports = 0;
  locationPoints = 0;
  errors = 0;
  private readonly errorKinds = new Map<string, number>();
  private readonly quiet: boolean;

  constructor(options: { quiet?: boolean } = {}) {
    this.quiet = options.quiet ?? false;
  }

  offered(orderId: string): void {
    this.offerEvents++;
    this.offeredOrders.add(orderId);
  }

  lostRace(code: string | undefined): void {
    this.lostRaces++;
    const key = code ?? 'unknown';
    this.lostRaceCodes.set(key, (this.lostRaceCodes.get(key) ?? 0) + 1);
  }

  /** Counts an error; the first few of each kind are printed so a problem is visible at once. */
  error(kind: string, detail: string): void {
    this.errors++;
    const seen = (this.errorKinds.get(kind) ?? 0) + 1;
    this.errorKinds.set(kind, seen);
    if (!this.quiet && seen <= 3) console.warn(`  ! ${kind}: ${detail}${seen === 3 ? ' (further ones counted, not shown)' : ''}`);
  }

  elapsedSec(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  line(fleet: FleetCounts): string {
    const t = Math.round(this.elapsedSec());
    const open = Math.max(0, this.placed - this.accepted - this.manualAssignments);
    return (
      `[${String(t).padStart(5)} s] placed ${this.placed}  offered ${this.offeredOrders.size}  accepted ${this.accepted}  ` +
      `picked up ${this.pickedUp}  delivered ${this.delivered}  lost races (409) ${this.lostRaces}  declined ${this.declined}  ` +
      `errors ${this.errors} | couriers online ${fleet.online} (idle ${fleet.idle}, busy ${fleet.busy}, SSE ${fleet.streams})  unassigned ≈ ${open}`
    );
  }

  summary(): Record<string, unknown> {
    return {
      seconds: Math.round(this.elapsedSec()),
      placed: this.placed,
      offeredOrders: this.offeredOrders.size,
      offerEvents: this.offerEvents,
      acceptAttempts: this.acceptAttempts,
      accepted: this.accepted,
      manualAssignments: this.manualAssignments,
      lostRaces: this.lostRaces,
      lostRaceCodes: Object.fromEntries(this.lostRaceCodes),
      declined: this.declined,
      pickedUp: this.pickedUp,
      delivered: this.delivered,
      deliveredFareWon: this.deliveredFareWon,
      locationReports: this.locationReports,
      locationPoints: this.locationPoints,
      errors: this.errors,
      errorKinds: Object.fromEntries(this.errorKinds),
    };
  }
}
