import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispatch: pricing rule sets, orders with their event history, offers, and the location
 * track.
 */
export class Dispatch1763900000000 implements MigrationInterface {
  name = 'Dispatch1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pricing_rule_set (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        effective_from timestamptz NOT NULL CONSTRAINT uq_pricing_rule_set_effective_from UNIQUE,
        vehicles jsonb NOT NULL,
        road_factor_bps int NOT NULL CHECK (road_factor_bps BETWEEN 10000 AND 30000),
        express_surcharge_bps int NOT NULL CHECK (express_surcharge_bps BETWEEN 0 AND 50000),
        night_surcharge_bps int NOT NULL CHECK (night_surcharge_bps BETWEEN 0 AND 50000),
        weekend_surcharge_bps int NOT NULL CHECK (weekend_surcharge_bps BETWEEN 0 AND 50000),
        rounding_unit_won int NOT NULL CHECK (rounding_unit_won BETWEEN 1 AND 100000),
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE SEQUENCE order_no_seq;
      CREATE TABLE delivery_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_no bigint NOT NULL DEFAULT nextval('order_no_seq') CONSTRAINT uq_delivery_order_no UNIQUE,
        status text NOT NULL CONSTRAINT ck_delivery_order_status
          CHECK (status IN ('requested','assigned','picked_up','delivered','cancelled','failed')),
        pickup_address text NOT NULL,
        pickup_lat double precision NOT NULL CHECK (pickup_lat BETWEEN -90 AND 90),
        pickup_lng double precision NOT NULL CHECK (pickup_lng BETWEEN -180 AND 180),
        pickup_contact_name text NOT NULL,
        pickup_contact_phone text NOT NULL,
        dropoff_address text NOT NULL,
        dropoff_lat double precision NOT NULL CHECK (dropoff_lat BETWEEN -90 AND 90),
        dropoff_lng double precision NOT NULL CHECK (dropoff_lng BETWEEN -180 AND 180),
        dropoff_contact_name text NOT NULL,
        dropoff_contact_phone text NOT NULL,
        item_description text NOT NULL,
        vehicle_type text NOT NULL CHECK (vehicle_type IN ('motorcycle','damas','labo','truck_1t')),
        urgency text NOT NULL CHECK (urgency IN ('normal','express')),
        payment_method text NOT NULL CHECK (payment_method IN ('cash','credit','prepaid')),
        client_id uuid REFERENCES client(id),
        fare_won bigint NOT NULL CHECK (fare_won > 0),
        fare_source text NOT NULL CHECK (fare_source IN ('rules','agreed')),
        quoted_fare_won bigint NOT NULL,
        pricing_rule_set_id uuid REFERENCES pricing_rule_set(id),
        distance_m int NOT NULL CHECK (distance_m >= 0),
        dispatch_mode text NOT NULL CHECK (dispatch_mode IN ('broadcast','offer','manual')),
        needs_dispatcher boolean NOT NULL DEFAULT false,
        assigned_member_id uuid REFERENCES member(id),
        fee_won bigint,
        created_by_type text NOT NULL,
        created_by_id text NOT NULL,
        created_at timestamptz NOT NULL,
        assigned_at timestamptz,
        picked_up_at timestamptz,
        delivered_at timestamptz,
        cancelled_at timestamptz,
        failed_at timestamptz,
        cancel_reason text,
        fail_reason text,
        recipient_name text,
        proof_photo_key text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_delivery_order_credit_client CHECK (payment_method <> 'credit' OR client_id IS NOT NULL),
        CONSTRAINT ck_delivery_order_assigned CHECK (status IN ('requested','cancelled') OR assigned_member_id IS NOT NULL)
      );
      CREATE INDEX ix_delivery_order_status_created ON delivery_order (status, created_at DESC);
      CREATE INDEX ix_delivery_order_created ON delivery_order (created_at DESC);
      CREATE INDEX ix_delivery_order_client ON delivery_order (client_id, created_at DESC) WHERE client_id IS NOT NULL;
      CREATE INDEX ix_delivery_order_member ON delivery_order (assigned_member_id, status) WHERE assigned_member_id IS NOT NULL;
      CREATE INDEX ix_delivery_order_member_delivered ON delivery_order (assigned_member_id, delivered_at) WHERE status = 'delivered';
      CREATE INDEX ix_delivery_order_open ON delivery_order (vehicle_type, created_at) WHERE status = 'requested';

      CREATE TABLE order_event (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES delivery_order(id),
        status text NOT NULL,
        at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        event_id text,
        reason text
      );
      CREATE INDEX ix_order_event_order ON order_event (order_id, id);
      CREATE UNIQUE INDEX uq_order_event_client_event ON order_event (order_id, event_id) WHERE event_id IS NOT NULL;

      CREATE TABLE dispatch_offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES delivery_order(id),
        member_id uuid NOT NULL REFERENCES member(id),
        status text NOT NULL CHECK (status IN ('offered','accepted','declined','expired','withdrawn')),
        distance_m int,
        offered_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        responded_at timestamptz,
        CONSTRAINT uq_dispatch_offer_order_member UNIQUE (order_id, member_id)
      );
      CREATE UNIQUE INDEX uq_dispatch_offer_live ON dispatch_offer (order_id) WHERE status = 'offered';
      CREATE INDEX ix_dispatch_offer_expiring ON dispatch_offer (expires_at) WHERE status = 'offered';
      CREATE INDEX ix_dispatch_offer_member ON dispatch_offer (member_id, status);

      CREATE TABLE location_point (
        member_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        accuracy_m real,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (member_id, recorded_at)
      );
    `);
    // The tariff a Daegu quick-service office typically quotes (2020s); admins add their own
    // rule sets from a later date, the seed stays as history.
    await q.query(
      `INSERT INTO pricing_rule_set (effective_from, vehicles, road_factor_bps, express_surcharge_bps,
         night_surcharge_bps, weekend_surcharge_bps, rounding_unit_won, note, created_by)
       VALUES ('2020-09-01T00:00:00+09:00', $1, 13000, 5000, 2000, 1000, 1000, $2, 'system')`,
      [
        JSON.stringify({
          motorcycle: { baseFareWon: 4000, baseDistanceM: 3000, perKmWon: 700 },
          damas: { baseFareWon: 15000, baseDistanceM: 5000, perKmWon: 1000 },
          labo: { baseFareWon: 18000, baseDistanceM: 5000, perKmWon: 1100 },
          truck_1t: { baseFareWon: 25000, baseDistanceM: 5000, perKmWon: 1300 },
        }),
        'Seed: typical Daegu quick-service tariff; straight-line distance x1.3 for roads; express +50%, night (22-06) +20%, weekend +10%; rounded up to 1,000 won',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE location_point, dispatch_offer, order_event, delivery_order, pricing_rule_set;
      DROP SEQUENCE order_no_seq;
    `);
  }
}
