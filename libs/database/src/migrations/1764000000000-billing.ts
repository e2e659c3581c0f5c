import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing: fee policies, the double-entry ledger (balanced by a deferred constraint
 * trigger, immutable by another), settlement runs with statements and lines, payroll
 * deductions (the insurance seam), payouts.
 */
export class Billing1764000000000 implements MigrationInterface {
  name = 'Billing1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fee_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        rate_bps int NOT NULL CONSTRAINT ck_fee_policy_rate CHECK (rate_bps BETWEEN 0 AND 10000),
        effective_from date NOT NULL CONSTRAINT uq_fee_policy_effective_from UNIQUE,
        note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO fee_policy (rate_bps, effective_from, note, created_by) VALUES
        (2000, '2020-07-01', 'The commercial rate Daegu dispatch firms moved to in July 2020', 'system'),
        (1000, '2020-09-01', 'The cooperative''s own rate from its start', 'system');

      ALTER TABLE delivery_order ADD COLUMN fee_rate_bps int, ADD COLUMN fee_policy_id uuid REFERENCES fee_policy(id);
      -- Deliveries made before billing existed get the fee of the policy in force then.
      UPDATE delivery_order o SET fee_policy_id = p.id, fee_rate_bps = p.rate_bps, fee_won = (o.fare_won * p.rate_bps) / 10000
        FROM fee_policy p
       WHERE o.status = 'delivered' AND o.fee_won IS NULL
         AND p.effective_from = (SELECT max(effective_from) FROM fee_policy
                                  WHERE effective_from <= (o.delivered_at AT TIME ZONE 'Asia/Seoul')::date);

      CREATE TABLE ledger_transaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        ref_type text NOT NULL,
        ref_id text NOT NULL,
        memo text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_ledger_transaction_ref UNIQUE (kind, ref_type, ref_id)
      );

      CREATE TABLE ledger_entry (
        id bigserial PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES ledger_transaction(id),
        account text NOT NULL,
        party_id uuid,
        debit_won bigint NOT NULL DEFAULT 0 CHECK (debit_won >= 0),
        credit_won bigint NOT NULL DEFAULT 0 CHECK (credit_won >= 0),
        CONSTRAINT ck_ledger_entry_one_side CHECK ((debit_won > 0) <> (credit_won > 0))
      );
      CREATE INDEX ix_ledger_entry_transaction ON ledger_entry (transaction_id);
      CREATE INDEX ix_ledger_entry_account ON ledger_entry (account, party_id);

      -- Σ debits = Σ credits for every transaction, checked at commit: an unbalanced
      -- transaction cannot be committed, whatever code writes it.
      CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE d bigint; c bigint;
      BEGIN
        SELECT coalesce(sum(debit_won), 0), coalesce(sum(credit_won), 0) INTO d, c
          FROM ledger_entry WHERE transaction_id = NEW.transaction_id;
        IF d <> c THEN
          RAISE EXCEPTION 'ledger transaction % is unbalanced: debits % <> credits %', NEW.transaction_id, d, c
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER trg_ledger_entry_balanced AFTER INSERT ON ledger_entry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

      -- Entries are immutable; corrections are new transactions.
      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger rows are immutable; post a correcting transaction' USING ERRCODE = 'restrict_violation';
      END $$;
      CREATE TRIGGER trg_ledger_entry_immutable BEFORE UPDATE OR DELETE ON ledger_entry
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
      CREATE TRIGGER trg_ledger_transaction_immutable BEFORE UPDATE OR DELETE ON ledger_transaction
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

      CREATE TABLE settlement_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL CHECK (status IN ('queued','running','done','failed')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        totals jsonb,
        error text,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT ck_settlement_run_period CHECK (period_end >= period_start),
        CONSTRAINT uq_settlement_run_period UNIQUE (period_start, period_end),
        CONSTRAINT ex_settlement_run_overlap EXCLUDE USING gist (daterange(period_start, period_end, '[]') WITH &&)
      );

      CREATE TABLE payroll_deduction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id),
        kind text NOT NULL CHECK (kind IN ('insurance_worker_share')),
        amount_won bigint NOT NULL CHECK (amount_won > 0),
        charged_on date NOT NULL,
        source_ref text NOT NULL,
        statement_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_payroll_deduction_source UNIQUE (kind, source_ref)
      );
      CREATE INDEX ix_payroll_deduction_open ON payroll_deduction (member_id, charged_on) WHERE statement_id IS NULL;

      CREATE TABLE settlement_statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES settlement_run(id),
        member_id uuid NOT NULL REFERENCES member(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        job_count int NOT NULL,
        gross_won bigint NOT NULL,
        fee_won bigint NOT NULL,
        earnings_won bigint NOT NULL,
        cash_fee_won bigint NOT NULL,
        insurance_won bigint NOT NULL,
        withholding_income_won bigint NOT NULL,
        withholding_local_won bigint NOT NULL,
        withholding_won bigint NOT NULL,
        carried_won bigint NOT NULL,
        net_won bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_settlement_statement_member_period UNIQUE (member_id, period_start),
        CONSTRAINT ck_settlement_statement_net CHECK (net_won = earnings_won - cash_fee_won - insurance_won - withholding_won + carried_won)
      );
      CREATE INDEX ix_settlement_statement_run ON settlement_statement (run_id, member_id);
      CREATE INDEX ix_settlement_statement_member ON settlement_statement (member_id, period_end DESC);

      CREATE TABLE settlement_line (
        order_id uuid PRIMARY KEY REFERENCES delivery_order(id),
        statement_id uuid NOT NULL REFERENCES settlement_statement(id),
        payment_method text NOT NULL,
        fare_won bigint NOT NULL,
        fee_won bigint NOT NULL,
        fee_rate_bps int NOT NULL,
        delivered_at timestamptz NOT NULL
      );
      CREATE INDEX ix_settlement_line_statement ON settlement_line (statement_id, delivered_at);

      CREATE TABLE payout (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL CONSTRAINT uq_payout_statement UNIQUE REFERENCES settlement_statement(id),
        run_id uuid NOT NULL REFERENCES settlement_run(id),
        member_id uuid NOT NULL REFERENCES member(id),
        amount_won bigint NOT NULL CHECK (amount_won > 0),
        status text NOT NULL CHECK (status IN ('pending','paid')),
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_payout_run ON payout (run_id, status);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE payout, settlement_line, settlement_statement, payroll_deduction, settlement_run;
      DROP TABLE ledger_entry, ledger_transaction;
      DROP FUNCTION ledger_check_balanced(), ledger_refuse_change();
      ALTER TABLE delivery_order DROP COLUMN fee_rate_bps, DROP COLUMN fee_policy_id;
      DROP TABLE fee_policy;
    `);
  }
}
