import { Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { componentNames, type ServiceStandard } from '../../../../shared/standard/schema.js';
import { useLanguage } from '../../../i18n/use-language.js';
import { isNotStated } from './format.js';

const parts = ['delivery', 'management'] as const;

/**
 * The 14 components as the official annex lays them out: No | Komponen | Uraian, part A
 * (service delivery) then part B (management), numbered 1–14. The agency's text is shown as
 * written, line breaks kept; a component the standard does not state says so. On a phone the
 * rows stack (styles.css, .component-table).
 */
export function ComponentTable({ components }: { components: ServiceStandard['components'] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  let number = 0;
  return (
    <Table.ScrollContainer minWidth={280} type="native">
      <Table className="component-table" withTableBorder withColumnBorders verticalSpacing="xs" aria-label={t('standards.components.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>{t('standards.components.no')}</Table.Th>
            <Table.Th w="28%">{t('standards.components.component')}</Table.Th>
            <Table.Th>{t('standards.components.description')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {parts.map((part) => (
            <Fragment key={part}>
              <Table.Tr bg="var(--mantine-color-gray-light)">
                <Table.Td colSpan={3}>
                  <Text fw={600} size="sm">
                    {t(`standards.components.${part}`)}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {(Object.keys(componentNames[part]) as (keyof (typeof componentNames)[typeof part])[]).map((key) => {
                number += 1;
                const value = (components[part] as Record<string, ServiceStandard['components']['delivery']['fee']>)[key]!;
                const name = (componentNames[part] as Record<string, { id: string; en: string }>)[key]!;
                return (
                  <Table.Tr key={key} data-component={key}>
                    <Table.Td valign="top">{number}</Table.Td>
                    <Table.Td valign="top">
                      <Text size="sm" fw={500}>
                        {name[lang]}
                      </Text>
                    </Table.Td>
                    <Table.Td valign="top">
                      {isNotStated(value) ? (
                        <Text size="sm" fs="italic" c="dimmed">
                          {t('standards.components.notStated')}
                          {value.note ? ` — ${value.note}` : ''}
                        </Text>
                      ) : (
                        <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                          {value}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
