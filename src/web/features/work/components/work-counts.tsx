import { Anchor, Card, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AgencyWork } from '../api/work.js';

interface Tile {
  key: string;
  count: number;
  to: string;
  /** Red when something is late, orange when near: the officer's eye goes there first. */
  color?: string;
}

/** The tiles of one agency: each count of what waits, linking to the list filtered to it. */
function tilesOf(agency: AgencyWork): Tile[] {
  const queue = (view: string) => `/kelola/${agency.code}/permohonan?antrean=${view}`;
  const complaints = (status: string) => `/kelola/${agency.code}/pengaduan?status=${status}`;
  const tiles: Tile[] = [];
  if (agency.requests) {
    const r = agency.requests;
    tiles.push(
      { key: 'unassigned', count: r.unassigned, to: queue('unassigned') },
      { key: 'mine', count: r.mine, to: queue('mine') },
      { key: 'role', count: r.role, to: queue('role') },
      { key: 'near_breach', count: r.near_breach, to: queue('near_breach'), color: 'orange' },
      { key: 'breached', count: r.breached, to: queue('breached'), color: 'red' },
    );
  }
  if (agency.complaints) {
    tiles.push(
      { key: 'complaintsReceived', count: agency.complaints.received, to: complaints('received') },
      { key: 'complaintsReopened', count: agency.complaints.reopened, to: complaints('reopened'), color: 'orange' },
    );
  }
  return tiles;
}

/** What waits in one agency, as counts that link to the filtered lists. */
export function WorkCounts({ agency }: { agency: AgencyWork }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }} spacing="xs">
      {tilesOf(agency).map((tile) => (
        <Card key={tile.key} withBorder padding="sm" data-testid={`work-${agency.code}-${tile.key}`}>
          <Anchor component={Link} to={tile.to} underline="hover" c="inherit" aria-label={t(`work.tile.${tile.key}`, { count: tile.count }) + ` — ${tile.count}`}>
            <Text size="xl" fw={700} c={tile.count > 0 ? tile.color : 'dimmed'} data-testid="work-count">
              {tile.count}
            </Text>
            <Text size="sm">{t(`work.tile.${tile.key}`, { count: tile.count })}</Text>
          </Anchor>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Whether anything waits at all in the agency. */
export function hasWork(agency: AgencyWork): boolean {
  return tilesOf(agency).some((tile) => tile.count > 0);
}
