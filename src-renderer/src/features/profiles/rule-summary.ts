import { formatAmount } from '@shared/money';
import { ruleIsOn } from '@shared/rule-kinds';
import type { ProfileView } from '@shared/views';

/** The rules of a profile in short, e.g. "User < 50.00 · Client < 20.00 · 2 advanced". */
export function summarizeRules(profile: ProfileView): string {
  const parts: string[] = [];
  if (profile.userNotification.threshold !== null) {
    parts.push(`User < ${formatAmount(profile.userNotification.threshold)}`);
  }
  if (profile.clientNotification.threshold !== null) {
    parts.push(`Client < ${formatAmount(profile.clientNotification.threshold)}`);
  }
  const advancedOn = profile.advancedRules.filter(ruleIsOn).length;
  const advancedOff = profile.advancedRules.length - advancedOn;
  if (advancedOn) parts.push(`${advancedOn} advanced`);
  if (advancedOff) parts.push(`${advancedOff} advanced off`);
  return parts.length ? parts.join(' · ') : 'All rules off';
}
