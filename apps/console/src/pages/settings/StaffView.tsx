import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSession } from '../../app/auth';
import { DataTable, type Column } from '../../components/DataTable';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorAlert, QueryState } from '../../components/PageState';
import { formatSeoul } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { newIdempotencyKey } from '../../lib/idempotency';
import { LAST_ADMIN, PAGE_LIMIT, STAFF_ROLES, api, keys, type StaffAccount } from './api';
import { generatePassword, lastPage, staffEdit } from './model';
import { ns } from './texts';

const FIELDS = ['login', 'password', 'name', 'roles'] as const;
const EDIT_FIELDS = ['name', 'roles'] as const;
const ACCOUNT_COLORS = { active: 'teal', inactive: 'gray' } as const;
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

const isLastAdmin = (error: unknown) => error instanceof ApiError && error.code === LAST_ADMIN;

/** The API's refusal to leave no active admin, said plainly. */
function LastAdminAlert() {
  const { t } = useTranslation(ns);
  return (
    <Alert color="red" role="alert" title={t('staff.lastAdminTitle')} data-testid="staff-last-admin">
      {t('staff.lastAdmin')}
    </Alert>
  );
}

/** Name and roles of an account; only what changed is sent. */
function EditStaff({ account, self, onDone }: { account: StaffAccount; self: boolean; onDone: (updated: StaffAccount) => void }) {
  const { t } = useTranslation(ns);
  const [name, setName] = useState(account.name);
  const [roles, setRoles] = useState<string[]>(account.roles);
  const changes = staffEdit(account, { name, roles }, STAFF_ROLES);
  const save = useMutation({ mutationFn: () => api.updateStaff(account.id, changes), onSuccess: onDone });
  const lastAdmin = isLastAdmin(save.error);
  const errors = formErrors(save.error, EDIT_FIELDS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} data-testid="staff-edit-form" noValidate>
      <Stack>
        {self && (
          <Alert color="yellow" p="xs">
            {t('staff.selfWarning')}
          </Alert>
        )}
        <TextInput label={t('staff.name')} name="name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.byField.name} required />
        <Checkbox.Group
          label={t('staff.roles')}
          description={t('staff.rolesChangedNote')}
          value={roles}
          onChange={setRoles}
          error={lastAdmin ? t('staff.lastAdminField') : errors.byField.roles}
          required
        >
          <Group mt={4}>
            {STAFF_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={t(`common:roles.${r}`)} data-testid={`staff-edit-role-${r}`} />
            ))}
          </Group>
        </Checkbox.Group>
        {lastAdmin ? <LastAdminAlert /> : <ErrorAlert error={errors.summary} other={errors.other} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={Object.keys(changes).length === 0} data-testid="staff-edit-submit">
            {t('staff.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Deactivate or reactivate an account, after a confirmation. */
function ToggleActive({ account, self, onDone, onCancel }: { account: StaffAccount; self: boolean; onDone: (updated: StaffAccount) => void; onCancel: () => void }) {
  const { t } = useTranslation(ns);
  const deactivating = account.active;
  const toggle = useMutation({ mutationFn: () => api.updateStaff(account.id, { active: !deactivating }), onSuccess: onDone });
  const errors = formErrors(toggle.error, []);
  return (
    <Stack data-testid="staff-active-confirm">
      <Text>{t(deactivating ? 'staff.deactivateConfirm' : 'staff.reactivateConfirm', { login: account.login, name: account.name })}</Text>
      {self && deactivating && (
        <Alert color="yellow" p="xs">
          {t('staff.selfWarning')}
        </Alert>
      )}
      {isLastAdmin(toggle.error) ? <LastAdminAlert /> : <ErrorAlert error={errors.summary} other={errors.other} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common:action.cancel')}
        </Button>
        <Button color={deactivating ? 'red' : 'teal'} loading={toggle.isPending} onClick={() => toggle.mutate()} data-testid="staff-active-submit">
          {t(deactivating ? 'staff.deactivate' : 'staff.reactivate')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * A new password for an account: one is made here (or typed), sent once, then shown once so
 * the admin can hand it over. It lives in this component's state only: not in the query
 * cache (the request closes over it), not in the browser's storage, and closing drops it.
 */
function ResetPassword({ account, self, onReset, onClose }: { account: StaffAccount; self: boolean; onReset: () => void; onClose: () => void }) {
  const { t } = useTranslation(ns);
  const [password, setPassword] = useState(() => generatePassword());
  const [done, setDone] = useState(false);
  const reset = useMutation({
    mutationFn: () => api.updateStaff(account.id, { password }),
    onSuccess: () => {
      setDone(true);
      onReset();
    },
  });
  const errors = formErrors(reset.error, ['password']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  if (done) {
    return (
      <Stack data-testid="staff-password-reset-done">
        <Alert color="orange" title={t('staff.resetDoneTitle')}>
          {t('staff.resetWarning', { login: account.login })}
        </Alert>
        <Code block data-testid="staff-new-password" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 18 }}>
          {password}
        </Code>
        <Group justify="space-between">
          <CopyButton value={password} timeout={2000}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('key.copied') : t('key.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose} data-testid="staff-password-done">
            {t('staff.resetDone')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} data-testid="staff-password-form" noValidate>
      <Stack>
        {self && (
          <Alert color="yellow" p="xs">
            {t('staff.selfWarning')}
          </Alert>
        )}
        <PasswordInput
          label={t('staff.newPassword')}
          description={t('staff.newPasswordHint')}
          name="new-password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.byField.password}
          required
        />
        <ErrorAlert error={errors.summary} other={errors.other} />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => setPassword(generatePassword())}>
            {t('staff.generate')}
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common:action.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={reset.isPending} data-testid="staff-password-submit">
              {t('staff.resetSubmit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

type Action = { kind: 'edit' | 'active' | 'password'; account: StaffAccount };

/**
 * Staff accounts (oldest first), a form to add one, and per account: edit name and roles,
 * deactivate or reactivate, reset the password. The API answers 403 to anyone but an admin.
 */
export function StaffView() {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const me = useSession();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const query = useQuery({ queryKey: keys.staff(page), queryFn: () => api.staff(page) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['settings', 'staff'] });
  const dimmed = (s: StaffAccount) => (s.active ? undefined : 'dimmed');
  const columns: Column<StaffAccount>[] = [
    {
      key: 'login',
      header: t('staff.login'),
      render: (s) => (
        <Text ff="monospace" size="sm" c={dimmed(s)} td={s.active ? undefined : 'line-through'}>
          {s.login}
          {s.id === me?.id ? (
            <Text span size="xs" c="dimmed" ff="inherit">
              {` (${t('staff.you')})`}
            </Text>
          ) : null}
        </Text>
      ),
      csv: (s) => s.login,
    },
    {
      key: 'name',
      header: t('staff.name'),
      render: (s) => (
        <Text size="sm" c={dimmed(s)}>
          {s.name}
        </Text>
      ),
      csv: (s) => s.name,
    },
    {
      key: 'roles',
      header: t('staff.roles'),
      render: (s) => (
        <Group gap={4}>
          {s.roles.map((r) => (
            <Badge key={r} variant="light" size="sm" color={s.active ? undefined : 'gray'}>
              {t(`common:roles.${r}`, { defaultValue: r })}
            </Badge>
          ))}
        </Group>
      ),
      csv: (s) => s.roles.map((r) => t(`common:roles.${r}`, { defaultValue: r })).join(' '),
    },
    {
      key: 'active',
      header: t('staff.status'),
      render: (s) => (
        <StatusBadge status={s.active ? 'active' : 'inactive'} colors={ACCOUNT_COLORS} testId="staff-status">
          {s.active ? t('staff.active') : t('staff.inactive')}
        </StatusBadge>
      ),
      csv: (s) => (s.active ? t('staff.active') : t('staff.inactive')),
    },
    { key: 'createdAt', header: t('staff.createdAt'), render: (s) => formatSeoul(s.createdAt), csv: (s) => formatSeoul(s.createdAt) },
    {
      key: 'actions',
      header: t('staff.actions'),
      render: (s) => (
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" variant="light" onClick={() => setAction({ kind: 'edit', account: s })} data-testid="staff-edit">
            {t('staff.edit')}
          </Button>
          <Button size="compact-xs" variant="light" color="orange" onClick={() => setAction({ kind: 'password', account: s })} data-testid="staff-reset-password">
            {t('staff.resetPassword')}
          </Button>
          <Button size="compact-xs" variant="light" color={s.active ? 'red' : 'teal'} onClick={() => setAction({ kind: 'active', account: s })} data-testid="staff-toggle-active">
            {s.active ? t('staff.deactivate') : t('staff.reactivate')}
          </Button>
        </Group>
      ),
    },
  ];
  const created = (account: StaffAccount) => {
    setAdding(false);
    notifications.show({ color: 'teal', message: t('staff.created', { login: account.login }) });
    // Accounts are listed oldest first: show the page the new one is on.
    setPage(lastPage((query.data?.total ?? 0) + 1, PAGE_LIMIT));
    refresh();
  };
  const changed = (message: string) => {
    setAction(null);
    notifications.show({ color: 'teal', message });
    refresh();
  };
  const close = () => setAction(null);
  const self = action?.account.id === me?.id;
  const title =
    action?.kind === 'edit'
      ? t('staff.editTitle', { login: action.account.login })
      : action?.kind === 'password'
        ? t('staff.resetTitle', { login: action.account.login })
        : action?.kind === 'active'
          ? t(action.account.active ? 'staff.deactivateTitle' : 'staff.reactivateTitle')
          : '';
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
      {/* A password once reset is on screen: only the explicit button closes it. */}
      <Modal opened={action !== null} onClose={close} title={title} closeOnClickOutside={action?.kind !== 'password'} closeOnEscape={action?.kind !== 'password'}>
        {action?.kind === 'edit' && (
          <EditStaff key={action.account.id} account={action.account} self={self} onDone={(u) => changed(t('staff.saved', { login: u.login }))} />
        )}
        {action?.kind === 'active' && (
          <ToggleActive
            key={action.account.id}
            account={action.account}
            self={self}
            onCancel={close}
            onDone={(u) => changed(t(u.active ? 'staff.reactivated' : 'staff.deactivated', { login: u.login }))}
          />
        )}
        {action?.kind === 'password' && <ResetPassword key={action.account.id} account={action.account} self={self} onReset={refresh} onClose={close} />}
      </Modal>
    </Stack>
  );
}
