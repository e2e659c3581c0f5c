import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insurance: effective-dated rates, enrolments per member and plan, monthly premium
 * bases (월 보수액) and shares, batches with their records and acknowledgements.
 */
export class Insurance1764100000000 implements MigrationInterface {
  name = 'Insurance1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE insurance_rate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan text NOT NULL CHECK (plan IN ('group_accident','employment','industrial_accident')),
        effective_from date NOT NULL,
        worker_rate_bps int NOT NULL DEFAULT 0 CHECK (worker_rate_bps BETWEEN 0 AND 10000),
        employer_rate_bps int NOT NULL DEFAULT 0 CHECK (employer_rate_bps BETWEEN 0 AND 10000),
        expense_ratio_bps int NOT NULL DEFAULT 0 CHECK (expense_ratio_bps BETWEEN 0 AND 10000),
        threshold_won bigint CHECK (threshold_won >= 0),
        premium_won bigint CHECK (premium_won >= 0),
        payer text CHECK (payer IN ('cooperative','member')),
        source text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_insurance_rate_plan_from UNIQUE (plan, effective_from)
      );
      INSERT INTO insurance_rate (plan, effective_from, worker_rate_bps, employer_rate_bps, expense_ratio_bps, threshold_won, premium_won, payer, source, created_by) VALUES
        ('employment', '2022-01-01', 70, 70, 2740, 800000, NULL, NULL,
         '고용보험 노무제공자: 보험료율 0.7% + 0.7% (2022-01 ~ 06); 월 보수액 80만원 미만은 적용 제외. 필요경비율은 고용노동부 고시 퀵서비스기사 값으로 확인해 수정하세요.', 'system'),
        ('employment', '2022-07-01', 80, 80, 2740, 800000, NULL, NULL,
         '고용보험 노무제공자: 보험료율 0.8% + 0.8% (2022-07-01부터). 필요경비율은 고용노동부 고시 값으로 확인해 수정하세요.', 'system'),
        ('industrial_accident', '2023-07-01', 48, 48, 2740, NULL, NULL, NULL,
         '산재보험 노무제공자: 사업종류별 요율 + 출퇴근재해 요율을 노사 50:50 부담 (시드 값 0.96% = 0.48% + 0.48%). 고용노동부 고시 요율로 수정하세요.', 'system'),
        ('group_accident', '2020-09-01', 0, 0, 0, NULL, 12000, 'cooperative',
         '단체상해보험: 조합원 1인당 월 보험료 (시드 값). 보험사 계약서의 금액과 부담 주체로 수정하세요.', 'system');

      CREATE TABLE insurance_enrollment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id),
        plan text NOT NULL CHECK (plan IN ('group_accident','employment','industrial_accident')),
        status text NOT NULL CHECK (status IN ('pending','submitted','enrolled','rejected','terminating','terminated')),
        pending_action text CHECK (pending_action IN ('add','change','terminate','reinstate')),
        certificate_no text,
        coverage_start date,
        coverage_end date,
        acquisition_reason text,
        loss_reason text,
        reject_code text,
        reject_message text,
        -- A reinstatement that must follow a termination still to be sent (a gap in cover).
        reinstate_on date,
        changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_insurance_enrollment_member_plan UNIQUE (member_id, plan)
      );
      CREATE INDEX ix_insurance_enrollment_pending ON insurance_enrollment (plan) WHERE pending_action IS NOT NULL;
      CREATE INDEX ix_insurance_enrollment_status ON insurance_enrollment (plan, status);

      CREATE TABLE insurance_enrollment_history (
        id bigserial PRIMARY KEY,
        enrollment_id uuid NOT NULL REFERENCES insurance_enrollment(id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX ix_insurance_enrollment_history ON insurance_enrollment_history (enrollment_id, id);

      CREATE TABLE insurance_monthly (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        plan text NOT NULL,
        rate_id uuid NOT NULL REFERENCES insurance_rate(id),
        gross_won bigint NOT NULL,
        non_taxable_won bigint NOT NULL,
        expense_ratio_bps int NOT NULL,
        remuneration_won bigint NOT NULL,
        worker_rate_bps int NOT NULL,
        employer_rate_bps int NOT NULL,
        covered boolean NOT NULL,
        worker_share_won bigint NOT NULL,
        employer_share_won bigint NOT NULL,
        -- Acquisition (취득) and loss (상실) falling in the month, as they stood when computed:
        -- the statutory report of a month never changes afterwards.
        acquired_on date,
        acquisition_reason text,
        lost_on date,
        loss_reason text,
        computed_at timestamptz NOT NULL,
        CONSTRAINT uq_insurance_monthly UNIQUE (member_id, month, plan)
      );
      CREATE INDEX ix_insurance_monthly_month ON insurance_monthly (month, plan);

      CREATE SEQUENCE insurance_interchange_seq;
      CREATE TABLE insurance_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        insurer_id uuid NOT NULL REFERENCES insurer(id),
        kind text NOT NULL CHECK (kind IN ('delta','full')),
        format text NOT NULL CHECK (format IN ('csv','x12-834')),
        status text NOT NULL CHECK (status IN ('queued','building','ready','failed')),
        control_no bigint NOT NULL DEFAULT nextval('insurance_interchange_seq') CONSTRAINT uq_insurance_batch_control UNIQUE,
        as_of date NOT NULL,
        record_count int,
        sha256 text,
        byte_size bigint,
        file_key text,
        error text,
        requested_by text NOT NULL,
        -- The daily schedule's batches are keyed by insurer and date, so a retried schedule makes one.
        schedule_key text CONSTRAINT uq_insurance_batch_schedule UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz
      );
      CREATE INDEX ix_insurance_batch_insurer ON insurance_batch (insurer_id, created_at DESC);

      CREATE TABLE insurance_batch_record (
        record_id text PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES insurance_batch(id),
        seq int NOT NULL,
        enrollment_id uuid NOT NULL REFERENCES insurance_enrollment(id),
        action text NOT NULL CHECK (action IN ('021','001','024','025','030')),
        -- What the file says, fixed when the batch is: a retried build writes the same file.
        plan text NOT NULL,
        member_no text NOT NULL,
        member_name text NOT NULL,
        birth_date date NOT NULL,
        gender text NOT NULL CHECK (gender IN ('M','F','U')),
        enrollment_status text NOT NULL,
        enrollment_certificate text,
        reason text,
        coverage_start date,
        coverage_end date,
        ack_status text CHECK (ack_status IN ('accepted','rejected')),
        certificate_no text,
        reject_code text,
        reject_message text,
        acked_at timestamptz,
        CONSTRAINT uq_insurance_batch_record_seq UNIQUE (batch_id, seq)
      );
      CREATE INDEX ix_insurance_batch_record_enrollment ON insurance_batch_record (enrollment_id);

    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE insurance_batch_record, insurance_batch, insurance_monthly, insurance_enrollment_history, insurance_enrollment, insurance_rate;
      DROP SEQUENCE insurance_interchange_seq;
    `);
  }
}
