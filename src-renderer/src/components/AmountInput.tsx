import { Text, TextInput, type TextInputProps } from '@mantine/core';

/** A decimal amount typed as text, with its currency's code at the right end. */
export function AmountInput({ currencyCode, ...props }: TextInputProps & { currencyCode: string }) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      rightSection={
        <Text size="xs" c="dimmed">
          {currencyCode}
        </Text>
      }
      rightSectionWidth={44}
      {...props}
    />
  );
}
