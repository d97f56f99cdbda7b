import { TagsInput } from '@mantine/core';
import { isValidEmail } from '@shared/email';

const sameAddress = (value: string, current: string[]) =>
  current.some((address) => address.toLowerCase() === value.toLowerCase());

/** A list of e-mail addresses: type one and press Enter (or a comma); invalid ones are flagged at once. */
export function EmailsInput({
  label = 'Emails',
  description = 'Type an address and press Enter',
  value,
  onChange,
  error,
}: {
  label?: string;
  description?: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const invalid = value.filter((address) => !isValidEmail(address.trim()));
  const invalidMessage = invalid.length
    ? `${invalid.join(', ')} ${invalid.length === 1 ? 'is not a valid e-mail address' : 'are not valid e-mail addresses'}`
    : undefined;
  return (
    <TagsInput
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      error={invalidMessage ?? error}
      splitChars={[',', ';', ' ']}
      isDuplicate={sameAddress}
      acceptValueOnBlur
      clearable
    />
  );
}
