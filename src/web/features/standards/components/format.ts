import { useTranslation } from 'react-i18next';
import type { ComponentText, TimeLimit } from '../../../../shared/standard/schema.js';

/** "3 hari kerja", "30–60 menit" (a range keeps both ends), "3 working days". */
export function useFormatLimit(): (limit: TimeLimit) => string {
  const { t } = useTranslation();
  return (limit) => {
    const [lo, hi] = Array.isArray(limit.amount) ? limit.amount : [undefined, limit.amount];
    const unit = t(`standards.unit.${limit.unit}`, { count: hi });
    return lo === undefined ? `${hi} ${unit}` : `${lo}–${hi} ${unit}`;
  };
}

export function isNotStated(value: ComponentText): value is { notStated: true; note?: string } {
  return typeof value === 'object';
}

/** Rupiah as the documents print it: "Rp 150.000"; 0 is free. */
export function formatRupiah(amount: number, lang: string): string {
  return `Rp ${amount.toLocaleString(lang === 'en' ? 'en-US' : 'id-ID')}`;
}
