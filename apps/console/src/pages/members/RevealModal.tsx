import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/PageState';
import { formErrors } from '../../lib/forms';
import { membersApi } from './api';
import { ReasonField } from './parts';
import { ns } from './texts';

export type RevealField = 'rrn' | 'bankAccount';

/**
 * The audited reveal of an RRN or account number. The clear value lives only in this
 * dialog's mutation (gcTime 0, never in the query cache) and is dropped when it closes.
 */
export function RevealModal({ memberId, field, onClose }: { memberId: string; field: RevealField | null; onClose: () => void }) {
  const { t } = useTranslation(ns);
  return (
    <Modal opened={field !== null} onClose={onClose} title={t('reveal.title')} centered>
      {field && <RevealForm key={field} memberId={memberId} field={field} onClose={onClose} />}
    </Modal>
  );
}

function RevealForm({ memberId, field, onClose }: { memberId: string; field: RevealField; onClose: () => void }) {
  const { t } = useTranslation(ns);
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    mutationFn: () => membersApi.reveal(memberId, field, reason.trim()),
    // Nothing of the answer is kept once this form unmounts.
    gcTime: 0,
  });
  const close = () => {
    reveal.reset();
    setReason('');
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reveal.mutate();
  };
  const { byField, summary } = formErrors(reveal.error, ['reason']);
  const label = field === 'rrn' ? t('field.rrn') : t('field.bankAccount');
  return (
    <form onSubmit={submit} noValidate data-testid="reveal-form">
      <Stack>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        {reveal.data ? (
          <Alert color="yellow" title={t('reveal.value')}>
            <Code fz="lg" data-testid="revealed-value">
              {reveal.data.value}
            </Code>
          </Alert>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('reveal.warning')}
            </Text>
            <ReasonField label={t('field.reason')} required value={reason} onChange={setReason} error={byField.reason} testId="reveal-reason" />
            <ErrorAlert error={summary} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-testid="reveal-close">
            {t('common:action.close')}
          </Button>
          {!reveal.data && (
            <Button type="submit" color="orange" loading={reveal.isPending} data-testid="reveal-submit">
              {t('reveal.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
