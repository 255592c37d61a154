/** A searchable IANA time-zone picker, labelled with UTC offsets. */
import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { timeZoneOptions } from '../lib/time-zones.ts';

export interface TimeZoneSelectProps {
  label: string;
  description?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  onBlur?: () => void;
  onFocus?: () => void;
  clearable?: boolean;
  required?: boolean;
  readOnly?: boolean;
}

export function TimeZoneSelect({ value, onChange, clearable, ...props }: TimeZoneSelectProps) {
  const data = useMemo(() => timeZoneOptions([value]), [value]);
  return (
    <Select
      {...props}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchable
      clearable={clearable}
      allowDeselect={Boolean(clearable)}
      limit={60}
      maxDropdownHeight={280}
      nothingFoundMessage="No time zone matches; try a city such as Chicago or Sydney"
      placeholder={clearable ? 'Same as the organization' : 'Search by city, e.g. Chicago'}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
