import { useCallback } from 'react';
import type { UserView } from '@shared/views';
import { api } from '../../api';
import { CatalogPage } from '../../components/CatalogPage';
import { UserFormModal } from './UserFormModal';

export function UsersPage() {
  const load = useCallback((search: string | undefined) => api['users.list']({ search }), []);
  return (
    <CatalogPage<UserView>
      title="Users"
      noun="user"
      load={load}
      nameOf={(u) => u.name}
      columns={[
        { key: 'email', header: 'Email', render: (u) => u.email },
        { key: 'reseller', header: 'Reseller', render: (u) => u.resellerName ?? '—' },
      ]}
      Form={UserFormModal}
      remove={(u) => api['users.delete']({ id: u.id })}
      deleteConsequence={() => 'The user is also removed from the User Notification of every profile.'}
      emptyText="Users are your staff: pick them in a profile's User Notification to e-mail them when a client's balance runs low."
    />
  );
}
