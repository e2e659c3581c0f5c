import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: staff, members and their PII, share capital, auth tokens, API keys and their
 * owners, the audit log, the transactional outbox, idempotency records.
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_state (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE staff_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL
          CONSTRAINT ck_staff_account_roles
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin','dispatcher','accountant']::text[]),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_staff_account_login ON staff_account (lower(login));

      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_no text CONSTRAINT uq_member_member_no UNIQUE,
        status text NOT NULL
          CONSTRAINT ck_member_status
          CHECK (status IN ('applicant','active','suspended','withdrawn','rejected')),
        name text NOT NULL,
        phone text NOT NULL CONSTRAINT uq_member_phone UNIQUE,
        password_hash text NOT NULL,
        birth_date date NOT NULL,
        rrn_ciphertext text NOT NULL,
        rrn_key_id text NOT NULL,
        rrn_hash text NOT NULL CONSTRAINT uq_member_rrn_hash UNIQUE,
        rrn_masked text NOT NULL,
        vehicle_type text NOT NULL
          CONSTRAINT ck_member_vehicle_type
          CHECK (vehicle_type IN ('motorcycle','damas','labo','truck_1t')),
        bank_name text NOT NULL,
        bank_account_ciphertext text NOT NULL,
        bank_account_key_id text NOT NULL,
        bank_account_masked text NOT NULL,
        account_holder text NOT NULL,
        privacy_consented_at timestamptz NOT NULL,
        insurance_consented_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL,
        approved_at timestamptz,
        withdrawal_effective_on date,
        status_reason text,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_member_no_when_approved CHECK (status IN ('applicant','rejected') OR member_no IS NOT NULL)
      );
      CREATE INDEX ix_member_status ON member (status, applied_at);
      CREATE INDEX ix_member_name ON member (name);

      CREATE TABLE member_no_counter (
        year int PRIMARY KEY,
        last_value int NOT NULL
      );

      CREATE TABLE member_status_change (
        id bigserial PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES member(id),
        from_status text,
        to_status text NOT NULL,
        reason text,
        effective_on date,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX ix_member_status_change_member ON member_status_change (member_id, id);

      CREATE TABLE share_capital_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id),
        kind text NOT NULL CONSTRAINT ck_share_capital_entry_kind CHECK (kind IN ('payment','refund')),
        amount_won bigint NOT NULL CONSTRAINT ck_share_capital_entry_amount CHECK (amount_won > 0),
        paid_on date NOT NULL,
        note text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_share_capital_entry_member ON share_capital_entry (member_id, paid_on, created_at);

      CREATE TABLE share_refund (
        member_id uuid PRIMARY KEY REFERENCES member(id),
        amount_won bigint NOT NULL CHECK (amount_won >= 0),
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled','paid')),
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz
      );

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        subject_type text NOT NULL CHECK (subject_type IN ('staff','courier')),
        subject_id uuid NOT NULL,
        token_hash text NOT NULL CONSTRAINT uq_refresh_token_hash UNIQUE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text,
        replaced_by uuid
      );
      CREATE INDEX ix_refresh_token_family ON refresh_token (family_id);
      CREATE INDEX ix_refresh_token_expires ON refresh_token (expires_at);

      CREATE TABLE insurer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        plans text[] NOT NULL
          CONSTRAINT ck_insurer_plans
          CHECK (cardinality(plans) > 0 AND plans <@ ARRAY['group_accident','employment','industrial_accident']::text[]),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_insurer_name ON insurer (lower(name));

      CREATE TABLE client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        business_no text NOT NULL CONSTRAINT uq_client_business_no UNIQUE,
        credit_account boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_type text NOT NULL CHECK (owner_type IN ('insurer','client')),
        owner_id uuid NOT NULL,
        prefix text NOT NULL CONSTRAINT uq_api_key_prefix UNIQUE,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        replaced_by uuid,
        last_used_at timestamptz
      );
      CREATE UNIQUE INDEX uq_api_key_active_owner ON api_key (owner_type, owner_id) WHERE revoked_at IS NULL;

      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        reason text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id text,
        ip text
      );
      CREATE INDEX ix_audit_log_at ON audit_log (at DESC, id DESC);
      CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id);
      CREATE INDEX ix_audit_log_actor ON audit_log (actor_id);

      CREATE TABLE outbox_event (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      );
      CREATE INDEX ix_outbox_event_pending ON outbox_event (id) WHERE dispatched_at IS NULL;

      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('dure_outbox', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER trg_outbox_event_notify AFTER INSERT ON outbox_event
        FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

      CREATE TABLE event_inbox (
        event_id bigint NOT NULL,
        consumer text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      );

      CREATE TABLE idempotency_record (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('in_progress','done')),
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX ix_idempotency_record_expires ON idempotency_record (expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_record, event_inbox;
      DROP TRIGGER trg_outbox_event_notify ON outbox_event;
      DROP FUNCTION notify_outbox();
      DROP TABLE outbox_event, audit_log, api_key, client, insurer, refresh_token, share_refund,
        share_capital_entry, member_status_change, member_no_counter, member, staff_account, app_state;
    `);
  }
}
