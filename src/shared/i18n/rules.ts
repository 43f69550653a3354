import type { Localized } from './languages.js';

/**
 * Validation rules with their messages in both languages. A contract names a rule by its key
 * (`z.string().regex(re, 'nik.format')`), so the same key reaches the API client, the log
 * and the web form, and each shows it in its reader's language. `{name}` placeholders are
 * filled from the zod issue (minimum, maximum, format, values…).
 */
export const ruleMessages = {
  required: { id: 'wajib diisi', en: 'is required' },
  invalid_type: { id: 'harus bertipe {expected}', en: 'must be of type {expected}' },
  'too_small.string': { id: 'minimal {minimum} karakter', en: 'must be at least {minimum} characters' },
  'too_big.string': { id: 'maksimal {maximum} karakter', en: 'must be at most {maximum} characters' },
  'too_small.number': { id: 'minimal {minimum}', en: 'must be at least {minimum}' },
  'too_big.number': { id: 'maksimal {maximum}', en: 'must be at most {maximum}' },
  'too_small.array': { id: 'minimal {minimum} item', en: 'must have at least {minimum} items' },
  'too_big.array': { id: 'maksimal {maximum} item', en: 'must have at most {maximum} items' },
  'too_small.date': { id: 'tidak boleh sebelum {minimum}', en: 'must not be before {minimum}' },
  'too_big.date': { id: 'tidak boleh setelah {maximum}', en: 'must not be after {maximum}' },
  invalid_format: { id: 'format {format} tidak valid', en: 'is not a valid {format}' },
  'invalid_format.email': { id: 'bukan alamat e-mail yang valid', en: 'is not a valid e-mail address' },
  'invalid_format.uuid': { id: 'bukan UUID yang valid', en: 'is not a valid UUID' },
  'invalid_format.regex': { id: 'formatnya tidak sesuai', en: 'does not match the required format' },
  invalid_value: { id: 'harus salah satu dari: {values}', en: 'must be one of: {values}' },
  unrecognized_keys: { id: 'kolom tidak dikenal: {keys}', en: 'unknown fields: {keys}' },
  not_multiple_of: { id: 'harus kelipatan {divisor}', en: 'must be a multiple of {divisor}' },
  invalid_union: { id: 'tidak cocok dengan bentuk yang diizinkan', en: 'matches none of the allowed shapes' },
  invalid_key: { id: 'kunci tidak valid', en: 'has an invalid key' },
  invalid_element: { id: 'berisi elemen yang tidak valid', en: 'has an invalid element' },
  custom: { id: 'tidak valid', en: 'is not valid' },
  'text.nul': { id: 'tidak boleh berisi karakter NUL (\\u0000)', en: 'must not contain the NUL character (\\u0000)' },
  'text.surrogate': {
    id: 'berisi karakter Unicode yang rusak (setengah pasangan surrogate)',
    en: 'contains a broken Unicode character (half of a surrogate pair)',
  },
  'data.invalid': { id: 'berisi nilai yang tidak dapat disimpan', en: 'holds a value that cannot be stored' },
  'upload.malformed': {
    id: 'unggahan multipart rusak atau terpotong; kirim ulang berkasnya',
    en: 'the multipart upload is malformed or cut short; send the file again',
  },
  'agency.code': {
    id: 'hanya huruf kecil, angka dan tanda hubung (contoh: kalsel-prov)',
    en: 'only lower-case letters, digits and hyphens (e.g. kalsel-prov)',
  },
  'agency.not_found': { id: 'instansi ini tidak dilayani di sini', en: 'this agency is not served here' },
  'hours.interval_format': {
    id: 'harus berbentuk JJ:MM-JJ:MM, contoh 08:00-12:00',
    en: 'must look like HH:MM-HH:MM, e.g. 08:00-12:00',
  },
  'hours.interval_order': { id: 'jam mulai harus sebelum jam selesai', en: 'the start must be before the end' },
  'hours.overlap': {
    id: 'interval harus berurutan dan tidak tumpang tindih',
    en: 'intervals must be in order and must not overlap',
  },
  // Service standards (standards/<agency>/agency.yaml and services/*.yaml).
  'standard.code': {
    id: 'kode hanya huruf kecil, angka dan tanda hubung (contoh: walk-in)',
    en: 'a code has only lower-case letters, digits and hyphens (e.g. walk-in)',
  },
  'standard.code_duplicate': { id: 'kode "{value}" sudah dipakai di daftar ini', en: 'the code "{value}" is already used in this list' },
  'standard.date': { id: 'harus tanggal berbentuk TTTT-BB-HH, contoh 2025-01-10', en: 'must be a date as YYYY-MM-DD, e.g. 2025-01-10' },
  'standard.date_order': { id: 'tanggal ini tidak boleh sebelum tanggal awalnya', en: 'this date must not be before the start date' },
  'standard.time_zone': {
    id: 'harus zona waktu IANA, contoh Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)',
    en: 'must be an IANA time zone, e.g. Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)',
  },
  'standard.nip': { id: 'NIP harus 18 angka', en: 'a NIP has 18 digits' },
  'standard.limit_amount': {
    id: 'jumlah harus satu angka atau rentang [bawah, atas], contoh 3 atau [30, 60]',
    en: 'the amount must be a number or a range [low, high], e.g. 3 or [30, 60]',
  },
  'standard.limit_positive': { id: 'jumlah waktu harus lebih dari 0', en: 'the amount of time must be more than 0' },
  'standard.limit_range_order': {
    id: 'batas bawah rentang harus lebih kecil dari batas atas',
    en: 'the low end of the range must be below the high end',
  },
  'standard.limit_whole': {
    id: 'jumlah waktu harus bilangan bulat (tulis 1,5 jam sebagai 90 menit)',
    en: 'the amount must be a whole number (write 1.5 hours as 90 minutes)',
  },
  'standard.component_missing': {
    id: 'komponen wajib ada; jika sumber tidak menyebutkannya tulis { notStated: true }',
    en: 'the component is required; if the source does not state it write { notStated: true }',
  },
  'standard.component_empty': {
    id: 'komponen tidak boleh kosong; jika sumber tidak menyebutkannya tulis { notStated: true }',
    en: 'the component must not be empty; if the source does not state it write { notStated: true }',
  },
  'standard.component_form': {
    id: 'komponen harus berupa teks atau { notStated: true }',
    en: 'a component must be text or { notStated: true }',
  },
  'standard.permission_unknown': {
    id: 'izin ini tidak ada di katalog izin Sigap (src/shared/permissions.ts)',
    en: 'this permission is not in the Sigap permission catalogue (src/shared/permissions.ts)',
  },
  'standard.effect_unknown': {
    id: 'efek ini tidak ada di katalog efek (src/shared/standard/effects.ts)',
    en: 'this effect is not in the effect catalogue (src/shared/standard/effects.ts)',
  },
  'standard.role_reserved': {
    id: 'kode peran "{value}" dicadangkan oleh Sigap ("requester" untuk pemohon, "administrator-sigap" untuk administrator Sigap)',
    en: 'the role code "{value}" is reserved by Sigap ("requester" for the requester, "administrator-sigap" for Sigap\'s administrator)',
  },
  'standard.role_unknown': {
    id: 'peran "{value}" tidak ada di roles pada agency.yaml',
    en: 'the role "{value}" is not among the roles in agency.yaml',
  },
  'standard.system_unknown': {
    id: 'sistem "{value}" tidak ada di externalSystems pada agency.yaml',
    en: 'the system "{value}" is not among the externalSystems in agency.yaml',
  },
  'standard.complaint_channel_unknown': {
    id: 'kanal pengaduan "{value}" tidak ada di complaints.channels pada agency.yaml',
    en: 'the complaint channel "{value}" is not among complaints.channels in agency.yaml',
  },
  'standard.parent_self': { id: 'instansi tidak boleh menjadi induknya sendiri', en: 'an agency cannot be its own parent' },
  'standard.agency_unknown': {
    id: 'instansi "{value}" tidak ditemukan di folder standards',
    en: 'the agency "{value}" is not found in the standards folder',
  },
  'standard.profile_overlap': {
    id: 'rentang tanggal ini tumpang tindih dengan profil "{other}"',
    en: 'this date range overlaps the profile "{other}"',
  },
  'standard.step_unknown': {
    id: 'langkah "{value}" tidak ada di workflow.steps',
    en: 'the step "{value}" is not among workflow.steps',
  },
  'standard.tier_unknown': {
    id: 'tingkat eskalasi "{value}" tidak ada di workflow.tiers',
    en: 'the escalation tier "{value}" is not among workflow.tiers',
  },
  'standard.channel_unknown': {
    id: 'kanal "{value}" tidak ada di channels layanan ini',
    en: 'the channel "{value}" is not among this service\'s channels',
  },
  'standard.requester_type_unused': {
    id: 'jenis pemohon "{value}" tidak ada di requesterTypes layanan ini',
    en: 'the requester type "{value}" is not among this service\'s requesterTypes',
  },
  'standard.channel_no_limit': {
    id: 'kanal harus punya timeLimit, responseLimit, atau limitNotStated (kutipan standar yang tidak menyebut angka)',
    en: "a channel needs a timeLimit, a responseLimit, or limitNotStated (the standard's words that give no figure)",
  },
  'standard.limit_not_stated_conflict': {
    id: 'kanal dengan timeLimit tidak boleh sekaligus limitNotStated',
    en: 'a channel with a timeLimit cannot also have limitNotStated',
  },
  'standard.fee_form': {
    id: 'biaya harus punya amount (0 berarti gratis) atau notStated: true, tidak keduanya',
    en: 'a fee needs an amount (0 is free) or notStated: true, not both',
  },
  'standard.stage_step_shared': {
    id: 'langkah "{value}" sudah termasuk tahap lain; satu langkah hanya pada satu tahap',
    en: 'the step "{value}" is already in another stage; a step belongs to one stage',
  },
  'standard.stage_unknown': {
    id: 'tahap "{value}" tidak ada di timeline.stages',
    en: 'the stage "{value}" is not among timeline.stages',
  },
  'standard.variant_required': {
    id: 'tahap "{value}" punya batas waktu per varian: sebutkan variannya',
    en: 'the stage "{value}" has a limit per variant: name the variant',
  },
  'standard.tier_handler': {
    id: 'tingkat eskalasi harus punya tepat satu penangan: role, agency atau system',
    en: 'an escalation tier needs exactly one handler: role, agency or system',
  },
  'standard.step_role_missing': {
    id: 'langkah yang bukan akhir harus menyebut peran yang bertindak',
    en: 'a step that is not final must name the role that acts',
  },
  'standard.step_dead_end': {
    id: 'langkah yang bukan akhir harus punya minimal satu tindakan',
    en: 'a step that is not final needs at least one action',
  },
  'standard.final_step_actions': { id: 'langkah akhir tidak boleh punya tindakan', en: 'a final step has no actions' },
  'standard.outcome_not_final': {
    id: 'outcome hanya untuk langkah akhir (final: true)',
    en: 'outcome is only for a final step (final: true)',
  },
  'standard.no_final_step': {
    id: 'alur kerja harus punya minimal satu langkah akhir (final: true)',
    en: 'the workflow needs at least one final step (final: true)',
  },
  'standard.step_unreachable': {
    id: 'langkah "{value}" tidak dapat dicapai dari langkah awal kanal mana pun',
    en: 'the step "{value}" cannot be reached from any channel\'s first step',
  },
  'standard.stage_limit': {
    id: 'tahap harus punya tepat satu dari limit atau limitsByVariant',
    en: 'a stage needs exactly one of limit or limitsByVariant',
  },
  'standard.variant_unknown': {
    id: 'varian "{value}" tidak ada di timeline.variants',
    en: 'the variant "{value}" is not among timeline.variants',
  },
  'standard.variant_missing': {
    id: 'batas waktu untuk varian "{value}" belum ada',
    en: 'the limit for the variant "{value}" is missing',
  },
  'standard.yaml_syntax': { id: 'YAML tidak valid: {detail}', en: 'invalid YAML: {detail}' },
  'standard.file_unreadable': { id: 'berkas tidak dapat dibaca: {detail}', en: 'the file cannot be read: {detail}' },
  'standard.folder_mismatch': {
    id: 'kode "{value}" harus sama dengan nama foldernya "{expected}"',
    en: 'the code "{value}" must equal its folder name "{expected}"',
  },
  'standard.file_mismatch': {
    id: 'kode "{value}" harus sama dengan nama berkasnya "{expected}"',
    en: 'the code "{value}" must equal its file name "{expected}"',
  },
  'standard.service_file_missing': {
    id: 'layanan "{value}" terdaftar tetapi berkas services/{value}.yaml tidak ada',
    en: 'the service "{value}" is listed but services/{value}.yaml does not exist',
  },
  'standard.service_not_listed': {
    id: 'berkas layanan ini tidak terdaftar di services pada agency.yaml',
    en: 'this service file is not listed in services in agency.yaml',
  },
  'standard.no_agency': {
    id: 'tidak ada agency.yaml di folder ini maupun subfoldernya',
    en: 'there is no agency.yaml in this folder or its subfolders',
  },
  'password.min_length': { id: 'kata sandi minimal {min} karakter', en: 'the password must have at least {min} characters' },
  'password.max_length': { id: 'kata sandi maksimal 256 karakter', en: 'the password must have at most 256 characters' },
  'password.lowercase': { id: 'kata sandi harus memuat huruf kecil', en: 'the password must contain a lower-case letter' },
  'password.uppercase': { id: 'kata sandi harus memuat huruf besar', en: 'the password must contain an upper-case letter' },
  'password.digit': { id: 'kata sandi harus memuat angka', en: 'the password must contain a digit' },
  'password.punctuation': {
    id: 'kata sandi harus memuat tanda baca atau karakter khusus',
    en: 'the password must contain punctuation or a special character',
  },
  'password.personal': {
    id: 'kata sandi tidak boleh memuat nama, e-mail, tanggal lahir atau instansi Anda',
    en: 'the password must not contain your name, e-mail, birth date or agency',
  },
  'password.guessable': {
    id: 'kata sandi terlalu mudah ditebak; gunakan gabungan kata yang tidak umum',
    en: 'the password is too easy to guess; combine uncommon words',
  },
  'totp.code_format': { id: 'kode harus 6 angka', en: 'the code must be 6 digits' },
  'role.code': { id: 'hanya huruf kecil, angka, - dan _ (contoh: admin-sistem)', en: 'only lower-case letters, digits, - and _ (e.g. admin-sistem)' },
  'password.current': { id: 'kata sandi saat ini salah', en: 'the current password is wrong' },
  'totp.wrong': { id: 'kode autentikator salah atau sudah dipakai', en: 'the authenticator code is wrong or already used' },
  'auth.second_factor': { id: 'selesaikan verifikasi dua langkah terlebih dahulu', en: 'finish the two-step verification first' },
  csrf: { id: 'token CSRF tidak ada atau salah', en: 'the CSRF token is missing or wrong' },
  'permission.unknown': { id: 'bukan izin yang dikenal', en: 'is not a known permission' },
  'calendar.date': { id: 'harus berupa tanggal TTTT-BB-HH, contoh 2026-03-19', en: 'must be a date YYYY-MM-DD, e.g. 2026-03-19' },
  'calendar.date_time': {
    id: 'harus berupa tanggal-waktu, contoh 2026-03-13T15:30',
    en: 'must be a date-time, e.g. 2026-03-13T15:30',
  },
  'calendar.limit': {
    id: 'batas waktu tidak dikenali; contoh: "3 hari kerja", "30-60 menit", "30 hari kalender"',
    en: 'limit not understood; e.g. "3 working days", "30-60 minutes", "30 calendar days"',
  },
  'calendar.patch_empty': { id: 'tidak ada yang diubah', en: 'nothing to change' },
  'calendar.national_kind': {
    id: 'tanggal nasional hanya hari libur atau cuti bersama',
    en: 'a national date is a holiday or cuti bersama',
  },
  'calendar.settings': { id: 'pengaturan kalender tidak valid', en: 'invalid calendar settings' },
  'calendar.ics': { id: 'bukan berkas iCalendar yang valid', en: 'not a valid iCalendar file' },
  'calendar.date_exists': { id: 'tanggal sudah ada dalam kalender', en: 'the date is already in the calendar' },
  'calendar.year_has_dates': {
    id: 'tahun ini sudah punya tanggal nasional; pra-isi hanya untuk tahun kosong',
    en: 'this year already has national dates; pre-fill is for an empty year',
  },
  // Satisfaction survey (SKM): answers, and the rows of an imported paper survey.
  'skm.answer_range': { id: 'jawaban harus 1, 2, 3 atau 4 (atau huruf a–d)', en: 'the answer must be 1, 2, 3 or 4 (or the letter a–d)' },
  'skm.answer_required': { id: 'jawaban unsur ini wajib diisi', en: 'this element must be answered' },
  'skm.date': { id: 'harus tanggal TTTT-BB-HH atau HH/BB/TTTT, contoh 2026-03-19', en: 'must be a date YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-03-19' },
  'skm.date_needed': {
    id: 'tanggal survei tidak ada: isi kolom tanggal atau tanggal survei untuk seluruh berkas',
    en: 'no survey date: fill the date column or give a survey date for the whole file',
  },
  'skm.sex': { id: 'jenis kelamin harus L (laki-laki) atau P (perempuan)', en: 'sex must be L/M (male) or P/F (female)' },
  'skm.age': { id: 'usia harus angka tahun (contoh 34) atau kelompok umur (contoh 30-39)', en: 'age must be years (e.g. 34) or an age band (e.g. 30-39)' },
  'skm.education': { id: 'pendidikan harus salah satu dari: SD, SMP, SMA/SMK, D1–D3, D4/S1, S2, S3', en: 'education must be one of: SD, SMP, SMA/SMK, D1–D3, D4/S1, S2, S3' },
  'skm.occupation': {
    id: 'pekerjaan harus salah satu dari: PNS, TNI, POLRI, Swasta, Wirausaha, Penyedia, Lainnya',
    en: 'occupation must be one of: PNS, TNI, POLRI, Swasta, Wirausaha, Penyedia, Lainnya',
  },
  'skm.column_missing': { id: 'kolom wajib tidak ada di baris judul', en: 'a required column is missing from the header row' },
  'skm.column_duplicate': { id: 'kolom ini muncul lebih dari sekali', en: 'this column appears more than once' },
  'skm.column_unknown': { id: 'kolom tidak dikenal; diabaikan', en: 'unknown column; ignored' },
  'skm.file_format': { id: 'berkas tidak dapat dibaca sebagai CSV atau XLSX', en: 'the file cannot be read as CSV or XLSX' },
  'skm.file_empty': { id: 'berkas tidak berisi baris responden', en: 'the file has no respondent rows' },
  'skm.too_many_rows': { id: 'terlalu banyak baris (maksimal {maximum}); bagi berkasnya', en: 'too many rows (at most {maximum}); split the file' },
  'skm.suggestion_length': { id: 'saran maksimal 2000 karakter', en: 'a suggestion has at most 2000 characters' },
  'skm.service_unknown': { id: 'layanan tidak ada dalam standar pelayanan instansi', en: "the service is not in the agency's service standard" },
  'skm.request_answered': { id: 'survei untuk permohonan ini sudah diisi', en: 'the survey of this request was already answered' },
  'skm.request_not_closed': { id: 'survei dapat diisi setelah permohonan selesai', en: 'the survey can be answered once the request is closed' },
  // Complaints (pengaduan).
  'complaint.content_required': {
    id: 'wajib diisi menurut standar pelayanan instansi ("{requirement}")',
    en: 'is required by the agency\'s service standard ("{requirement}")',
  },
  'complaint.contact_needed': {
    id: 'isi e-mail atau nomor telepon agar jawaban dapat disampaikan',
    en: 'give an e-mail address or a phone number so that the answer can reach you',
  },
  'complaint.channel_unknown': { id: 'saluran pengaduan tidak ada dalam standar pelayanan instansi', en: "the complaint channel is not in the agency's service standard" },
  'complaint.service_unknown': { id: 'layanan tidak ada dalam standar pelayanan instansi', en: "the service is not in the agency's service standard" },
  'complaint.class_unknown': { id: 'klasifikasi pengaduan tidak ada dalam standar pelayanan instansi', en: "the complaint class is not in the agency's service standard" },
  'complaint.class_required': { id: 'pilih klasifikasi pengaduan dari standar pelayanan instansi', en: "choose a complaint class of the agency's service standard" },
  'complaint.class_none': { id: 'standar pelayanan instansi tidak mengenal klasifikasi pengaduan', en: "the agency's service standard has no complaint classes" },
  'complaint.transition': { id: 'langkah ini tidak dapat dilakukan pada status pengaduan saat ini', en: 'this step cannot be taken in the complaint\'s current status' },
  'complaint.missing_needed': { id: 'sebutkan apa yang kurang agar pengadu dapat melengkapinya', en: 'say what is missing so that the complainant can complete it' },
  'complaint.tracking': { id: 'nomor pengaduan dan kode pelacakan atau e-mail tidak cocok', en: 'the complaint number and the tracking code or e-mail do not match' },
  'complaint.reopen_window': { id: 'batas waktu untuk membuka kembali pengaduan sudah lewat', en: 'the time to reopen the complaint has passed' },
  'complaint.assignee_unknown': { id: 'petugas bukan pegawai instansi ini', en: 'the officer is not on the staff of this agency' },
  'complaint.lapor_duplicate': { id: 'laporan SP4N-LAPOR! dengan ID ini sudah tercatat', en: 'an SP4N-LAPOR! report with this ID is already recorded' },
  'complaint.received_future': { id: 'waktu penerimaan tidak boleh di masa depan', en: 'the time of receipt must not be in the future' },
  'complaint.service_date_future': { id: 'tanggal pelayanan tidak boleh setelah tanggal pengaduan', en: 'the service date must not be after the complaint' },
  'nik.format': { id: 'NIK harus 16 angka', en: 'a NIK has 16 digits' },
  'nik.structure': {
    id: 'NIK tidak sesuai susunannya (kode wilayah, tanggal lahir DDMMYY, perempuan tanggal + 40, nomor urut)',
    en: 'the NIK does not follow its structure (region codes, birth date DDMMYY, women day + 40, serial)',
  },
  'npwp.format': {
    id: 'NPWP harus 15 angka (99.999.999.9-999.999) atau 16 angka (NIK, atau 0 + 15 angka lama)',
    en: 'an NPWP has 15 digits (99.999.999.9-999.999) or 16 (a NIK, or 0 + the old 15 digits)',
  },
  'npwp.check_digit': { id: 'angka kontrol NPWP (digit ke-9) tidak cocok', en: 'the NPWP check digit (digit 9) does not match' },
  'nib.format': { id: 'NIB harus 13 angka', en: 'a NIB has 13 digits' },
  'phone.format': { id: 'nomor telepon tidak valid, contoh 0811 500 550', en: 'not a valid phone number, e.g. 0811 500 550' },
  'request.contact_required': { id: 'isi e-mail atau nomor telepon agar permohonan dapat dilacak', en: 'give an e-mail or a phone number so the request can be tracked' },
  'request.service_unknown': { id: 'layanan tidak ada dalam standar pelayanan yang berlaku', en: 'the service is not in the standard in force' },
  'request.channel_unknown': { id: 'saluran tidak tersedia untuk layanan ini', en: 'the channel is not offered for this service' },
  'request.channel_not_allowed': { id: 'saluran ini tidak dapat dipakai dari sini', en: 'this channel cannot be used from here' },
  'request.requester_type': { id: 'jenis pemohon tidak dilayani oleh layanan ini', en: 'this service does not serve this kind of requester' },
  'request.organisation_required': { id: 'data badan usaha atau instansi pemohon wajib diisi', en: 'the requester\'s company or government unit is required' },
  'request.event_date_required': { id: 'tanggal kegiatan wajib diisi untuk layanan ini', en: 'the date of the event is required for this service' },
  'request.lead_time': {
    id: 'permohonan harus diajukan minimal {minimum} sebelum {before}; tanggal paling awal {earliest}',
    en: 'the request must be filed at least {minimum} before the {before}; the earliest date is {earliest}',
  },
  'request.field_required': { id: 'isian persyaratan ini wajib diisi', en: 'this required field must be filled in' },
  'request.statement_required': { id: 'pernyataan ini wajib disetujui', en: 'this statement must be affirmed' },
  'request.requirement_unknown': { id: 'persyaratan tidak dikenal untuk layanan dan saluran ini', en: 'no such requirement for this service and channel' },
  'request.checklist_incomplete': { id: 'persyaratan wajib belum diterima', en: 'a required item has not been received' },
  'request.action_unknown': { id: 'tindakan tidak tersedia pada tahap ini', en: 'the action is not available at this step' },
  'request.external_reference_required': { id: 'nomor referensi sistem eksternal wajib diisi', en: 'the reference number in the external system is required' },
  'request.file_type': { id: 'jenis berkas tidak diizinkan (PDF, JPEG, PNG, DOCX, XLSX, ZIP)', en: 'file type not allowed (PDF, JPEG, PNG, DOCX, XLSX, ZIP)' },
  'request.file_size': { id: 'ukuran berkas melebihi {maximum} byte', en: 'the file is larger than {maximum} bytes' },
  // Vendors (penyedia) and their SPSE accounts.
  'vendor.user_id_format': {
    id: 'User ID 3–64 karakter: huruf, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka',
    en: 'a user ID has 3–64 characters: letters, digits, dots, underscores or hyphens, starting with a letter or digit',
  },
  'vendor.duplicate': { id: 'sudah terdaftar atas penyedia "{name}"; satu NPWP atau NIB adalah satu penyedia', en: 'is already registered to the vendor "{name}"; one NPWP or NIB is one vendor' },
  'vendor.user_id_taken': { id: 'User ID ini sudah dipakai akun lain di LPSE ini', en: 'this user ID is already used by another account at this LPSE' },
  'vendor.email_taken': { id: 'alamat e-mail ini sudah dipakai akun penyedia lain', en: "this e-mail address is already held by another vendor's account" },
  'vendor.email_same': { id: 'sama dengan alamat e-mail akun sekarang', en: "is the account's current e-mail address" },
  'vendor.npwp_same': { id: 'sama dengan NPWP yang tercatat', en: 'is the NPWP already recorded' },
  'vendor.legal_form_same': { id: 'sama dengan bentuk usaha yang tercatat', en: 'is the legal form already recorded' },
  'vendor.legal_form_documents': {
    id: 'perubahan bentuk usaha memerlukan akta baru dan NIB yang sudah diverifikasi di antara dokumen permohonan',
    en: "a change of legal form needs the new deed and NIB, verified, among the request's documents",
  },
  'vendor.nib_set': { id: 'NIB sudah tercatat; NIB berubah bersama perubahan bentuk usaha', en: 'a NIB is already recorded; it changes with a change of legal form' },
  'vendor.account_exists': { id: 'penyedia ini sudah memiliki akun di instansi ini', en: 'this vendor already has an account at this agency' },
  'vendor.account_missing': { id: 'penyedia belum memiliki akun di instansi ini', en: 'this vendor has no account at this agency yet' },
  'vendor.account_inactive': {
    id: 'akun nonaktif hanya dapat mengajukan aktivasi kembali',
    en: 'an inactive account can only ask to be activated again',
  },
  'vendor.account_not_active': { id: 'akun belum aktif', en: 'the account is not active' },
  'vendor.account_already_active': { id: 'akun sudah aktif', en: 'the account is already active' },
  'vendor.account_already_inactive': { id: 'akun sudah nonaktif', en: 'the account is already inactive' },
  'vendor.documents_missing': { id: 'penyedia belum menyerahkan dokumen apa pun', en: 'the vendor has not given any document' },
  'vendor.documents_unverified': { id: 'dokumen belum diverifikasi: {documents}', en: 'documents not verified yet: {documents}' },
  'vendor.document_unknown': { id: 'dokumen tidak ada pada berkas penyedia ini', en: "no such document in this vendor's file" },
  'vendor.document_superseded': { id: 'dokumen ini sudah diganti dokumen yang lebih baru', en: 'this document has been replaced by a newer one' },
  'vendor.person_unknown': { id: 'orang ini tidak tercatat pada penyedia ini', en: 'no such person on this vendor' },
  'vendor.person_duplicate': { id: 'NIK ini sudah tercatat pada penyedia ini', en: 'this NIK is already recorded on this vendor' },
  'vendor.not_registered': {
    id: 'penyedia dengan NPWP/NIB permohonan ini belum terdaftar; daftarkan dulu atau tautkan permohonan ke penyedia',
    en: "no vendor with this request's NPWP/NIB is registered; register it or link the request to a vendor first",
  },
  'vendor.change_missing': {
    id: 'isian perubahan layanan ini belum dicatat; tautkan permohonan ke penyedia dengan isian tersebut',
    en: "what this service changes has not been recorded; link the request to its vendor with it",
  },
  'vendor.service_not_account': { id: 'layanan ini tidak mengubah akun penyedia', en: "this service does not change a vendor's account" },
  'vendor.request_linked': { id: 'permohonan ini sudah ditautkan ke penyedia', en: 'this request is already linked to a vendor' },
  'vendor.request_closed': { id: 'permohonan sudah selesai', en: 'the request is closed' },
  'vendor.application_state': { id: 'layanan ini tidak lagi menunggu diajukan', en: 'this service is no longer waiting to be filed' },
  'vendor.aggregation_state': { id: 'agregasi ini tidak sedang menunggu jawaban LKPP', en: 'this aggregation is not waiting for an answer from LKPP' },
  'vendor.email_link_invalid': { id: 'tautan konfirmasi tidak dikenal', en: 'unknown confirmation link' },
  'vendor.email_link_used': { id: 'tautan konfirmasi sudah dipakai', en: 'the confirmation link has been used already' },
  'vendor.email_link_expired': { id: 'tautan konfirmasi sudah kedaluwarsa; minta tautan baru', en: 'the confirmation link has expired; ask for a new one' },
  'vendor.import_file': { id: 'berkas harus CSV (UTF-8) atau XLSX', en: 'the file must be CSV (UTF-8) or XLSX' },
  'vendor.import_column': { id: 'kolom wajib tidak ada di baris judul', en: 'a required column is missing from the header row' },
  'vendor.import_repeated': { id: 'muncul lebih dari sekali dalam berkas (baris {row})', en: 'appears more than once in the file (row {row})' },
  'vendor.import_status': { id: 'harus menunggu_verifikasi, aktif atau nonaktif', en: 'must be menunggu_verifikasi, aktif or nonaktif' },
  'vendor.import_empty': { id: 'berkas tidak berisi baris data', en: 'the file has no data rows' },
} satisfies Record<string, Localized>;

export type RuleKey = keyof typeof ruleMessages;

export function isRuleKey(value: unknown): value is RuleKey {
  return typeof value === 'string' && Object.hasOwn(ruleMessages, value);
}
