import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '@dure/database';

export interface TrackRow {
  memberId: string;
  recordedAt: Date;
  lat: number;
  lng: number;
  accuracyM: number | null;
  receivedAt: Date;
}

@Injectable()
export class TrackRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One statement per batch, however many points; a point already stored is skipped. */
  async insertBatch(rows: TrackRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await sqlRows(
      this.dataSource.manager,
      `INSERT INTO location_point (member_id, recorded_at, lat, lng, accuracy_m, received_at)
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::float8[], $5::real[], $6::timestamptz[])
       ON CONFLICT DO NOTHING RETURNING 1`,
      [
        rows.map((r) => r.memberId),
        rows.map((r) => r.recordedAt),
        rows.map((r) => r.lat),
        rows.map((r) => r.lng),
        rows.map((r) => r.accuracyM),
        rows.map((r) => r.receivedAt),
      ],
    );
    return inserted.length;
  }

  async track(memberId: string, from: Date, to: Date): Promise<TrackRow[]> {
    const rows = await sqlRows<{ recorded_at: Date; lat: number; lng: number; accuracy_m: number | null; received_at: Date }>(
      this.dataSource.manager,
      `SELECT recorded_at, lat, lng, accuracy_m, received_at FROM location_point
        WHERE member_id = $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY recorded_at`,
      [memberId, from, to],
    );
    return rows.map((r) => ({ memberId, recordedAt: r.recorded_at, lat: r.lat, lng: r.lng, accuracyM: r.accuracy_m, receivedAt: r.received_at }));
  }
}
