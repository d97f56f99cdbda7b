import { randomId } from '@mantine/hooks';
import { DEFAULT_PERIOD, type Duration, type DurationUnit } from '@shared/duration';
import { formatAmount } from '@shared/money';
import type { QuietHours } from '@shared/quiet-hours';
import type { ProfileInput } from '@shared/schemas/profile';
import type { ProfileView, RuleView } from '@shared/views';

/** A duration as its inputs hold it (a NumberInput gives a string while typing). */
export interface DurationValues {
  value: number | string;
  unit: DurationUnit;
}

interface RuleValues {
  /** '' = the rule is off. */
  threshold: string;
  notify: boolean;
  emails: string[];
}

export interface AdvancedRuleValues extends RuleValues {
  /** The saved rule's id, so its Max Qty counters survive an edit. */
  id?: number;
  inactivity: DurationValues;
  /** Whole days ('' = no Runway condition). */
  runwayDays: number | string;
  /** React key of the row. */
  key: string;
}

/** What the profile form holds; the shared schema validates it as it is (a type, so it indexes like a record). */
export type ProfileFormValues = {
  name: string;
  /** 0 = not chosen yet. */
  resellerId: number;
  currencyId: number;
  sortOrder: number | string;
  maxQty: number | string;
  mostUrgentOnly: boolean;
  recoveryNotice: boolean;
  /** All three '' = any time. */
  quietHours: QuietHours;
  period: DurationValues;
  userNotification: RuleValues & { userIds: number[] };
  clientNotification: RuleValues;
  advancedRules: AdvancedRuleValues[];
};

const DEFAULT_INACTIVITY: Duration = { value: 3, unit: 'days' };
const ANY_TIME: QuietHours = { from: '', until: '', timeZone: '' };

export function newAdvancedRule(): AdvancedRuleValues {
  return {
    threshold: '',
    notify: true,
    inactivity: { ...DEFAULT_INACTIVITY },
    runwayDays: '',
    emails: [],
    key: randomId(),
  };
}

export function emptyProfileValues(defaults: { resellerId: number; currencyId: number }): ProfileFormValues {
  return {
    name: '',
    resellerId: defaults.resellerId,
    currencyId: defaults.currencyId,
    sortOrder: 0,
    maxQty: 0,
    mostUrgentOnly: false,
    recoveryNotice: false,
    quietHours: { ...ANY_TIME },
    period: { ...DEFAULT_PERIOD },
    userNotification: { threshold: '', notify: false, userIds: [], emails: [] },
    clientNotification: { threshold: '', notify: false, emails: [] },
    advancedRules: [],
  };
}

const thresholdText = (rule: RuleView) => (rule.threshold === null ? '' : formatAmount(rule.threshold));

export function profileToFormValues(profile: ProfileView): ProfileFormValues {
  return {
    name: profile.name,
    resellerId: profile.resellerId,
    currencyId: profile.currencyId,
    sortOrder: profile.sortOrder,
    maxQty: profile.maxQty,
    mostUrgentOnly: profile.mostUrgentOnly,
    recoveryNotice: profile.recoveryNotice,
    quietHours: profile.quietHours ? { ...profile.quietHours } : { ...ANY_TIME },
    period: { ...profile.period },
    userNotification: {
      threshold: thresholdText(profile.userNotification),
      notify: profile.userNotification.notify,
      userIds: [...profile.userNotification.userIds],
      emails: [...profile.userNotification.emails],
    },
    clientNotification: {
      threshold: thresholdText(profile.clientNotification),
      notify: profile.clientNotification.notify,
      emails: [...profile.clientNotification.emails],
    },
    advancedRules: profile.advancedRules.map((rule) => ({
      id: rule.id,
      threshold: thresholdText(rule),
      notify: rule.notify,
      inactivity: rule.inactivity ? { ...rule.inactivity } : { value: '', unit: DEFAULT_INACTIVITY.unit },
      runwayDays: rule.runwayDays ?? '',
      emails: [...rule.emails],
      key: randomId(),
    })),
  };
}

/** The API input: the form's values without the rows' React keys. */
export function toProfileInput(values: ProfileFormValues): ProfileInput {
  return {
    ...values,
    advancedRules: values.advancedRules.map(({ key: _key, ...rule }) => rule),
  };
}
