import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Box } from '@mantine/core';
import type { DailyDeliveries } from '@shared/schemas/overview';

const total = (days: DailyDeliveries[], pick: (day: DailyDeliveries) => number) =>
  days.reduce((sum, day) => sum + pick(day), 0);

/** Sent and failed e-mails per day; the summary in its label is what a screen reader says. */
export function DeliveriesChart({ days }: { days: DailyDeliveries[] }) {
  const today = days[days.length - 1];
  const summary =
    `Last ${days.length} days: ${total(days, (d) => d.sent)} sent, ${total(days, (d) => d.failed)} failed` +
    (today ? `; today ${today.sent} sent, ${today.failed} failed` : '');
  return (
    <Box role="img" aria-label={summary}>
      <BarChart
        h={240}
        data={days}
        dataKey="day"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={[
          { name: 'sent', label: 'Sent', color: 'teal.6' },
          { name: 'failed', label: 'Failed', color: 'red.6' },
        ]}
        xAxisProps={{ tickFormatter: (day: string) => day.slice(5) }}
        yAxisProps={{ allowDecimals: false, width: 40 }}
      />
    </Box>
  );
}
