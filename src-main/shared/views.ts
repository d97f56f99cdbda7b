import type { QuietHours } from './quiet-hours';
import type { Duration } from './duration';

/** Shapes the core returns to the UI. Amounts are integers of 1/10,000; times are epoch ms. */

import type { RuleKind } from './rule-kinds';

export type { RuleKind };

export interface RuleView {
  /** 0 for a rule that has no row yet. */
  id: number;
  kind: RuleKind;
  /** null = the rule is off. */
  threshold: number | null;
  notify: boolean;
  userIds: number[];
  emails: string[];
  inactivity: Duration | null;
  /** The Runway condition in whole days (advanced rules), null = none. */
  runwayDays: number | null;
}

/** The reseller a client or a profile belongs to and the currency of its amounts. */
export interface ResellerAndCurrency {
  resellerId: number;
  resellerName: string;
  currencyId: number;
  currencyCode: string;
}

export interface ProfileView extends ResellerAndCurrency {
  id: number;
  name: string;
  sortOrder: number;
  maxQty: number;
  period: Duration;
  mostUrgentOnly: boolean;
  recoveryNotice: boolean;
  /** Null: notifications go out at any time. */
  quietHours: QuietHours | null;
  userNotification: RuleView;
  clientNotification: RuleView;
  advancedRules: RuleView[];
  clientCount: number;
  lastCheckAt: number | null;
  nextCheckAt: number | null;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface CurrencyView {
  id: number;
  code: string;
  name: string;
  /** rate × 10^8, null when the currency has no rate. */
  rateE8: number | null;
  isBase: boolean;
  clientCount: number;
  profileCount: number;
}

export interface ResellerView {
  id: number;
  name: string;
  email: string;
  clientCount: number;
  profileCount: number;
  userCount: number;
}

export interface UserView {
  id: number;
  name: string;
  email: string;
  resellerId: number | null;
  resellerName: string | null;
}
