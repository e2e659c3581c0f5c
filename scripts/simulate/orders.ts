/**
 * Orders arriving at a steady average rate (Poisson arrivals), mostly from Daegu's busy
 * districts, placed by a business client's API key or by a dispatcher (admin token).
 */
import { DureApi, Session } from './http';
import { HOTSPOTS, LatLng, Rng, randomPointInDaegu, randomPointNear, randomTripEnd } from './geo';
import { SimStats } from './stats';

export type OrderChannel = { kind: 'client'; apiKey: string } | { kind: 'admin'; session: Session };

const ITEMS = ['서류 봉투', '꽃다발', '도시락 3개', '약국 처방약', '케이크 상자', '부품 상자', '계약서', '휴대폰 수리품'];
const CONTACTS = ['김연락', '이담당', '박사장', '최실장', '정주임'];

export class OrderPlacer {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight = 0;

  constructor(
    private readonly api: DureApi,
    private readonly channel: OrderChannel,
    private readonly stats: SimStats,
    private readonly rng: Rng,
    private readonly perMinute: number,
    private readonly dispatchMode?: 'broadcast' | 'offer' | 'manual',
  ) {}

  start(): void {
    if (this.perMinute <= 0) return;
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Orders placed but not yet answered. */
  get pending(): number {
    return this.inFlight;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      void this.place();
      this.schedule();
    }, this.rng.exponential(60_000 / this.perMinute));
  }

  private async place(): Promise<void> {
    const body = this.randomOrder();
    this.inFlight++;
    try {
      const res =
        this.channel.kind === 'client'
          ? await this.api.call('POST', '/client/orders', { body, apiKey: this.channel.apiKey })
          : await this.channel.session.call('POST', '/admin/orders', body);
      if (res.status === 201) this.stats.placed++;
      else this.stats.error(`POST /${this.channel.kind}/orders ${res.status}`, `${res.code ?? ''} ${JSON.stringify(res.body).slice(0, 200)}`);
    } catch (err) {
      this.stats.error(`POST /${this.channel.kind}/orders (network)`, err instanceof Error ? err.message : String(err));
    } finally {
      this.inFlight--;
    }
  }

  private randomOrder(): Record<string, unknown> {
    const hotspot = this.rng.weighted(HOTSPOTS);
    // Three in four orders start in a busy district, the rest anywhere in the city.
    const pickup = this.rng.chance(0.75) ? randomPointNear(this.rng, hotspot.at, 1500) : randomPointInDaegu(this.rng);
    const dropoff = randomTripEnd(this.rng, pickup, 800, 9000);
    const paymentMethod = this.channel.kind === 'client' ? this.rng.pick(['credit', 'credit', 'cash', 'prepaid']) : this.rng.pick(['cash', 'cash', 'prepaid']);
    return {
      pickup: this.stopAt(pickup, `${hotspot.address} ${this.rng.int(1, 300)}`),
      dropoff: this.stopAt(dropoff, `대구 ${this.rng.pick(['중구', '동구', '서구', '남구', '북구', '수성구', '달서구'])} ${this.rng.int(1, 500)}번길 ${this.rng.int(1, 40)}`),
      itemDescription: this.rng.pick(ITEMS),
      vehicleType: 'motorcycle',
      urgency: this.rng.chance(0.15) ? 'express' : 'normal',
      paymentMethod,
      ...(this.dispatchMode ? { dispatchMode: this.dispatchMode } : {}),
    };
  }

  private stopAt(at: LatLng, address: string) {
    const phone = `053-${this.rng.int(200, 999)}-${String(this.rng.int(0, 9999)).padStart(4, '0')}`;
    return { address, lat: Math.round(at.lat * 1e6) / 1e6, lng: Math.round(at.lng * 1e6) / 1e6, contactName: this.rng.pick(CONTACTS), contactPhone: phone };
  }
}
