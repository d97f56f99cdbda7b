import { Stack } from '@mantine/core';
import { schemaResolver } from '../../components/schema-resolver';
import { profileInputSchema } from '@shared/schemas/profile';
import type { ProfileView } from '@shared/views';
import { api } from '../../api';
import { RecordFormModal } from '../../components/RecordFormModal';
import { defaultResellerAndCurrency } from '../../components/ResellerCurrencySelects';
import { AdvancedRulesFieldset } from './AdvancedRulesFieldset';
import { ClientNotificationFieldset } from './ClientNotificationFieldset';
import { GeneralFieldset } from './GeneralFieldset';
import { QuietHoursFieldset } from './QuietHoursFieldset';
import { ProfileFormProvider, useProfileForm, type ProfileFormOptions } from './profile-form-context';
import {
  emptyProfileValues,
  profileToFormValues,
  toProfileInput,
  type ProfileFormValues,
} from './profile-form-values';
import { UserNotificationFieldset } from './UserNotificationFieldset';

/** Loads what the form needs, fresh: the selects' options and, to edit, the profile as saved now. */
export async function loadProfileForm(
  profileId: number | null,
): Promise<{ options: ProfileFormOptions; profile: ProfileView | null }> {
  const [resellers, currencies, users, profile] = await Promise.all([
    api['resellers.list']({}),
    api['currencies.list']({}),
    api['users.list']({}),
    profileId === null ? null : api['profiles.get']({ id: profileId }),
  ]);
  return { options: { resellers, currencies, users }, profile };
}

/** The New Profile / Edit Profile pop-up (SPEC §2). */
export function ProfileFormModal({
  profile,
  options,
  onClose,
  onSaved,
}: {
  /** null for a new profile. */
  profile: ProfileView | null;
  options: ProfileFormOptions;
  onClose: () => void;
  onSaved: (saved: ProfileView) => void;
}) {
  const { resellers, currencies, users } = options;
  const form = useProfileForm({
    initialValues: profile
      ? profileToFormValues(profile)
      : emptyProfileValues(defaultResellerAndCurrency(resellers, currencies)),
    validate: schemaResolver(profileInputSchema),
  });
  const save = (values: ProfileFormValues) => {
    const input = toProfileInput(values);
    return profile
      ? api['profiles.update']({ id: profile.id, profile: input })
      : api['profiles.create'](input);
  };
  const currencyCode = currencies.find((c) => c.id === form.values.currencyId)?.code ?? '';

  return (
    <RecordFormModal
      noun="profile"
      isNew={!profile}
      form={form}
      save={save}
      savedName={(saved) => `"${saved.name}"`}
      size="xl"
      onClose={onClose}
      onSaved={onSaved}
    >
      <ProfileFormProvider form={form}>
        <Stack gap="md">
          <GeneralFieldset resellers={resellers} currencies={currencies} />
          <UserNotificationFieldset users={users} currencyCode={currencyCode} />
          <ClientNotificationFieldset currencyCode={currencyCode} />
          <AdvancedRulesFieldset currencyCode={currencyCode} />
          <QuietHoursFieldset />
        </Stack>
      </ProfileFormProvider>
    </RecordFormModal>
  );
}
