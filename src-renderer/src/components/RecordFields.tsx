import { TextInput, type TextInputProps } from '@mantine/core';

/** A record's Name: required, and the field a New / Edit pop-up focuses first. */
export function NameInput(props: TextInputProps) {
  return <TextInput label="Name" withAsterisk data-autofocus autoComplete="off" {...props} />;
}

/** A required e-mail address labelled Email. */
export function EmailInput(props: TextInputProps) {
  return <TextInput label="Email" withAsterisk type="email" autoComplete="off" {...props} />;
}
