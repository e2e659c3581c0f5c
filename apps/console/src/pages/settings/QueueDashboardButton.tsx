import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { ns } from './texts';

const QUEUES_URL = '/admin/queues';

/**
 * The queue dashboard (bull-board) is outside the API and reads a cookie, not the bearer
 * token: ask the API for the cookie first, then open the dashboard in a new tab. The tab is
 * opened at once, while the click still counts as the user's, so no popup blocker stops it.
 */
export function QueueDashboardButton() {
  const { t } = useTranslation(ns);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    const tab = window.open('about:blank', '_blank');
    setBusy(true);
    try {
      await api.queuesSession();
      if (tab) {
        tab.opener = null;
        tab.location.href = QUEUES_URL;
      } else {
        window.open(QUEUES_URL, '_blank', 'noopener');
      }
    } catch (err) {
      tab?.close();
      notifications.show({ color: 'red', title: t('queues.failed'), message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" size="xs" loading={busy} onClick={() => void open()} data-testid="queues-open">
      {t('queues.open')}
    </Button>
  );
}
