import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '@dure/database';
import { DeliveryHooks, DeliveryOrder, OrderRepository } from '@dure/dispatch';
import { ShareCapitalEntry, ShareCapitalHooks } from '@dure/membership';
import { feeForFare } from '../fees/fee-rules';
import { FeePolicyService } from '../fees/fee-policy.service';
import { deliveryPosting, shareCapitalPosting } from './accounts';
import { LedgerRepository } from './ledger.repository';

/**
 * Billing's part in other domains' transactions: at delivery the fee is fixed with the
 * policy in force and the job is posted to the ledger; a share capital payment or refund
 * is posted too. Same transaction, so the books never disagree with what happened.
 */
@Injectable()
export class BillingHooks implements OnModuleInit {
  constructor(
    private readonly deliveries: DeliveryHooks,
    private readonly shareCapital: ShareCapitalHooks,
    private readonly fees: FeePolicyService,
    private readonly orders: OrderRepository,
    private readonly ledger: LedgerRepository,
  ) {}

  onModuleInit(): void {
    this.deliveries.register('billing.fee-and-ledger', (tx, order) => this.onDelivered(tx, order));
    this.shareCapital.register('billing.share-capital-ledger', (tx, entry) => this.onShareCapital(tx, entry));
  }

  async onDelivered(tx: Tx, order: DeliveryOrder): Promise<void> {
    if (!order.deliveredAt || !order.assignedMemberId) throw new Error(`Order ${order.id} is not delivered`);
    const policy = await this.fees.inForceAt(order.deliveredAt, tx);
    const feeWon = feeForFare(order.fareWon, policy.rateBps);
    await this.orders.setFee(tx, order.id, { feeWon, rateBps: policy.rateBps, policyId: policy.id });
    await this.ledger.post(
      tx,
      deliveryPosting({
        id: order.id,
        paymentMethod: order.paymentMethod,
        fareWon: order.fareWon,
        feeWon,
        memberId: order.assignedMemberId,
        clientId: order.clientId,
        deliveredAt: order.deliveredAt,
      }),
    );
  }

  async onShareCapital(tx: Tx, entry: ShareCapitalEntry): Promise<void> {
    await this.ledger.post(tx, shareCapitalPosting({ id: entry.id, memberId: entry.memberId, kind: entry.kind, amountWon: entry.amountWon, at: entry.createdAt }));
  }
}
