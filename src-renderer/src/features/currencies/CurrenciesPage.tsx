import { Badge, Text } from '@mantine/core';
import { useCallback } from 'react';
import { formatRate } from '@shared/money';
import type { CurrencyView } from '@shared/views';
import { api } from '../../api';
import { CatalogPage } from '../../components/CatalogPage';
import { CurrencyFormModal } from './CurrencyFormModal';

export function CurrenciesPage() {
  const load = useCallback((search: string | undefined) => api['currencies.list']({ search }), []);
  return (
    <CatalogPage<CurrencyView>
      title="Currencies"
      noun="currency"
      load={load}
      nameOf={(c) => c.code}
      nameHeader="Code"
      columns={[
        { key: 'name', header: 'Name', render: (c) => c.name },
        {
          key: 'rate',
          header: 'Rate',
          width: 140,
          align: 'right',
          render: (c) =>
            c.rateE8 === null ? (
              <Text span size="sm" c="orange" title="Clients in this currency are skipped when converting">
                No rate
              </Text>
            ) : (
              formatRate(c.rateE8)
            ),
        },
        {
          key: 'base',
          header: 'Base',
          width: 90,
          render: (c) => (c.isBase ? <Badge variant="light">Base</Badge> : null),
        },
        { key: 'profiles', header: 'Profiles', width: 90, align: 'right', render: (c) => c.profileCount },
        { key: 'clients', header: 'Clients', width: 90, align: 'right', render: (c) => c.clientCount },
      ]}
      Form={CurrencyFormModal}
      remove={(c) => api['currencies.delete']({ id: c.id })}
      emptyText="Add the currencies your clients are billed in. The first one becomes the base currency; give the others a rate against it."
    />
  );
}
