import { useEffect, useState } from 'react';
import { Box, Searchbar } from '@strapi/design-system';
import { useT } from '../hooks/useT';

type Props = { label: string; onSearch: (q: string) => void; name: string };

/** A search box that reports its text once typing pauses. */
export const SearchField = ({ label, onSearch, name }: Props) => {
  const t = useT();
  const [value, setValue] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => onSearch(value.trim()), 300);
    return () => clearTimeout(timer);
  }, [value]);
  return (
    <Box flex="1" maxWidth="48rem">
      <Searchbar
        name={name}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onClear={() => setValue('')}
        clearLabel={t('search.clear')}
        placeholder={label}
      >
        {label}
      </Searchbar>
    </Box>
  );
};
