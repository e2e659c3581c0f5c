import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allClients, partyKeys } from '../../api/parties';
import { StatusBadge } from '../../components/StatusBadge';
import { ORDER_STATUS_COLORS } from '../../lib/domain';
import { getMember, orderKeys } from './api';
import { ns } from './texts';

/** An order's status as a badge (data-testid="order-status" unless told otherwise). */
export function OrderStatusBadge({ status, testId = 'order-status' }: { status: string; testId?: string }) {
  const { t } = useTranslation(ns);
  return (
    <StatusBadge status={status} colors={ORDER_STATUS_COLORS} testId={testId}>
      {t(`status.${status}`, { defaultValue: status })}
    </StatusBadge>
  );
}

/** Every business client, for pickers and names (GET /admin/clients: all staff). */
export function useClients() {
  return useQuery({ queryKey: partyKeys.clients, queryFn: allClients, staleTime: 60_000 });
}

/** A client's name, or the head of its id until the list has it. */
export function ClientName({ id }: { id: string }) {
  const clients = useClients();
  return <>{clients.data?.find((c) => c.id === id)?.name ?? id.slice(0, 8)}</>;
}

/** A courier's name (and member number), looked up once and linked to the register. */
export function MemberName({ id, link = true }: { id: string | null | undefined; link?: boolean }) {
  const member = useQuery({ queryKey: orderKeys.member(id ?? ''), queryFn: () => getMember(id as string), enabled: !!id, staleTime: 5 * 60_000, retry: false });
  if (!id) return <>—</>;
  const label = member.data ? `${member.data.name}${member.data.memberNo ? ` (${member.data.memberNo})` : ''}` : id.slice(0, 8);
  return link ? (
    <Anchor component={Link} to={`/members/${id}`} size="sm" onClick={(e) => e.stopPropagation()}>
      {label}
    </Anchor>
  ) : (
    <>{label}</>
  );
}
