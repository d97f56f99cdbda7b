import { useState } from 'react';
import { api } from '../../api';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { describeChecks } from './describe-checks';

/** `Check now` for one profile: runs it, toasts what it did, and returns that line (null on failure). */
export function useCheckNow() {
  const [checking, setChecking] = useState(false);
  const checkNow = async (profileId: number): Promise<string | null> => {
    setChecking(true);
    try {
      const { checks, paused, cancelled } = await api['engine.checkNow']({ profileId });
      if (cancelled && checks.length === 0) {
        notifySuccess('Check cancelled: nothing was queued or counted');
        return null;
      }
      const message = describeChecks(checks, paused);
      notifySuccess(message);
      return message;
    } catch (error) {
      notifyFailure('Check failed', error);
      return null;
    } finally {
      setChecking(false);
    }
  };
  return { checkNow, checking };
}
