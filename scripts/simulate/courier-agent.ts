/**
 * One simulated courier: rides around Daegu, reports its position in batches, hears about
 * jobs (SSE pushes, with the board as a fallback), races for them, rides to the pickup,
 * picks up, rides to the drop-off and delivers. Every status report carries its own event
 * id, and a retry sends the same one.
 */
import { randomUUID } from 'node:crypto';
import { EventStream, Session, SseEvent } from './http';
import { LatLng, Rng, distanceM, moveToward, randomPointInDaegu, randomPointNear } from './geo';
import { SimStats } from './stats';

export interface AgentOptions {
  /** Simulated seconds per real second (motion and dwell times; reports stay in real time). */
  timeScale: number;
  /** Real seconds between location reports (each carries the points sampled since the last). */
  reportEverySec: number;
  /** Real seconds between board polls while idle (the SSE feed is the main channel). */
  boardPollSec: number;
  /** Listen to the SSE feed (else the board is the only way to hear of jobs). */
  useSse: boolean;
  /** Chance of turning down a personal offer (offer mode); broadcast jobs are simply ignored. */
  declineProb: number;
}

/** The part of a board item or order the courier needs. */
interface JobView {
  id: string;
  pickup: LatLng & { address?: string };
  dropoff: LatLng & { address?: string };
  fareWon: number;
  pickupDistanceM?: number | null;
  offerExpiresAt?: string;
  assignedMemberId?: string | null;
  status?: string;
}

type Phase = 'idle' | 'deciding' | 'accepting' | 'to_pickup' | 'at_pickup' | 'to_dropoff' | 'at_dropoff';

const RECIPIENTS = ['김민수', '이서연', '박지훈', '최유진', '정현우', '강수빈', '조은지', '윤태호', '장미경', '임도현'];
const MAX_BUFFERED_POINTS = 100; // the API's limit per request
const KMH = 1000 / 3600;

export class CourierAgent {
  phase: Phase = 'idle';
  jobsDone = 0;
  earnedWon = 0;

  private position: LatLng;
  private waypoint: LatLng;
  private pausedUntil = 0;
  private speedMps: number;
  private lastTickAt = Date.now();
  private nextReportAt: number;
  private nextBoardPollAt: number;
  private readonly points: { lat: number; lng: number; accuracyM: number; recordedAt: string }[] = [];
  private reporting = false;
  private acting = false;
  private stopped = false;
  private stream: EventStream | undefined;

  private job: JobView | undefined;
  private readonly leftover: JobView[] = [];
  private deciding: { orderId: string; timer: NodeJS.Timeout } | undefined;
  private actionDueAt = 0;
  private pickupEventId: string | undefined;
  private deliverEventId: string | undefined;
  /** Orders this courier tried or passed on, and until when to leave them alone. */
  private readonly seen = new Map<string, number>();

  constructor(
    readonly memberId: string,
    readonly phone: string,
    private readonly session: Session,
    private readonly streamUrl: string,
    private readonly stats: SimStats,
    private readonly rng: Rng,
    private readonly options: AgentOptions,
  ) {
    this.position = randomPointInDaegu(rng);
    this.waypoint = randomPointInDaegu(rng);
    this.speedMps = this.idleSpeed();
    const now = Date.now();
    // Spread the reports and polls of many couriers over the interval.
    this.nextReportAt = now + rng.between(0, options.reportEverySec * 1000);
    this.nextBoardPollAt = now + rng.between(0, options.boardPollSec * 1000);
  }

  get busy(): boolean {
    return this.phase !== 'idle' && this.phase !== 'deciding';
  }

  get streaming(): boolean {
    return this.stream?.connected ?? false;
  }

