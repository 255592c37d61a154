/**
 * Picks jurisdiction codes (US-OR, GB-ENG, AU-NSW): suggestions for US states, UK nations and
 * Australian states searchable by name or code, and any other well-formed code typed in.
 */
import { Group, TagsInput, Text, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { JURISDICTION_GROUPS, jurisdictionName, normalizeJurisdiction } from '../lib/jurisdictions.ts';

const DATA = JURISDICTION_GROUPS.map((g) => ({ group: g.group, items: g.items.map(([code]) => code) }));

const filter: OptionsFilter = ({ options, search, limit }) => {
  const needle = search.trim().toLowerCase();
  const matches = (value: string) =>
    !needle ||
    value.toLowerCase().includes(needle) ||
    (jurisdictionName(value) ?? '').toLowerCase().includes(needle);
  const result: ComboboxParsedItem[] = [];
  let count = 0;
  for (const option of options) {
    if (count >= limit) break;
    if ('group' in option) {
      const items = option.items.filter((item) => matches(item.value)).slice(0, limit - count);
      if (items.length) result.push({ ...option, items });
      count += items.length;
    } else if (matches(option.value)) {
      result.push(option);
      count += 1;
    }
  }
  return result;
};

export interface JurisdictionInputProps {
  label: string;
  description?: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  onBlur?: () => void;
  onFocus?: () => void;
  readOnly?: boolean;
}

export function JurisdictionInput({ value, onChange, ...props }: JurisdictionInputProps) {
  return (
    <TagsInput
      {...props}
      placeholder={value.length ? undefined : 'Type a state or code, e.g. Oregon or US-OR'}
      data={DATA}
      value={value}
      onChange={(next) => onChange([...new Set(next.map(normalizeJurisdiction).filter(Boolean))])}
      filter={filter}
      limit={80}
      maxDropdownHeight={280}
      splitChars={[',', ' ', ';']}
      acceptValueOnBlur
      clearable
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
          <Text size="sm">{jurisdictionName(option.value) ?? option.value}</Text>
          <Text size="xs" c="dimmed">
            {option.value}
          </Text>
        </Group>
      )}
    />
  );
}
