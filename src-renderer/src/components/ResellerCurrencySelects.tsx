import type { ReactNode } from 'react';
import { formatRate } from '@shared/money';
import type { CurrencyView, ResellerView } from '@shared/views';
import { IdSelect } from './IdSelect';

/** An id field of a form: 0 = not chosen yet. */
export interface IdFieldProps {
  value: number;
  onChange: (id: number) => void;
  error?: ReactNode;
}

/**
 * What a new client or profile starts with: the only reseller when there is
 * one, and the base currency.
 */
export function defaultResellerAndCurrency(
  resellers: ResellerView[],
  currencies: CurrencyView[],
): { resellerId: number; currencyId: number } {
  return {
    resellerId: resellers.length === 1 ? resellers[0].id : 0,
    currencyId: currencies.find((c) => c.isBase)?.id ?? 0,
  };
}

function currencyLabel(currency: CurrencyView, showRate: boolean): string {
  const { code, name, isBase, rateE8 } = currency;
  const note =
    showRate && isBase
      ? ' (base)'
      : rateE8 === null
        ? ' (no rate)'
        : showRate
          ? ` (rate ${formatRate(rateE8)})`
          : '';
  return `${code} — ${name}${note}`;
}

/**
 * The required Reseller and Currency of a client or a profile. A currency
 * without a rate is flagged; `showRates` also names the base currency and
 * each other's rate.
 */
export function ResellerCurrencySelects({
  resellers,
  currencies,
  showRates = false,
  reseller,
  currency,
}: {
  resellers: ResellerView[];
  currencies: CurrencyView[];
  showRates?: boolean;
  reseller: IdFieldProps;
  currency: IdFieldProps;
}) {
  return (
    <>
      <IdSelect
        label="Reseller"
        withAsterisk
        searchable
        allowDeselect={false}
        nothingFoundMessage="No reseller found; add resellers under Resellers"
        options={resellers.map((r) => ({ id: r.id, label: r.name }))}
        value={reseller.value}
        onChange={(id) => reseller.onChange(id ?? 0)}
        error={reseller.error}
      />
      <IdSelect
        label="Currency"
        withAsterisk
        searchable
        allowDeselect={false}
        nothingFoundMessage="No currency found; add currencies under Currencies"
        options={currencies.map((c) => ({ id: c.id, label: currencyLabel(c, showRates) }))}
        value={currency.value}
        onChange={(id) => currency.onChange(id ?? 0)}
        error={currency.error}
      />
    </>
  );
}
