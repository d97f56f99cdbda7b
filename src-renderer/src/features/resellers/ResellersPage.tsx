import { useCallback } from 'react';
import type { ResellerView } from '@shared/views';
import { api } from '../../api';
import { CatalogPage } from '../../components/CatalogPage';
import { ResellerFormModal } from './ResellerFormModal';

export function ResellersPage() {
  const load = useCallback((search: string | undefined) => api['resellers.list']({ search }), []);
  return (
    <CatalogPage<ResellerView>
      title="Resellers"
      noun="reseller"
      load={load}
      nameOf={(r) => r.name}
      columns={[
        { key: 'email', header: 'Email', render: (r) => r.email },
        { key: 'users', header: 'Users', width: 90, align: 'right', render: (r) => r.userCount },
        { key: 'profiles', header: 'Profiles', width: 90, align: 'right', render: (r) => r.profileCount },
        { key: 'clients', header: 'Clients', width: 90, align: 'right', render: (r) => r.clientCount },
      ]}
      Form={ResellerFormModal}
      remove={(r) => api['resellers.delete']({ id: r.id })}
      emptyText="Resellers own profiles and clients, and receive the User Notification e-mails that have Notify ticked. Add the first one."
    />
  );
}
