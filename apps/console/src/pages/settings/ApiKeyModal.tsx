import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ns } from './texts';

export interface RevealedKey {
  owner: string;
  apiKey: string;
  rotated: boolean;
}

/**
 * An API key, shown once: it is never fetched again, and closing the modal drops it. The
 * modal closes only on the explicit button, not on a stray click or Escape.
 */
export function ApiKeyModal({ revealed, onClose }: { revealed: RevealedKey | null; onClose: () => void }) {
  const { t } = useTranslation(ns);
  return (
    <Modal
      opened={revealed !== null}
      onClose={onClose}
      title={revealed ? t(revealed.rotated ? 'key.rotatedTitle' : 'key.createdTitle', { owner: revealed.owner }) : ''}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      size="lg"
    >
      {revealed && (
        <Stack data-testid="api-key-modal">
          <Alert color="orange" title={t('key.title', { owner: revealed.owner })}>
            {t('key.warning')}
            {revealed.rotated ? ` ${t('key.rotatedWarning')}` : ''}
          </Alert>
          <Code block data-testid="api-key-value" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {revealed.apiKey}
          </Code>
          <Group justify="space-between">
            <CopyButton value={revealed.apiKey} timeout={2000}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy} data-testid="api-key-copy">
                  {copied ? t('key.copied') : t('key.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose} data-testid="api-key-done">
              {t('key.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
