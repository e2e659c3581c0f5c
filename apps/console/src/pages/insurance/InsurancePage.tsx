import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function InsurancePage() {
  const { t } = useTranslation();
  return <Title order={3}>{t('nav.insurance')}</Title>;
}
