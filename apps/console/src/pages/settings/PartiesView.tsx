import { Badge, Button, Checkbox, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { partyKeys } from '../../api/parties';
import type { Client, Insurer } from '../../api/types';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { INSURANCE_PLANS } from '../../lib/domain';
import { formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { PAGE_LIMIT, api, keys, type IssuedKey } from './api';
import { ApiKeyModal, type RevealedKey } from './ApiKeyModal';
import { lastPage } from './model';
import { ns } from './texts';

type Kind = 'insurers' | 'clients';

/** The short, non-secret id of a key, enough to tell keys apart. */
const keyLabel = (id: string | null) => (id ? `${id.slice(0, 8)}…` : null);

/** "Rotate key" on a row: asks first, then shows the new key once. */
function RotateKey({ owner, ownerId, onRotated }: { owner: string; ownerId: string; onRotated: (revealed: RevealedKey) => void }) {
  const { t } = useTranslation(ns);
  const [asking, setAsking] = useState(false);
  const rotate = useMutation({
    // By the owner's id: it names their one active key even if the list is a moment old.
    mutationFn: () => api.rotateKey(ownerId),
    onSuccess: (issued) => {
      setAsking(false);
      onRotated({ owner, apiKey: issued.apiKey, rotated: true });
      rotate.reset(); // the key lives on in the modal only
    },
  });
  const errors = formErrors(rotate.error, []);
  return (
    <>
      <Button size="xs" variant="light" color="orange" onClick={() => setAsking(true)} data-testid="rotate-key">
        {t('party.rotate')}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('key.confirmTitle')}>
        <Stack>
          <Text>{t('key.confirm', { owner })}</Text>
          <ErrorAlert error={errors.summary} other={errors.other} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>
              {t('common:action.cancel')}
            </Button>
            <Button color="orange" loading={rotate.isPending} onClick={() => rotate.mutate()} data-testid="rotate-confirm">
              {t('key.confirmSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

const INSURER_FIELDS = ['name', 'plans'] as const;
const CLIENT_FIELDS = ['name', 'businessNo', 'creditAccount'] as const;

function InsurerForm({ onCreated }: { onCreated: (created: Insurer & IssuedKey) => void }) {
  const { t } = useTranslation(ns);
  const [name, setName] = useState('');
  const [plans, setPlans] = useState<string[]>([]);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation({ mutationFn: () => api.createInsurer({ name: name.trim(), plans }, idempotencyKey), onSuccess: onCreated });
  const errors = formErrors(create.error, INSURER_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} data-testid="insurer-form" noValidate>
      <Stack>
        <TextInput label={t('party.name')} name="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.byField.name} required />
        <Checkbox.Group label={t('insurer.plans')} value={plans} onChange={setPlans} error={errors.byField.plans} required>
          <Group mt={4}>
            {INSURANCE_PLANS.map((p) => (
              <Checkbox key={p} value={p} label={t(`plan.${p}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <ErrorAlert error={errors.summary} other={errors.other} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="insurer-submit">
            {t('insurer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ClientForm({ onCreated }: { onCreated: (created: Client & IssuedKey) => void }) {
  const { t } = useTranslation(ns);
  const [name, setName] = useState('');
  const [businessNo, setBusinessNo] = useState('');
  const [creditAccount, setCreditAccount] = useState(false);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: () => api.createClient({ name: name.trim(), businessNo: businessNo.trim(), creditAccount }, idempotencyKey),
    onSuccess: onCreated,
  });
  const errors = formErrors(create.error, CLIENT_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} data-testid="client-form" noValidate>
      <Stack>
        <TextInput label={t('client.name')} name="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.byField.name} required />
        <TextInput
          label={t('client.businessNo')}
          description={t('client.businessNoHint')}
          name="businessNo"
          inputMode="numeric"
          value={businessNo}
          onChange={(e) => setBusinessNo(e.currentTarget.value)}
          error={errors.byField.businessNo}
          required
        />
        <Switch label={t('client.creditAccount')} checked={creditAccount} onChange={(e) => setCreditAccount(e.currentTarget.checked)} error={errors.byField.creditAccount} />
        <ErrorAlert error={errors.summary} other={errors.other} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="client-submit">
            {t('client.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Insurers or business clients with their API keys: a key is shown once, after the party
 * is registered or its key rotated. The API answers 403 to anyone but an admin.
 */
export function PartiesView({ kind }: { kind: Kind }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<RevealedKey | null>(null);
  const query = useQuery<{ items: (Insurer | Client)[]; total: number; page: number; limit: number }>({
    queryKey: kind === 'insurers' ? keys.insurers(page) : keys.clients(page),
    queryFn: () => (kind === 'insurers' ? api.insurers(page) : api.clients(page)),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['settings', kind] });
    void queryClient.invalidateQueries({ queryKey: partyKeys.all });
  };
  const created = (party: (Insurer | Client) & IssuedKey) => {
    setAdding(false);
    setRevealed({ owner: party.name, apiKey: party.apiKey, rotated: false });
    setPage(lastPage((query.data?.total ?? 0) + 1, PAGE_LIMIT));
    refresh();
  };
  const rotated = (r: RevealedKey) => {
    setRevealed(r);
    refresh();
  };

  const columns: Column<Insurer | Client>[] =
    kind === 'insurers'
      ? [
          { key: 'name', header: t('party.name'), render: (p) => p.name, csv: (p) => p.name },
          {
            key: 'plans',
            header: t('insurer.plans'),
            render: (p) => (
              <Group gap={4}>
                {(p as Insurer).plans.map((pl) => (
                  <Badge key={pl} variant="light" size="sm">
                    {t(`plan.${pl}`, { defaultValue: pl })}
                  </Badge>
                ))}
              </Group>
            ),
            csv: (p) => (p as Insurer).plans.join(' '),
          },
        ]
      : [
          { key: 'name', header: t('client.name'), render: (p) => p.name, csv: (p) => p.name },
          { key: 'businessNo', header: t('client.businessNo'), render: (p) => (p as Client).businessNo, csv: (p) => (p as Client).businessNo },
          {
            key: 'credit',
            header: t('client.creditAccount'),
            render: (p) => ((p as Client).creditAccount ? t('yes') : t('no')),
            csv: (p) => ((p as Client).creditAccount ? 'yes' : 'no'),
          },
        ];
  columns.push(
    { key: 'apiKey', header: t('party.apiKey'), render: (p) => <Text ff="monospace" size="sm">{keyLabel(p.apiKeyId) ?? t('party.noKey')}</Text>, csv: (p) => p.apiKeyId ?? '' },
    { key: 'actions', header: '', render: (p) => (p.apiKeyId ? <RotateKey owner={p.name} ownerId={p.id} onRotated={rotated} /> : null) },
  );

  const prefix = kind === 'insurers' ? 'insurer' : 'client';
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setAdding(true)} data-testid={`${prefix}-add`}>
          {t(`${prefix}.add`)}
        </Button>
      </Group>
      <QueryState query={query} empty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable rows={d.items} columns={columns} rowKey={(p) => p.id} total={d.total} page={d.page} limit={d.limit} onPage={setPage} csvName={`${kind}.csv`} />
        )}
      </QueryState>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t(`${prefix}.formTitle`)}>
        {kind === 'insurers' ? <InsurerForm onCreated={created} /> : <ClientForm onCreated={created} />}
      </Modal>
      <ApiKeyModal revealed={revealed} onClose={() => setRevealed(null)} />
    </Stack>
  );
}
