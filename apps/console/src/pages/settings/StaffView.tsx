import { Badge, Button, Checkbox, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { formatSeoul } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { PAGE_LIMIT, STAFF_ROLES, api, keys, type StaffAccount } from './api';
import { lastPage } from './model';
import { ns } from './texts';

const FIELDS = ['login', 'password', 'name', 'roles'] as const;
const EMPTY = { login: '', password: '', name: '', roles: [] as string[] };

function StaffForm({ onCreated }: { onCreated: (created: StaffAccount) => void }) {
  const { t } = useTranslation(ns);
  const [values, setValues] = useState(EMPTY);
  // One key per account being created: a retried request cannot make two; a refused one frees it.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: () => api.createStaff({ ...values, login: values.login.trim(), name: values.name.trim() }, idempotencyKey),
    onSuccess: (created) => {
      setValues(EMPTY);
      setIdempotencyKey(newIdempotencyKey());
      onCreated(created);
    },
  });
  const errors = formErrors(create.error, FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} data-testid="staff-form" noValidate>
      <Stack>
        <TextInput
          label={t('staff.login')}
          description={t('staff.loginHint')}
          name="login"
          autoComplete="off"
          value={values.login}
          onChange={(e) => setValues({ ...values, login: e.currentTarget.value })}
          error={errors.byField.login}
          required
        />
        <PasswordInput
          label={t('staff.password')}
          description={t('staff.passwordHint')}
          name="password"
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
          error={errors.byField.password}
          wrapperProps={{ 'data-testid': 'staff-password-field' }}
          required
        />
        <TextInput label={t('staff.name')} name="name" value={values.name} onChange={(e) => setValues({ ...values, name: e.currentTarget.value })} error={errors.byField.name} required />
        <Checkbox.Group label={t('staff.roles')} value={values.roles} onChange={(roles) => setValues({ ...values, roles })} error={errors.byField.roles} required>
          <Group mt={4}>
            {STAFF_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={t(`common:roles.${r}`)} data-testid={`staff-role-${r}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <ErrorAlert error={errors.summary} other={errors.other} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="staff-submit">
            {t('staff.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Staff accounts (oldest first) and a form to add one; the API answers 403 to anyone but an admin. */
export function StaffView() {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const query = useQuery({ queryKey: keys.staff(page), queryFn: () => api.staff(page) });
  const columns: Column<StaffAccount>[] = [
    {
      key: 'login',
      header: t('staff.login'),
      render: (s) => (
        <Text ff="monospace" size="sm">
          {s.login}
        </Text>
      ),
      csv: (s) => s.login,
    },
    { key: 'name', header: t('staff.name'), render: (s) => s.name, csv: (s) => s.name },
    {
      key: 'roles',
      header: t('staff.roles'),
      render: (s) => (
        <Group gap={4}>
          {s.roles.map((r) => (
            <Badge key={r} variant="light" size="sm">
              {t(`common:roles.${r}`, { defaultValue: r })}
            </Badge>
          ))}
        </Group>
      ),
      csv: (s) => s.roles.join(' '),
    },
    {
      key: 'active',
      header: t('staff.status'),
      render: (s) => <Badge color={s.active ? 'teal' : 'gray'}>{s.active ? t('staff.active') : t('staff.inactive')}</Badge>,
      csv: (s) => (s.active ? 'active' : 'inactive'),
    },
    { key: 'createdAt', header: t('staff.createdAt'), render: (s) => formatSeoul(s.createdAt), csv: (s) => formatSeoul(s.createdAt) },
  ];
  const created = (account: StaffAccount) => {
    setAdding(false);
    notifications.show({ color: 'teal', message: t('staff.created', { login: account.login }) });
    // Accounts are listed oldest first: show the page the new one is on.
    setPage(lastPage((query.data?.total ?? 0) + 1, PAGE_LIMIT));
    void queryClient.invalidateQueries({ queryKey: ['settings', 'staff'] });
  };
  return (
    <Stack>
      <Group justify="flex-end">
        <Button onClick={() => setAdding(true)} data-testid="staff-add">
          {t('staff.add')}
        </Button>
      </Group>
      <QueryState query={query} empty={(d) => d.items.length === 0}>
        {(d) => (
          <DataTable rows={d.items} columns={columns} rowKey={(s) => s.id} total={d.total} page={d.page} limit={d.limit} onPage={setPage} csvName="staff-accounts.csv" />
        )}
      </QueryState>
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('staff.formTitle')}>
        <StaffForm onCreated={created} />
      </Modal>
    </Stack>
  );
}
