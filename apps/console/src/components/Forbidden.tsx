import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page the signed-in roles may not open (what it is, if said, below the title). */
export function Forbidden({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('state.forbidden')} data-testid="forbidden">
      {children}
    </Alert>
  );
}
