import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@dure/common';
import type { OrderStatus } from '../entities/order.entity';
import { DispatchErrors } from '../dispatch.errors';
import { OfferRepository } from '../offers/offer.repository';
import { ProofStorage } from '../proof/proof-storage';
import { OrderRepository } from './order.repository';
import { OrderDetailView, OrderView, toOrderEventView, toOrderView } from './order.views';

export interface OfferView {
  memberId: string;
  status: string;
  distanceM: number | null;
  offeredAt: string;
  expiresAt: string;
  respondedAt: string | null;
}

@Injectable()
export class OrderQueryService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly offers: OfferRepository,
    private readonly storage: ProofStorage,
  ) {}

  async list(filter: { status?: OrderStatus; date?: string; clientId?: string; memberId?: string; needsDispatcher?: boolean }, page: PageRequest): Promise<Page<OrderView>> {
    const result = await this.orders.list(filter, page);
    return { ...result, items: result.items.map(toOrderView) };
  }

  /** Staff view: the order, every transition it went through, and who it was offered to. */
  async detail(id: string): Promise<OrderDetailView & { offers: OfferView[] }> {
    const order = await this.orders.findById(id);
    if (!order) throw DispatchErrors.orderNotFound(id);
    const [events, offers] = await Promise.all([this.orders.events(id), this.offers.forOrder(id)]);
    return {
      ...toOrderView(order),
      events: events.map(toOrderEventView),
      offers: offers.map((f) => ({
        memberId: f.memberId,
        status: f.status,
        distanceM: f.distanceM,
        offeredAt: f.offeredAt.toISOString(),
        expiresAt: f.expiresAt.toISOString(),
        respondedAt: f.respondedAt?.toISOString() ?? null,
      })),
    };
  }

  /** A client's own order with its history; another client's is a 404. */
  async forClient(clientId: string, id: string): Promise<OrderDetailView> {
    const order = await this.orders.findForClient(clientId, id);
    if (!order) throw DispatchErrors.orderNotFound(id);
    return { ...toOrderView(order), events: (await this.orders.events(id)).map(toOrderEventView) };
  }

  async courierJobs(memberId: string, state: 'active' | 'done', page: PageRequest): Promise<Page<OrderView>> {
    const result = await this.orders.forCourier(memberId, state, page);
    return { ...result, items: result.items.map(toOrderView) };
  }

  async proofPhoto(id: string): Promise<{ data: Buffer; key: string }> {
    const order = await this.orders.findById(id);
    if (!order?.proofPhotoKey) throw DispatchErrors.orderNotFound(id);
    return { data: await this.storage.read(order.proofPhotoKey), key: order.proofPhotoKey };
  }
}
