import { describe, expect, it } from 'vitest';
import { loadAgencyFolder } from './standards.loader.js';
import { rehearsalPaths } from './standards.rehearse.js';

async function service(agency: string, code: string) {
  const { loaded } = await loadAgencyFolder(`standards/${agency}`);
  return loaded!.services.find((s) => s.code === code)!;
}

describe('the paths a rehearsal walks', () => {
  it("walks the fewest actions to a completed end, never the one that sends the file back (Banjarmasin's activation)", async () => {
    expect(rehearsalPaths(await service('banjarmasin-kota', 'aktivasi-user-id'), 'walk-in')).toEqual([['lengkap', 'aktifkan']]);
  });

  it("walks a letter answered by e-mail, and again by the letter that leaves through letter.dispatch (Kalsel's consultation)", async () => {
    expect(rehearsalPaths(await service('kalsel-prov', 'konsultasi-pengadaan'), 'letter')).toEqual([
      ['disposisi', 'disposisi', 'ajukan', 'kirim-email', 'kirim'],
      ['disposisi', 'disposisi', 'ajukan', 'kirim-surat', 'kirim'],
    ]);
  });

  it('solves a ticket at the LPSE and has the requester confirm it, without escalating (Kalsel: LPSE Support)', async () => {
    expect(rehearsalPaths(await service('kalsel-prov', 'dukungan-spse'), 'lpse-support')).toEqual([['selesaikan', 'tutup']]);
  });

  it("escalates where the standard's only way to its product runs through LKPP (Banjarmasin's ADP)", async () => {
    expect(rehearsalPaths(await service('banjarmasin-kota', 'agregasi-data-penyedia'), 'walk-in')).toEqual([['lengkap', 'ajukan-lkpp', 'selesai-lkpp']]);
  });
});
