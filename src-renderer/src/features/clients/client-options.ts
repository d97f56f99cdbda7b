import type { CurrencyView, ProfileView, ResellerView } from '@shared/views';
import { api } from '../../api';

export interface ClientOptions {
  resellers: ResellerView[];
  currencies: CurrencyView[];
  profiles: ProfileView[];
}

/** The choices the client form, the filters and the bulk actions offer. */
export async function loadClientOptions(): Promise<ClientOptions> {
  const [resellers, currencies, profiles] = await Promise.all([
    api['resellers.list']({}),
    api['currencies.list']({}),
    api['profiles.list']({ offset: 0, limit: 1000 }),
  ]);
  return { resellers, currencies, profiles: profiles.rows };
}

/** A profile as a select shows it: its name and, when several resellers exist, whose it is. */
export function profileOptions(profiles: ProfileView[], resellerId?: number) {
  return profiles
    .filter((profile) => resellerId === undefined || profile.resellerId === resellerId)
    .map((profile) => ({
      id: profile.id,
      label: resellerId === undefined ? `${profile.name} (${profile.resellerName})` : profile.name,
    }));
}
