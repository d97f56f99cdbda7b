import { notifications } from '@mantine/notifications';
import { ApiError } from '../api';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', title: 'Done', message });
}

/** A failure toast: `title` says what failed, the message says why. */
export function notifyFailure(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}
