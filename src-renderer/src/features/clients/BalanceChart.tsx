import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Box } from '@mantine/core';
import type { BalancePoint } from '@shared/client-views';
import { AMOUNT_SCALE, displayAmount } from '@shared/money';
import { formatDate, formatDateTime } from './format';

/** The balance over the chart's window, as steps: a balance holds until the next change. */
export function BalanceChart({ series, currencyCode }: { series: BalancePoint[]; currencyCode: string }) {
  // The chart only draws; amounts are shown from the exact units in labels and the tooltip.
  const data = series.map((point) => ({
    at: point.at,
    balance: point.balance / AMOUNT_SCALE,
    units: point.balance,
  }));
  const first = series[0];
  const last = series[series.length - 1];
  const summary = first
    ? `Balance from ${formatDate(first.at)} to ${formatDate(last.at)}: ${series.length} points, from ${displayAmount(first.balance, currencyCode)} to ${displayAmount(last.balance, currencyCode)}`
    : 'No balance data';
  return (
    <Box role="img" aria-label={summary} data-points={series.length}>
      <LineChart
        h={220}
        data={data}
        dataKey="at"
        series={[{ name: 'balance', label: 'Balance', color: 'blue.6' }]}
        curveType="stepAfter"
        withDots={series.length <= 120}
        xAxisProps={{
          type: 'number',
          scale: 'time',
          domain: ['dataMin', 'dataMax'],
          tickFormatter: (at: number) => formatDate(at),
        }}
        valueFormatter={(value) => displayAmount(Math.round(value * AMOUNT_SCALE), currencyCode)}
        yAxisProps={{
          width: 80,
          tickFormatter: (value: number) => displayAmount(Math.round(value * AMOUNT_SCALE)),
        }}
        yAxisLabel={currencyCode}
        tooltipProps={{ labelFormatter: (at) => formatDateTime(Number(at)) }}
      />
    </Box>
  );
}