  /** Online, on the map at the current position, listening for jobs. */
  async start(): Promise<void> {
    const online = await this.session.call('PUT', '/courier/presence', { online: true });
    if (online.status !== 200) throw new Error(`${this.phone}: going online → HTTP ${online.status} ${online.code ?? ''}`);
    this.sample(Date.now());
    await this.sendPositions();
    // Jobs left over from an earlier run (stopped mid-trip) are finished first.
    const active = await this.session.call<{ items: JobView[] }>('GET', '/courier/jobs?status=active&limit=100');
    if (active.status === 200) this.leftover.push(...active.body.items);
    const first = this.leftover.shift();
    if (first) this.takeJob(first);
    if (this.options.useSse) {
      this.stream = new EventStream(this.streamUrl, this.session, (e) => this.onEvent(e), (msg) => this.stats.error('sse', `${this.phone}: ${msg}`));
      this.stream.start();
    }
  }

  /** Called about once a second by the simulation clock. */
  tick(now: number): void {
    if (this.stopped) return;
    const simSec = ((now - this.lastTickAt) / 1000) * this.options.timeScale;
    this.lastTickAt = now;
    this.move(now, simSec);
    this.sample(now);
    if (now >= this.nextReportAt && !this.reporting) {
      this.nextReportAt = now + this.options.reportEverySec * 1000;
      void this.sendPositions();
    }
    if ((this.phase === 'at_pickup' || this.phase === 'at_dropoff') && now >= this.actionDueAt && !this.acting) {
      void (this.phase === 'at_pickup' ? this.pickUp() : this.deliver());
    }
    if (this.phase === 'idle' && now >= this.nextBoardPollAt && !this.acting) {
      this.nextBoardPollAt = now + this.options.boardPollSec * 1000 * this.rng.between(0.8, 1.2);
      void this.pollBoard();
    }
  }

