import type { Knex } from 'knex';
import type { BalanceChangeResult } from '../../shared/client-views';
import { AppError } from '../../shared/errors';
import { AMOUNT_LIMIT, AMOUNT_SCALE, displayAmount } from '../../shared/money';
import { adjustmentSchema, chargeSchema, paymentSchema } from '../../shared/schemas/client';
import { defineHandler } from '../api/define-handler';
import { applyBalanceChange } from './balance-repo';

const LIMIT_UNITS = AMOUNT_LIMIT * AMOUNT_SCALE;

async function currentBalance(trx: Knex.Transaction, clientId: number): Promise<number> {
  const row: { balance: number } | undefined = await trx('clients').where({ id: clientId }).first('balance');
  if (!row) throw AppError.notFound('Client');
  return row.balance;
}

/** Adds `delta` to the balance, refusing a result outside the range amounts may take. */
async function moveBalance(
  trx: Knex.Transaction,
  input: { clientId: number; note: string | null },
  delta: number,
  kind: 'payment' | 'charge',
  at: number,
): Promise<BalanceChangeResult> {
  const newBalance = (await currentBalance(trx, input.clientId)) + delta;
  if (Math.abs(newBalance) > LIMIT_UNITS) {
    throw AppError.field(
      'amount',
      `Amount would take the balance to ${displayAmount(newBalance)}, beyond ±${displayAmount(LIMIT_UNITS)}`,
    );
  }
  return applyBalanceChange(trx, { clientId: input.clientId, newBalance, kind, at, note: input.note });
}

export const balanceHandlers = {
  /** Adds a payment to the balance; a refill, so it resets the client's rule counters. */
  'balances.recordPayment': defineHandler(paymentSchema, { writes: true }, (input, ctx) =>
    ctx.db.transaction((trx) => moveBalance(trx, input, input.amount, 'payment', ctx.now())),
  ),

  /** Takes a charge off the balance and makes now the client's last charge time. */
  'balances.recordCharge': defineHandler(chargeSchema, { writes: true }, (input, ctx) =>
    ctx.db.transaction((trx) => moveBalance(trx, input, -input.amount, 'charge', ctx.now())),
  ),

  /** Sets the balance to a new value; the event records the difference, and a rise resets the counters. */
  'balances.adjust': defineHandler(adjustmentSchema, { writes: true }, (input, ctx) =>
    ctx.db.transaction(async (trx) => {
      if ((await currentBalance(trx, input.clientId)) === input.newBalance) {
        throw AppError.field('newBalance', 'New balance is the same as the current balance');
      }
      return applyBalanceChange(trx, {
        clientId: input.clientId,
        newBalance: input.newBalance,
        kind: 'adjustment',
        at: ctx.now(),
        note: input.note,
      });
    }),
  ),
};
