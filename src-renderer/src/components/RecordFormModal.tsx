import type { ModalProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { capitalized } from './capitalized';
import { FormModal } from './FormModal';
import { useFormSubmit } from './use-form-submit';

/**
 * The New / Edit pop-up of one record (a reseller, a client, …): titled
 * `New Reseller` or `Edit Reseller`; OK saves and toasts `Created reseller
 * "Acme Telecom"` (or `Saved …`), or `Reseller not saved` with the reason.
 */
export function RecordFormModal<V, R>({
  noun,
  isNew,
  form,
  save,
  savedName,
  size,
  onClose,
  onSaved,
  children,
}: {
  /** Singular, lower case, e.g. `reseller`. */
  noun: string;
  isNew: boolean;
  form: UseFormReturnType<V>;
  save: (values: V) => Promise<R>;
  /** How the toast names the saved record, e.g. `"Acme Telecom"`. */
  savedName: (saved: R) => string;
  size?: ModalProps['size'];
  onClose: () => void;
  onSaved: (saved: R) => void;
  children: ReactNode;
}) {
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save,
    savedMessage: (saved) => `${isNew ? 'Created' : 'Saved'} ${noun} ${savedName(saved)}`,
    failureTitle: `${capitalized(noun)} not saved`,
    onSaved,
  });
  return (
    <FormModal
      title={`${isNew ? 'New' : 'Edit'} ${capitalized(noun)}`}
      size={size}
      onClose={onClose}
      onSubmit={handleSubmit}
      submitting={submitting}
    >
      {children}
    </FormModal>
  );
}
