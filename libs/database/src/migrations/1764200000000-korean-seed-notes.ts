import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office reads the seeded fee policies and tariff in Korean, like every other seed.
 * Only the system's own seed rows are touched, and only while they still carry the
 * original English text (a note someone edited is theirs).
 */
export class KoreanSeedNotes1764200000000 implements MigrationInterface {
  name = 'KoreanSeedNotes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE fee_policy SET note = '대구 배달대행업체들이 2020년 7월부터 받은 수수료율 (비교 기준)'
       WHERE created_by = 'system' AND note = 'The commercial rate Daegu dispatch firms moved to in July 2020';
      UPDATE fee_policy SET note = '조합 출범 때부터의 조합 수수료율'
       WHERE created_by = 'system' AND note = 'The cooperative''s own rate from its start';
      UPDATE pricing_rule_set
         SET note = '시드: 대구 퀵서비스 일반 요금. 직선거리 ×1.3을 도로 거리로, 급송 +50%, 야간(22~06시) +20%, 주말 +10%, 1,000원 단위 올림'
       WHERE created_by = 'system' AND note LIKE 'Seed: typical Daegu quick-service tariff%';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE fee_policy SET note = 'The commercial rate Daegu dispatch firms moved to in July 2020'
       WHERE created_by = 'system' AND note = '대구 배달대행업체들이 2020년 7월부터 받은 수수료율 (비교 기준)';
      UPDATE fee_policy SET note = 'The cooperative''s own rate from its start'
       WHERE created_by = 'system' AND note = '조합 출범 때부터의 조합 수수료율';
      UPDATE pricing_rule_set
         SET note = 'Seed: typical Daegu quick-service tariff; straight-line distance x1.3 for roads; express +50%, night (22-06) +20%, weekend +10%; rounded up to 1,000 won'
       WHERE created_by = 'system' AND note LIKE '시드: 대구 퀵서비스 일반 요금%';
    `);
  }
}
