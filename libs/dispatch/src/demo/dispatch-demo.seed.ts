import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { ActionContext, SYSTEM_ACTOR } from '@dure/common';
import { AppStateRepository, TransactionRunner } from '@dure/database';
import { DEMO_MEMBERS, MemberRepository, PartyService, normalizePhone } from '@dure/membership';
import { CourierActionsService } from '../orders/courier-actions.service';
import { OrderCommandsService, StopInput } from '../orders/order-commands.service';

const SYSTEM: ActionContext = { actor: SYSTEM_ACTOR };

const PLACES: Record<string, StopInput> = {
  dongseongno: { address: '대구 중구 동성로2길 80', lat: 35.8693, lng: 128.5961, contactName: '동성로 꽃집', contactPhone: '053-421-0001' },
  seomun: { address: '대구 중구 큰장로26길 45 서문시장', lat: 35.8688, lng: 128.5807, contactName: '서문시장 포목점', contactPhone: '053-256-0002' },
  suseong: { address: '대구 수성구 무학로 78', lat: 35.8276, lng: 128.6183, contactName: '수성못 카페', contactPhone: '053-761-0003' },
  dongdaegu: { address: '대구 동구 동대구로 550 동대구역', lat: 35.8797, lng: 128.6286, contactName: '역 물품보관소', contactPhone: '053-940-0004' },
  kyungpook: { address: '대구 북구 대학로 80 경북대학교', lat: 35.8906, lng: 128.6115, contactName: '경북대 행정실', contactPhone: '053-950-0005' },
  seongseo: { address: '대구 달서구 성서공단로 11', lat: 35.8264, lng: 128.5291, contactName: '성서공단 부품상사', contactPhone: '053-583-0006' },
};

/** A few orders in every state, so the demo cooperative's board and history are not empty. */
@Injectable()
export class DispatchDemoSeed {
  private readonly log = new Logger(DispatchDemoSeed.name);

  constructor(
    private readonly orders: OrderCommandsService,
    private readonly actions: CourierActionsService,
    private readonly parties: PartyService,
    private readonly members: MemberRepository,
    private readonly appState: AppStateRepository,
    private readonly tx: TransactionRunner,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(): Promise<boolean> {
    if (!this.config.demo) return false;
    const couriers = await Promise.all(
      DEMO_MEMBERS.filter((m) => m.state === 'active' && m.vehicleType === 'motorcycle').map((m) => this.members.findByPhone(normalizePhone(m.phone))),
    );
    const active = couriers.filter((m) => m?.status === 'active').map((m) => m?.id as string);
    if (active.length < 3) return false; // not the demo register
    if (!(await this.tx.run((tx) => this.appState.once('demo-dispatch-seeded', tx)))) return false;

    const client = await this.parties.createClient({ name: '동성로 꽃집 (demo)', businessNo: '504-81-00001', creditAccount: true }, SYSTEM);
    const trip = (from: string, to: string, over: Partial<Parameters<OrderCommandsService['create']>[0]> = {}) =>
      this.orders.create(
        { pickup: PLACES[from], dropoff: PLACES[to], itemDescription: '꽃다발 1개', vehicleType: 'motorcycle', urgency: 'normal', paymentMethod: 'cash', dispatchMode: 'broadcast', ...over },
        SYSTEM,
      );
    const courier = (id: string): ActionContext => ({ actor: { type: 'courier', id, roles: ['courier'] } });

    const delivered = [await trip('dongseongno', 'suseong', { clientId: client.id, paymentMethod: 'credit' }), await trip('seomun', 'kyungpook', { fareWon: 9000 })];
    for (const [i, order] of delivered.entries()) {
      await this.orders.assign(order.id, active[i], SYSTEM);
      await this.actions.pickup(courier(active[i]), order.id, { eventId: randomUUID() });
      await this.actions.deliver(courier(active[i]), order.id, { eventId: randomUUID(), recipientName: '수령인' });
    }
    const pickedUp = await trip('dongdaegu', 'dongseongno', { urgency: 'express' });
    await this.orders.assign(pickedUp.id, active[2], SYSTEM);
    await this.actions.pickup(courier(active[2]), pickedUp.id, { eventId: randomUUID() });
    await trip('kyungpook', 'seongseo', { clientId: client.id, paymentMethod: 'credit', itemDescription: '서류 봉투' });
    await trip('suseong', 'seomun', { paymentMethod: 'prepaid', itemDescription: '케이크 상자', dispatchMode: 'manual' });
    const cancelled = await trip('seongseo', 'dongdaegu');
    await this.orders.cancel(cancelled.id, '고객 요청 (demo)', SYSTEM);
    this.log.log('Seeded demo orders: 2 delivered, 1 picked up, 2 open, 1 cancelled');
    return true;
  }
}
