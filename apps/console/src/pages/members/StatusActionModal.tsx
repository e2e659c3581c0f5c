import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/PageState';
import { seoulDate } from '../../lib/format';
import { formErrors } from '../../lib/forms';
import { keys, membersApi } from './api';
import { actionBody, actionForm, type MemberAction } from './model';
import { ReasonField } from './parts';
import { ns } from './texts';

export interface PendingAction {
  action: MemberAction;
  member: { id: string; name: string };
}

const DANGER: MemberAction[] = ['reject', 'suspend', 'withdraw'];

/**
 * Confirms a status change and asks for what the API needs (a reason, an effective date);
 * the API's field errors show beside the fields. On success every members query refreshes.
 */
export function StatusActionModal({ pending, onClose }: { pending: PendingAction | null; onClose: () => void }) {
  return (
    <Modal opened={pending !== null} onClose={onClose} title={pending ? <ActionTitle action={pending.action} /> : null} centered>
      {/* Keyed, so each opening starts with an empty form and a fresh mutation. */}
      {pending && <ActionForm key={`${pending.member.id}:${pending.action}`} pending={pending} onClose={onClose} />}
    </Modal>
  );
}

function ActionTitle({ action }: { action: MemberAction }) {
  const { t } = useTranslation(ns);
  return <>{t(`action.${action}`)}</>;
}

function ActionForm({ pending, onClose }: { pending: PendingAction; onClose: () => void }) {
  const { t } = useTranslation(ns);
  const queryClient = useQueryClient();
  const { action, member } = pending;
  const form = actionForm(action);
  const [reason, setReason] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(() => seoulDate());
  const change = useMutation({
    mutationFn: () => membersApi.change(member.id, action, actionBody(action, { reason, effectiveDate })),
    onSuccess: (updated) => {
      notifications.show({ color: 'teal', message: t(`done.${action}`, { memberNo: updated.memberNo ?? '—' }) });
      void queryClient.invalidateQueries({ queryKey: keys.all });
      onClose();
    },
  });
  const { byField, summary } = formErrors(change.error, ['reason', 'effectiveDate']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={submit} noValidate data-testid="action-form">
      <Stack>
        <Text size="sm">{t(`confirm.${action}`, { name: member.name })}</Text>
        {form.reason !== 'none' && (
          <ReasonField
            label={form.reason === 'required' ? t('field.reason') : t('confirm.reasonOptional')}
            required={form.reason === 'required'}
            value={reason}
            onChange={setReason}
            error={byField.reason}
            testId="action-reason"
          />
        )}
        {form.effectiveDate && (
          <TextInput
            type="date"
            label={t('field.effectiveDate')}
            withAsterisk
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.currentTarget.value)}
            error={byField.effectiveDate}
            data-testid="action-effective-date"
          />
        )}
        <ErrorAlert error={summary} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="action-cancel">
            {t('common:action.cancel')}
          </Button>
          <Button type="submit" color={DANGER.includes(action) ? 'red' : undefined} loading={change.isPending} data-testid="action-confirm">
            {t(`action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
