import {
  IconArrowsExchange,
  IconBuildingStore,
  IconCoin,
  IconFileAlert,
  IconGauge,
  IconMailBolt,
  IconSettings,
  IconUserDollar,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { lazyComponent } from '../components/lazy-component';

/**
 * One entry of the navigation: its route (a hash path), its label and icon, and the page it shows, which
 * loads as its own chunk the first time the section opens.
 */
export interface Section {
  path: string;
  label: string;
  icon: Icon;
  component: ComponentType & { preload: () => Promise<unknown> };
}

/**
 * The navigation registry, in menu order. A new section adds one entry here.
 * The first entry is where the app opens.
 */
export const sections: Section[] = [
  {
    path: '/overview',
    label: 'Overview',
    icon: IconGauge,
    component: lazyComponent(() => import('../features/overview/OverviewPage').then((m) => m.OverviewPage)),
  },
  {
    path: '/profiles',
    label: 'Profiles',
    icon: IconFileAlert,
    component: lazyComponent(() => import('../features/profiles/ProfilesPage').then((m) => m.ProfilesPage)),
  },
  {
    path: '/clients',
    label: 'Clients',
    icon: IconUserDollar,
    component: lazyComponent(() =>
      import('../features/clients/ClientsSection').then((m) => m.ClientsSection),
    ),
  },
  {
    path: '/resellers',
    label: 'Resellers',
    icon: IconBuildingStore,
    component: lazyComponent(() =>
      import('../features/resellers/ResellersPage').then((m) => m.ResellersPage),
    ),
  },
  {
    path: '/users',
    label: 'Users',
    icon: IconUsers,
    component: lazyComponent(() => import('../features/users/UsersPage').then((m) => m.UsersPage)),
  },
  {
    path: '/currencies',
    label: 'Currencies',
    icon: IconCoin,
    component: lazyComponent(() =>
      import('../features/currencies/CurrenciesPage').then((m) => m.CurrenciesPage),
    ),
  },
  {
    path: '/notifications',
    label: 'Notifications',
    icon: IconMailBolt,
    component: lazyComponent(() =>
      import('../features/notifications/NotificationsSection').then((m) => m.NotificationsSection),
    ),
  },
  {
    path: '/settings',
    label: 'Settings',
    icon: IconSettings,
    component: lazyComponent(() => import('../features/settings/SettingsPage').then((m) => m.SettingsPage)),
  },
  {
    path: '/import-export',
    label: 'Import / Export',
    icon: IconArrowsExchange,
    component: lazyComponent(() =>
      import('../features/import-export/ImportExportPage').then((m) => m.ImportExportPage),
    ),
  },
];

/** The section a hash path belongs to (the first, where the app opens, for any other path). */
export function sectionAt(path: string): Section {
  return sections.find((s) => path === s.path || path.startsWith(`${s.path}/`)) ?? sections[0];
}
