import { Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { BalanceChangeResult, ClientRowView } from '@shared/client-views';
import { displayAmount, parseAmount } from '@shared/money';
import { adjustmentSchema, chargeSchema, paymentSchema } from '@shared/schemas/client';
import { api } from '../../api';
import { AmountInput } from '../../components/AmountInput';
import { FormModal } from '../../components/FormModal';
import { schemaResolver } from '../../components/schema-resolver';
import { useFormSubmit } from '../../components/use-form-submit';

export type BalanceAction = 'payment' | 'charge' | 'adjust';

type Values = { amount: string; newBalance: string; note: string };

const ACTIONS = {
  payment: {
    title: 'Record payment',
    field: 'amount',
    label: 'Amount',
    description: 'Added to the balance; a payment resets the rule counters',
    schema: paymentSchema.omit({ clientId: true }),
    save: (clientId: number, v: Values) =>
      api['balances.recordPayment']({ clientId, amount: v.amount, note: v.note }),
    after: (balance: number, entered: number) => balance + entered,
    recorded: (amount: number, code: string) => `Recorded a payment of ${displayAmount(amount, code)}`,
  },
  charge: {
    title: 'Record charge',
    field: 'amount',
    label: 'Amount',
    description: 'Taken off the balance; the last charge time becomes now',
    schema: chargeSchema.omit({ clientId: true }),
    save: (clientId: number, v: Values) =>
      api['balances.recordCharge']({ clientId, amount: v.amount, note: v.note }),
    after: (balance: number, entered: number) => balance - entered,
    recorded: (amount: number, code: string) => `Recorded a charge of ${displayAmount(-amount, code)}`,
  },
  adjust: {
    title: 'Adjust balance',
    field: 'newBalance',
    label: 'New balance',
    description: 'The balance becomes this amount; a higher balance resets the rule counters',
    schema: adjustmentSchema.omit({ clientId: true }),
    save: (clientId: number, v: Values) =>
      api['balances.adjust']({ clientId, newBalance: v.newBalance, note: v.note }),
    after: (_balance: number, entered: number) => entered,
    recorded: (amount: number, code: string) => `Adjusted the balance by ${displayAmount(amount, code)}`,
  },
} as const;

function resultMessage(action: BalanceAction, client: ClientRowView, result: BalanceChangeResult): string {
  const { amount, balanceAfter } = result.event;
  const code = client.currencyCode;
  const what = ACTIONS[action].recorded(amount, code);
  return `${what} for "${client.name}": the balance is now ${displayAmount(balanceAfter, code)}${result.refill ? '; rule counters reset' : ''}`;
}

/** Record payment, Record charge and Adjust balance: one event that moves the client's balance. */
export function BalanceEventModal({
  action,
  client,
  onClose,
  onSaved,
}: {
  action: BalanceAction;
  client: ClientRowView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const config = ACTIONS[action];
  const form = useForm<Values>({
    initialValues: { amount: '', newBalance: '', note: '' },
    validate: schemaResolver(config.schema),
  });
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) => config.save(client.id, values),
    savedMessage: (result) => resultMessage(action, client, result),
    failureTitle: `${config.title} failed`,
    onSaved,
  });
  const code = client.currencyCode;
  const entered = parseAmount(form.values[config.field]);
  return (
    <FormModal title={config.title} onClose={onClose} onSubmit={handleSubmit} submitting={submitting}>
      <Stack>
        <Text size="sm">
          {client.name}: balance {displayAmount(client.balance, code)}
        </Text>
        <AmountInput
          label={config.label}
          description={config.description}
          withAsterisk
          data-autofocus
          currencyCode={code}
          {...form.getInputProps(config.field)}
        />
        <Textarea label="Note" autosize minRows={2} maxRows={5} {...form.getInputProps('note')} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {entered.ok
            ? `Balance after: ${displayAmount(config.after(client.balance, entered.value), code)}`
            : ' '}
        </Text>
      </Stack>
    </FormModal>
  );
}
