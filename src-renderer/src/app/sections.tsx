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
import { ClientsSection } from '../features/clients/ClientsSection';
import { CurrenciesPage } from '../features/currencies/CurrenciesPage';
import { ImportExportPage } from '../features/import-export/ImportExportPage';
import { ProfilesPage } from '../features/profiles/ProfilesPage';
import { ResellersPage } from '../features/resellers/ResellersPage';
import { UsersPage } from '../features/users/UsersPage';
import { NotificationsSection } from '../features/notifications/NotificationsSection';
import { OverviewPage } from '../features/overview/OverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';

/** One entry of the navigation: its route (a hash path), its label and icon, and the page it shows. */
export interface Section {
  path: string;
  label: string;
  icon: Icon;
  component: ComponentType;
}

/**
 * The navigation registry, in menu order. A new section adds one entry here.
 * The first entry is where the app opens.
 */
export const sections: Section[] = [
  { path: '/overview', label: 'Overview', icon: IconGauge, component: OverviewPage },
  { path: '/profiles', label: 'Profiles', icon: IconFileAlert, component: ProfilesPage },
  { path: '/clients', label: 'Clients', icon: IconUserDollar, component: ClientsSection },
  { path: '/resellers', label: 'Resellers', icon: IconBuildingStore, component: ResellersPage },
  { path: '/users', label: 'Users', icon: IconUsers, component: UsersPage },
  { path: '/currencies', label: 'Currencies', icon: IconCoin, component: CurrenciesPage },
  { path: '/notifications', label: 'Notifications', icon: IconMailBolt, component: NotificationsSection },
  { path: '/settings', label: 'Settings', icon: IconSettings, component: SettingsPage },
  { path: '/import-export', label: 'Import / Export', icon: IconArrowsExchange, component: ImportExportPage },
];
