import { createFormContext } from '@mantine/form';
import type { CurrencyView, ResellerView, UserView } from '@shared/views';
import type { ProfileFormValues } from './profile-form-values';

export const [ProfileFormProvider, useProfileFormContext, useProfileForm] =
  createFormContext<ProfileFormValues>();

/** What the form's selects offer. */
export interface ProfileFormOptions {
  resellers: ResellerView[];
  currencies: CurrencyView[];
  users: UserView[];
}
