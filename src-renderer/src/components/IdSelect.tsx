import { Select, type SelectProps } from '@mantine/core';

export interface IdOption {
  id: number;
  label: string;
}

/** A Select over records identified by numeric ids (the form holds the id; 0 or null = none chosen). */
export function IdSelect({
  options,
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  options: IdOption[];
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  return (
    <Select
      {...props}
      data={options.map((option) => ({ value: String(option.id), label: option.label }))}
      value={value ? String(value) : null}
      onChange={(selected) => onChange(selected === null ? null : Number(selected))}
    />
  );
}
