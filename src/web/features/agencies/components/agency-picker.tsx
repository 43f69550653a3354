import { Button, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgencySummary } from '../../../../shared/contracts/agencies.js';

/**
 * A way to one agency's page (its complaint form, its survey): with one agency a plain button,
 * with several a list to choose from first. `label` names the button, `path` the page below
 * `/instansi/<code>`.
 */
export function AgencyPicker({ agencies, path, label, id }: { agencies: readonly AgencySummary[]; path: string; label: string; id: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(agencies.length === 1 ? agencies[0]!.code : null);
  return (
    <Stack gap="xs">
      {agencies.length > 1 && (
        <Select
          id={id}
          label={t('landing.chooseUnit')}
          placeholder={t('landing.chooseUnitPlaceholder')}
          data={agencies.map((a) => ({ value: a.code, label: a.name }))}
          value={code}
          onChange={setCode}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
      )}
      {code ? (
        <Button component={Link} to={`/instansi/${code}${path}`} variant="light" fullWidth>
          {label}
        </Button>
      ) : (
        <Button variant="light" disabled fullWidth>
          {label}
        </Button>
      )}
    </Stack>
  );
}