  /** Stops listening and moving, sends the last points and goes offline. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stream?.close();
    if (this.deciding) clearTimeout(this.deciding.timer);
    try {
      if (this.points.length > 0 && !this.reporting) await this.sendPositions();
      await this.session.call('PUT', '/courier/presence', { online: false });
    } catch {
      // best effort on the way out
    }
  }

  // -------------------------------------------------------------------------------------
  // Movement and location reports
  // -------------------------------------------------------------------------------------

  private idleSpeed(): number {
    return this.rng.between(12, 25) * KMH;
  }

  private jobSpeed(): number {
    return this.rng.between(25, 45) * KMH;
  }

  private move(now: number, simSec: number): void {
    if (this.phase === 'at_pickup' || this.phase === 'at_dropoff' || simSec <= 0) return;
    if (this.phase === 'idle' || this.phase === 'deciding' || this.phase === 'accepting') {
      if (now < this.pausedUntil) return;
      const step = moveToward(this.position, this.waypoint, this.speedMps * simSec);
      this.position = step.at;
      if (step.arrived) {
        // Wait a while at a corner, then ride on, mostly staying in a neighbourhood.
        this.pausedUntil = now + (this.rng.between(0, 300) * 1000) / this.options.timeScale;
        this.waypoint = this.rng.chance(0.7) ? randomPointNear(this.rng, this.position, 2500) : randomPointInDaegu(this.rng);
        this.speedMps = this.idleSpeed();
      }
      return;
    }
    const target = this.phase === 'to_pickup' ? this.job!.pickup : this.job!.dropoff;
    const step = moveToward(this.position, target, this.speedMps * simSec);
    this.position = step.at;
    if (!step.arrived) return;
    // Parking, walking in, waiting for the parcel or the recipient (simulated minutes).
    const dwellSimSec = this.phase === 'to_pickup' ? this.rng.between(60, 180) : this.rng.between(45, 120);
    this.actionDueAt = now + (dwellSimSec * 1000) / this.options.timeScale;
    this.phase = this.phase === 'to_pickup' ? 'at_pickup' : 'at_dropoff';
  }

  private sample(now: number): void {
    // A few metres of GPS noise around the true position.
    const noisy = randomPointNear(this.rng, this.position, 8);
    this.points.push({ lat: round6(noisy.lat), lng: round6(noisy.lng), accuracyM: Math.round(this.rng.between(3, 15)), recordedAt: new Date(now).toISOString() });
    if (this.points.length > MAX_BUFFERED_POINTS) this.points.splice(0, this.points.length - MAX_BUFFERED_POINTS);
  }

  private async sendPositions(): Promise<void> {
    if (this.points.length === 0) return;
    this.reporting = true;
    const batch = this.points.splice(0, this.points.length);
    try {
      const res = await this.session.call<{ online: boolean }>('POST', '/courier/locations', { points: batch });
      if (res.status === 202) {
        this.stats.locationReports++;
        this.stats.locationPoints += batch.length;
        if (!res.body.online && !this.stopped) await this.session.call('PUT', '/courier/presence', { online: true });
      } else {
        this.stats.error(`POST /courier/locations ${res.status}`, `${this.phone}: ${res.code ?? ''}`);
      }
    } catch (err) {
      this.points.unshift(...batch.slice(-(MAX_BUFFERED_POINTS - this.points.length)));
      this.stats.error('POST /courier/locations (network)', errorText(err));
    } finally {
      this.reporting = false;
    }
  }

  // -------------------------------------------------------------------------------------
  // Hearing about jobs and racing for them
  // -------------------------------------------------------------------------------------

  private onEvent(e: SseEvent): void {
    if (this.stopped) return;
    if (e.event === 'offer') {
      const item = e.data as JobView;
      this.stats.offered(item.id);
      this.consider(item);
    } else if (e.event === 'offer_withdrawn') {
      const { orderId } = e.data as { orderId: string };
      if (this.deciding?.orderId === orderId) {
        clearTimeout(this.deciding.timer);
        this.deciding = undefined;
        this.phase = 'idle';
      }
    } else if (e.event === 'assigned') {
      // A dispatcher gave us a job (accepted jobs also arrive here; the accept call handles those).
      const order = e.data as JobView;
      if (order.assignedMemberId !== this.memberId || this.job?.id === order.id || this.phase === 'accepting' || this.busy) return;
      if (this.deciding) clearTimeout(this.deciding.timer);
      this.deciding = undefined;
      this.stats.manualAssignments++;
      this.takeJob(order);
    }
  }

  private async pollBoard(): Promise<void> {
    this.acting = true;
    try {
      const res = await this.session.call<JobView[]>('GET', '/courier/jobs/board');
      if (res.status === 409 && res.code === 'DISPATCH.NOT_ONLINE') {
        await this.session.call('PUT', '/courier/presence', { online: true });
        return;
      }
      if (res.status !== 200) {
        this.stats.error(`GET /courier/jobs/board ${res.status}`, `${this.phone}: ${res.code ?? ''}`);
        return;
      }
      const fresh = res.body.find((item) => !this.hasSeen(item.id));
      if (fresh) {
        this.stats.offered(fresh.id);
        this.consider(fresh);
      }
    } catch (err) {
      this.stats.error('GET /courier/jobs/board (network)', errorText(err));
    } finally {
      this.acting = false;
    }
  }

  /** Nearer jobs are more tempting; a personal offer may be turned down (always when busy). */
  private consider(item: JobView): void {
    if (item.offerExpiresAt && this.phase !== 'idle' && !this.hasSeen(item.id)) {
      // Mid-job (or already taking another): say no at once so the next courier is asked.
      this.remember(item.id, 24 * 3600_000);
      void this.decline(item.id);
      return;
    }
    if (this.phase !== 'idle' || this.hasSeen(item.id)) return;
    // Passed on: look again in a (real) minute or two; tried: never again.
    this.remember(item.id, this.rng.between(60_000, 120_000));
    const d = item.pickupDistanceM ?? distanceM(this.position, item.pickup);
    if (item.offerExpiresAt && this.rng.chance(this.options.declineProb)) {
      void this.decline(item.id);
      return;
    }
    if (!item.offerExpiresAt && !this.rng.chance(Math.max(0.3, 0.95 - (0.6 * d) / 5000))) return;
    // Reading the phone and tapping takes a moment (real time, not simulated).
    const reactionMs = this.rng.between(300, 2500);
    this.phase = 'deciding';
    this.deciding = { orderId: item.id, timer: setTimeout(() => void this.accept(item), reactionMs) };
  }

