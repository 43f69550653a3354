import { Radio, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequesterType } from '../../../../shared/contracts/identity.js';
import { requesterTypes } from '../../../../shared/standard/schema.js';

/**
 * Vendor, government unit or member of the public: the standards name which services each may
 * ask for. Optional, so "not stated" is a choice of its own (and the way back from a wrong click).
 */
export function RequesterTypeChoice({
  value,
  onChange,
  error,
}: {
  value: RequesterType | null;
  onChange: (value: RequesterType | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={t('auth.register.requesterType')}
      description={t('auth.register.requesterTypeHint')}
      value={value ?? ''}
      onChange={(v) => onChange((requesterTypes as readonly string[]).includes(v) ? (v as RequesterType) : null)}
      error={error}
    >
      <Stack gap="xs" mt="xs">
        {requesterTypes.map((type) => (
          <Radio key={type} value={type} label={t(`auth.register.type.${type}`)} description={t(`auth.register.type.${type}Hint`)} />
        ))}
        <Radio value="" label={t('auth.register.type.none')} description={t('auth.register.type.noneHint')} />
      </Stack>
    </Radio.Group>
  );
}
