/** Smallest valid agency.yaml and service file, as plain data, for tests to break one rule at a time. */

const hours = {
  mon: ['08:00-12:00', '13:00-16:00'],
  tue: ['08:00-12:00', '13:00-16:00'],
  wed: ['08:00-12:00', '13:00-16:00'],
  thu: ['08:00-12:00', '13:00-16:00'],
  fri: ['08:00-11:30', '13:00-16:00'],
};

export function validAgency() {
  return structuredClone({
    code: 'contoh-kab',
    name: 'Bagian Pengadaan Barang dan Jasa Setda Kabupaten Contoh',
    level: 'kabupaten',
    address: 'Jl. Contoh No. 1',
    timeZone: 'Asia/Makassar',
    decree: {
      number: '027/1/PBJ/2025',
      date: '2025-01-10',
      effectiveFrom: '2025-01-10',
      signatory: { position: 'Kepala Bagian Pengadaan Barang dan Jasa' },
    },
    maklumat: {
      text: 'Kami siap memberikan pelayanan sesuai dengan Standar Pelayanan.',
      signatory: { position: 'Kepala Bagian Pengadaan Barang dan Jasa' },
    },
    complaints: {
      channels: [{ code: 'email', kind: 'email', label: 'E-mail', value: 'pbj@contoh.go.id' }],
      resolutionLimit: { amount: 5, unit: 'working_days' },
    },
    serviceHours: hours,
    roles: [
      { code: 'helpdesk', name: 'Helpdesk', description: 'Menerima permohonan', permissions: ['requests.intake'] },
      { code: 'verifikator', name: 'Verifikator', description: 'Memverifikasi', permissions: ['requests.act'] },
    ],
    externalSystems: [{ code: 'lpse-support', name: 'LPSE Support', operator: 'lkpp' }],
    services: ['aktivasi'],
  });
}

const text = 'Sebagaimana tertulis.';

export function validService() {
  return structuredClone({
    code: 'aktivasi',
    name: 'Aktivasi User ID Penyedia',
    description: 'Mengaktifkan akun penyedia.',
    requesterTypes: ['vendor'],
    components: {
      delivery: {
        requirements: text,
        procedure: text,
        timeLimit: '30 menit',
        fee: 'Gratis',
        product: text,
        complaintHandling: text,
      },
      management: {
        legalBasis: text,
        facilities: text,
        staffCompetence: text,
        internalSupervision: text,
        staffCount: '3 orang',
        serviceGuarantee: text,
        securityGuarantee: text,
        performanceEvaluation: { notStated: true },
      },
    },
    channels: [
      { code: 'walk-in', kind: 'walk_in', label: 'Tatap Muka', timeLimit: { amount: [30, 60], unit: 'minutes' } },
    ],
    requirements: [
      { code: 'ktp', label: 'KTP Direktur', kind: 'original', channels: ['walk-in'], requesterTypes: ['vendor'] },
    ],
    workflow: {
      tiers: [
        { code: 'lpse', name: 'Helpdesk LPSE', role: 'helpdesk' },
        { code: 'lkpp', name: 'Helpdesk LKPP', agency: 'lkpp' },
      ],
      steps: [
        {
          code: 'check',
          name: 'Pemeriksaan berkas',
          role: 'helpdesk',
          tier: 'lpse',
          actions: [
            { code: 'complete', label: 'Lengkap', to: 'verify' },
            { code: 'incomplete', label: 'Tidak lengkap', to: 'waiting', pausesClock: true },
            { code: 'escalate', label: 'Teruskan ke LKPP', to: 'at-lkpp', escalates: 'lkpp' },
          ],
        },
        {
          code: 'waiting',
          name: 'Menunggu kelengkapan',
          role: 'requester',
          actions: [{ code: 'resubmit', label: 'Lengkapi', to: 'check' }],
        },
        {
          code: 'at-lkpp',
          name: 'Di LKPP',
          role: 'helpdesk',
          tier: 'lkpp',
          actions: [{ code: 'solved', label: 'Selesai', to: 'done' }],
        },
        {
          code: 'verify',
          name: 'Verifikasi',
          role: 'verifikator',
          actions: [{ code: 'activate', label: 'Aktifkan', to: 'done', effects: ['vendor.activate'] }],
        },
        { code: 'done', name: 'Selesai', final: true, outcome: 'completed' },
      ],
    },
    products: [{ code: 'akun', name: 'User ID aktif', kind: 'account' }],
  });
}
