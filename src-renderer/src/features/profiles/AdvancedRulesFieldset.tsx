import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { RULE_KIND_DESCRIPTIONS } from '@shared/rule-kinds';
import { RUNWAY_DAYS_MAX } from '@shared/schemas/common';
import { DurationInput } from '../../components/DurationInput';
import { EmailsInput } from '../../components/EmailsInput';
import { errorUnder } from '../../components/form-errors';
import { useProfileFormContext } from './profile-form-context';
import { newAdvancedRule } from './profile-form-values';
import { ThresholdInput } from './ThresholdInput';

/** As many as the shared schema accepts. */
const MAX_ADVANCED_RULES = 20;

export function AdvancedRulesFieldset({ currencyCode }: { currencyCode: string }) {
  const form = useProfileFormContext();
  const rules = form.values.advancedRules;
  // For the keyboard: a new row takes focus at its Threshold; removing a row gives it to Add rule.
  const [added, setAdded] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const add = () => {
    setAdded(rules.length);
    form.insertListItem('advancedRules', newAdvancedRule());
  };
  const remove = (index: number) => {
    form.removeListItem('advancedRules', index);
    setAdded(null);
    addButton.current?.focus();
  };
  return (
    <Fieldset legend={RULE_KIND_DESCRIPTIONS.advanced.formSection}>
      <Stack gap="sm">
        {rules.length === 0 && (
          <Text size="sm" c="dimmed">
            No advanced rules. An advanced rule is on when its Threshold or its Runway is set, and fires when
            every condition it sets holds: the balance is below its Threshold, the client has had no charge
            for its Inactivity, and the balance runs out within its Runway days at the last 28 days&apos; burn
            rate.
          </Text>
        )}
        {rules.map((rule, index) => (
          <AdvancedRuleRow
            key={rule.key}
            index={index}
            currencyCode={currencyCode}
            autoFocus={index === added}
            onRemove={() => remove(index)}
          />
        ))}
        {form.errors.advancedRules && (
          <Text size="sm" c="red">
            {form.errors.advancedRules}
          </Text>
        )}
        <Group>
          <Button
            ref={addButton}
            variant="light"
            disabled={rules.length >= MAX_ADVANCED_RULES}
            leftSection={<IconPlus size={16} />}
            onClick={add}
          >
            Add rule
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function AdvancedRuleRow({
  index,
  currencyCode,
  autoFocus,
  onRemove,
}: {
  index: number;
  currencyCode: string;
  autoFocus: boolean;
  onRemove: () => void;
}) {
  const form = useProfileFormContext();
  const path = `advancedRules.${index}`;
  const name = `Advanced rule ${index + 1}`;
  return (
    <Paper withBorder p="sm" role="group" aria-label={name}>
      <Group justify="space-between" mb="xs">
        <Text fw={500} size="sm">
          {name}
        </Text>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove advanced rule ${index + 1}`}
          onClick={onRemove}
        >
          <IconX size={16} />
        </ActionIcon>
      </Group>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <ThresholdInput path={`${path}.threshold`} currencyCode={currencyCode} autoFocus={autoFocus} />
          <DurationInput
            label="Inactivity"
            description="Empty: no inactivity condition"
            valueProps={form.getInputProps(`${path}.inactivity.value`)}
            unitProps={form.getInputProps(`${path}.inactivity.unit`)}
          />
          <NumberInput
            label="Runway"
            description="Runs out within N days (empty: no runway condition)"
            placeholder="days"
            min={1}
            max={RUNWAY_DAYS_MAX}
            allowDecimal={false}
            allowNegative={false}
            suffix=" days"
            {...form.getInputProps(`${path}.runwayDays`)}
          />
        </SimpleGrid>
        <Checkbox
          label="Notify"
          description="Send to the client's Billing Email"
          {...form.getInputProps(`${path}.notify`, { type: 'checkbox' })}
        />
        <EmailsInput
          value={form.values.advancedRules[index].emails}
          onChange={(emails) => form.setFieldValue(`${path}.emails`, emails)}
          error={errorUnder(form.errors, `${path}.emails`)}
        />
      </Stack>
    </Paper>
  );
}
