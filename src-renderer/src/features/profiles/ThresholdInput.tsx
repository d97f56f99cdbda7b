import { AmountInput } from '../../components/AmountInput';
import { useProfileFormContext } from './profile-form-context';

/** A rule's Threshold: an amount in the profile's currency, empty when the rule is off. */
export function ThresholdInput({ path, currencyCode }: { path: string; currencyCode: string }) {
  const form = useProfileFormContext();
  return (
    <AmountInput
      label="Threshold"
      description={`Fires below this available balance${currencyCode ? ` (${currencyCode})` : ''}; empty = off`}
      currencyCode={currencyCode}
      {...form.getInputProps(path)}
    />
  );
}