  private async accept(item: JobView): Promise<void> {
    if (this.stopped || this.deciding?.orderId !== item.id) return;
    this.deciding = undefined;
    this.remember(item.id, 24 * 3600_000);
    this.phase = 'accepting';
    this.stats.acceptAttempts++;
    try {
      const res = await this.session.call<JobView>('POST', `/courier/jobs/${item.id}/accept`);
      if (res.status === 200) {
        this.stats.accepted++;
        this.takeJob(res.body);
        return;
      }
      this.phase = 'idle';
      if (res.status === 409) this.stats.lostRace(res.code);
      else this.stats.error(`POST /courier/jobs/:id/accept ${res.status}`, `${this.phone}: ${res.code ?? ''}`);
    } catch (err) {
      this.phase = 'idle';
      this.stats.error('POST /courier/jobs/:id/accept (network)', errorText(err));
    }
  }

  private async decline(orderId: string): Promise<void> {
    try {
      const res = await this.session.call('POST', `/courier/jobs/${orderId}/decline`);
      if (res.status === 200) this.stats.declined++;
      else if (res.status !== 409) this.stats.error(`POST /courier/jobs/:id/decline ${res.status}`, `${this.phone}: ${res.code ?? ''}`);
    } catch (err) {
      this.stats.error('POST /courier/jobs/:id/decline (network)', errorText(err));
    }
  }

  private hasSeen(orderId: string): boolean {
    return (this.seen.get(orderId) ?? 0) > Date.now();
  }

  private remember(orderId: string, forMs: number): void {
    const now = Date.now();
    this.seen.set(orderId, now + forMs);
    if (this.seen.size > 1000) {
      for (const [id, until] of this.seen) if (until < now || this.seen.size > 1000) this.seen.delete(id);
    }
  }

  // -------------------------------------------------------------------------------------
  // Doing the job
  // -------------------------------------------------------------------------------------

  private takeJob(order: JobView): void {
    this.job = order;
    this.pickupEventId = randomUUID();
    this.deliverEventId = randomUUID();
    this.speedMps = this.jobSpeed();
    this.phase = order.status === 'picked_up' ? 'to_dropoff' : 'to_pickup';
  }

  private async pickUp(): Promise<void> {
    await this.sendStatus(this.job!.id, 'pickup', { eventId: this.pickupEventId }, () => {
      this.stats.pickedUp++;
      this.phase = 'to_dropoff';
    });
  }

  private async deliver(): Promise<void> {
    const job = this.job!;
    await this.sendStatus(job.id, 'deliver', { eventId: this.deliverEventId, recipientName: this.rng.pick(RECIPIENTS) }, () => {
      this.stats.delivered++;
      this.stats.deliveredFareWon += job.fareWon;
      this.jobsDone++;
      this.earnedWon += job.fareWon;
      this.job = undefined;
      this.phase = 'idle';
      this.speedMps = this.idleSpeed();
      this.waypoint = randomPointNear(this.rng, this.position, 2500);
      const next = this.leftover.shift();
      if (next) this.takeJob(next);
    });
  }

  /** A status report; a failed one is retried (same event id) on a later tick. */
  private async sendStatus(orderId: string, action: 'pickup' | 'deliver', body: object, done: () => void): Promise<void> {
    this.acting = true;
    try {
      const res = await this.session.call('POST', `/courier/jobs/${orderId}/${action}`, body);
      if (res.status === 200) return done();
      this.stats.error(`POST /courier/jobs/:id/${action} ${res.status}`, `${this.phone}: ${res.code ?? ''}`);
      if (res.status === 409 || res.status === 404) {
        // Cancelled or taken away meanwhile: the job is gone.
        this.job = undefined;
        this.phase = 'idle';
      } else {
        this.actionDueAt = Date.now() + 2000;
      }
    } catch (err) {
      this.stats.error(`POST /courier/jobs/:id/${action} (network)`, errorText(err));
      this.actionDueAt = Date.now() + 2000;
    } finally {
      this.acting = false;
    }
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
