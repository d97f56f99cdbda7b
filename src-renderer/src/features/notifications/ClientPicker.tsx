import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { api } from '../../api';

interface Option {
  value: string;
  label: string;
}

const MATCHES_SHOWN = 20;

/** Picks one client by typing part of its name (any number of clients: the list is searched, not loaded). */
export function ClientPicker({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable'> & {
  value: number | null;
  onChange: (clientId: number | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const [options, setOptions] = useState<Option[]>([]);
  const [chosen, setChosen] = useState<Option | null>(null);

  useEffect(() => {
    let stale = false;
    api['clients.list']({ search: query || undefined, limit: MATCHES_SHOWN }).then(
      (page) => {
        if (!stale) {
          setOptions(page.rows.map((c) => ({ value: String(c.id), label: `${c.name} (${c.resellerName})` })));
        }
      },
      () => {
        if (!stale) setOptions([]);
      },
    );
    return () => {
      stale = true;
    };
  }, [query]);

  // The chosen client stays an option while other names are searched.
  const data = chosen && !options.some((o) => o.value === chosen.value) ? [chosen, ...options] : options;
  return (
    <Select
      {...props}
      searchable
      clearable
      data={data}
      value={value === null ? null : String(value)}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={query ? 'No client matches' : 'No clients yet'}
      filter={({ options: all }) => all}
      onChange={(selected, option) => {
        setChosen(selected === null ? null : option);
        onChange(selected === null ? null : Number(selected));
      }}
    />
  );
}
