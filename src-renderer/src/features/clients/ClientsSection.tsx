import { useRoute } from 'wouter';
import { ClientPage } from './ClientPage';
import { ClientsPage } from './ClientsPage';

/** `/clients` lists the clients; `/clients/:id` is one client's page. */
export function ClientsSection() {
  const [isClientPage, params] = useRoute<{ id: string }>('/clients/:id');
  const id = isClientPage ? Number(params.id) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? <ClientPage key={id} id={id} /> : <ClientsPage />;
}
