import { useTranslation } from 'react-i18next';
import type { TimeLimit, TimeUnit } from '../../shared/standard/schema.js';

/** A limit as the standard states it, or as a request's clock carries it (`min` is the lower end of a range). */
export type LimitLike = TimeLimit | { unit: TimeUnit; max: number; min: number | null };

function endsOf(limit: LimitLike): [number | undefined, number] {
  if ('max' in limit) return [limit.min ?? undefined, limit.max];
  return Array.isArray(limit.amount) ? [limit.amount[0], limit.amount[1]] : [undefined, limit.amount];
}

/** "3 hari kerja", "30–60 menit" (a range keeps both ends), "3 working days". */
export function useFormatLimit(): (limit: LimitLike) => string {
  const { t } = useTranslation();
  return (limit) => {
    const [lo, hi] = endsOf(limit);
    const unit = t(`standards.unit.${limit.unit}`, { count: hi });
    return lo === undefined ? `${hi} ${unit}` : `${lo}–${hi} ${unit}`;
  };
}
