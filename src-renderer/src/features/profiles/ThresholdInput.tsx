import { AmountInput } from '../../components/AmountInput';
import { useProfileFormContext } from './profile-form-context';

/** A rule's Threshold: an amount in the profile's currency, empty when the rule is off. */
export function ThresholdInput({
  path,
  currencyCode,
  autoFocus,
}: {
  path: string;
  currencyCode: string;
  autoFocus?: boolean;
}) {
  const form = useProfileFormContext();
  return (
    <AmountInput
      label="Threshold"
      description={`Fires below this available balance${currencyCode ? ` (${currencyCode})` : ''}; empty = off`}
      currencyCode={currencyCode}
      autoFocus={autoFocus}
      {...form.getInputProps(path)}
    />
  );
}
