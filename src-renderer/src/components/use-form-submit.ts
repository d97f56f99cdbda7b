import type { UseFormReturnType } from '@mantine/form';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { issuesToFormErrors } from './form-errors';
import { notifyFailure, notifySuccess } from './notify';

export interface FormSubmitOptions<V, R> {
  save: (values: V) => Promise<R>;
  /** Toast after a successful save. */
  savedMessage: (result: R) => string;
  /** Toast title when saving fails, e.g. `Profile not saved`. */
  failureTitle: string;
  onSaved: (result: R) => void;
}

/**
 * Validates (client side, with the form's shared zod schema), saves, and puts
 * the server's field issues next to their fields. After a rejected attempt the
 * form re-validates as the user edits, so messages go away once fixed.
 */
export function useFormSubmit<V, R>(
  form: UseFormReturnType<V>,
  { save, savedMessage, failureTitle, onSaved }: FormSubmitOptions<V, R>,
) {
  const [submitting, setSubmitting] = useState(false);
  const [revalidate, setRevalidate] = useState(false);
  const { values, validate } = form;

  useEffect(() => {
    if (revalidate) validate();
    // Re-validate on value changes only; `validate` changes with every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, revalidate]);

  const handleSubmit = (event?: FormEvent<HTMLFormElement>) => {
    const formElement = event?.currentTarget;
    return form.onSubmit(
      async (submitted) => {
        setSubmitting(true);
        try {
          const result = await save(submitted as V);
          notifySuccess(savedMessage(result));
          onSaved(result);
        } catch (error) {
          const fieldIssues = error instanceof ApiError ? error.issues.filter((issue) => issue.path) : [];
          if (fieldIssues.length) {
            setRevalidate(false);
            form.setErrors(issuesToFormErrors(fieldIssues));
            focusFirstInvalidField(formElement);
          }
          // Messages shown next to their fields need no toast (which could cover the form's buttons).
          const allPlaced =
            fieldIssues.length > 0 && fieldIssues.length === (error as ApiError).issues.length;
          if (!allPlaced) notifyFailure(failureTitle, error);
        } finally {
          setSubmitting(false);
        }
      },
      () => {
        setRevalidate(true);
        focusFirstInvalidField(formElement);
      },
    )(event);
  };

  return { handleSubmit, submitting };
}

/**
 * Brings the first field with a message into view, once the messages are
 * rendered: on a busy machine React may commit them a few frames later.
 */
function focusFirstInvalidField(formElement: HTMLFormElement | undefined, frames = 30) {
  requestAnimationFrame(() => {
    const field = formElement?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else if (frames > 1) focusFirstInvalidField(formElement, frames - 1);
  });
}
