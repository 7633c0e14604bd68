"""What users read when something goes wrong: Indonesian by default, English on request."""

from __future__ import annotations

# code: (Bahasa Indonesia, English). Parameters in braces come from the error.
MESSAGES: dict[str, tuple[str, str]] = {
    # request shape
    "malformed_json": ("Isi permintaan bukan JSON yang sah.", "The request body is not valid JSON."),
    "malformed_body": ("Isi permintaan tidak dapat dibaca.", "The request body cannot be read."),
    "validation_failed": (
        "Data yang dikirim tidak sesuai format.",
        "The submitted data does not match the expected format.",
    ),
    "body_too_large": ("Ukuran permintaan melebihi batas.", "The request body is too large."),
    "cursor_invalid": ("Kursor halaman tidak sah.", "The page cursor is not valid."),
    "not_found": ("Alamat tidak ditemukan.", "Nothing is found at this address."),
    "method_not_allowed": ("Metode tidak diizinkan untuk alamat ini.", "This method is not allowed here."),
    "unsupported_media_type": ("Jenis konten tidak didukung.", "This content type is not supported."),
    "bad_request": ("Permintaan tidak sah.", "The request is not valid."),
    "nul_character": ("Karakter NUL tidak diperbolehkan.", "The NUL character is not allowed."),
    "text_invisible": (
        "Nama atau judul harus memuat huruf yang terlihat, bukan hanya karakter tak kasatmata.",
        "A name or title must contain visible characters, not only invisible ones.",
    ),
    "text_bidi_control": (
        "Nama atau judul tidak boleh memuat karakter pengatur arah teks (bidi).",
        "A name or title must not contain bidirectional text controls.",
    ),
    "rate_limited": (
        "Terlalu banyak permintaan. Coba lagi dalam {retry_after} detik.",
        "Too many requests. Try again in {retry_after} seconds.",
    ),
    "query_parameter_unknown": (
        "Parameter kueri tidak dikenal: {name}.",
        "Unknown query parameter: {name}.",
    ),
    "internal_error": (
        "Terjadi kesalahan pada server. Silakan coba lagi.",
        "Something went wrong on the server. Please try again.",
    ),
    "database_unavailable": (
        "Server sedang tidak dapat menjangkau basis data. Coba lagi dalam {retry_after} detik.",
        "The server cannot reach its database right now. Try again in {retry_after} seconds.",
    ),
    "database_busy": (
        "Server sedang sibuk. Coba lagi dalam {retry_after} detik.",
        "The server is busy. Try again in {retry_after} seconds.",
    ),
    # sign-in and tokens
    "not_authenticated": ("Silakan masuk terlebih dahulu.", "Please sign in first."),
    "login_failed": ("NIP/email atau kata sandi salah.", "Wrong NIP/email or password."),
    "login_throttled": (
        "Terlalu banyak percobaan masuk. Coba lagi dalam {retry_after} detik.",
        "Too many sign-in attempts. Try again in {retry_after} seconds.",
    ),
    "account_unavailable": (
        "Akun tidak tersedia. Silakan masuk kembali.",
        "This account is not available. Please sign in again.",
    ),
    "token_invalid": ("Token akses tidak sah.", "The access token is not valid."),
    "token_revoked": (
        "Token akses ini sudah dicabut karena sesi diakhiri. Perbarui dengan refresh token atau masuk kembali.",
        "This access token was revoked because sessions were ended. Renew it with the refresh token or sign in again.",
    ),
    "token_expired": (
        "Token akses kedaluwarsa. Perbarui dengan refresh token.",
        "The access token has expired. Renew it with the refresh token.",
    ),
    "token_wrong_audience": ("Token ini bukan untuk layanan ini.", "This token is not meant for this service."),
    "refresh_token_invalid": (
        "Refresh token tidak sah atau kedaluwarsa. Silakan masuk kembali.",
        "The refresh token is not valid or has expired. Please sign in again.",
    ),
    "refresh_token_reused": (
        "Refresh token sudah pernah dipakai; demi keamanan semua sesi terkait diakhiri. Silakan masuk kembali.",
        "This refresh token was already used; for safety every related session was ended. Please sign in again.",
    ),
    # access
    "forbidden": ("Anda tidak berhak melakukan ini.", "You are not allowed to do this."),
    "admin_required": ("Hanya admin yang dapat melakukan ini.", "Only an admin can do this."),
    "superadmin_required": ("Hanya superadmin yang dapat melakukan ini.", "Only a superadmin can do this."),
    "outside_region": ("Data ini berada di luar wilayah Anda.", "This is outside your region."),
    "role_grant_forbidden": ("Anda tidak dapat memberikan peran ini.", "You cannot grant this role."),
    "person_out_of_reach": (
        "Orang ini memegang peran di atas peran Anda; datanya hanya dapat dibuka dan diubah oleh superadmin.",
        "This person holds a role above yours; only a superadmin can open or change their record.",
    ),
    "person_anonymised": (
        "Data orang ini telah dianonimkan dan tidak dapat diubah lagi.",
        "This person's data has been anonymised and can no longer be changed.",
    ),
    "person_still_active": (
        "Nonaktifkan orang ini terlebih dahulu; hanya pegawai yang telah keluar yang dapat dianonimkan.",
        "Deactivate this person first; only people who have left can be anonymised.",
    ),
    "cannot_change_own_access": (
        "Anda tidak dapat mengubah peran atau menonaktifkan akun Anda sendiri.",
        "You cannot change your own roles or deactivate yourself.",
    ),
    # organisation
    "name_required": ("Nama wajib diisi.", "A name is required."),
    "name_too_long": (
        "Nama terlalu panjang (maksimal {max} karakter).",
        "The name is too long (at most {max} characters).",
    ),
    "slug_format": (
        "Slug hanya boleh huruf kecil, angka dan tanda hubung.",
        "A slug may hold only lowercase letters, digits and hyphens.",
    ),
    "slug_taken": ("Slug {slug} sudah dipakai.", "The slug {slug} is already taken."),
    "timezone_unknown": ("Zona waktu {timezone} tidak dikenal.", "Unknown time zone {timezone}."),
    "region_not_found": ("Wilayah tidak ditemukan.", "Region not found."),
    "agency_not_found": ("Perangkat daerah tidak ditemukan.", "Agency not found."),
    "agency_exists": ("Perangkat daerah dengan nama ini sudah ada.", "An agency with this name already exists."),
    "unit_not_found": ("Unit kerja tidak ditemukan.", "Unit not found."),
    "parent_unit_outside_agency": (
        "Unit induk harus berada di perangkat daerah yang sama.",
        "The parent unit must belong to the same agency.",
    ),
    # people
    "user_not_found": ("Pengguna tidak ditemukan.", "User not found."),
    "nip_format": ("NIP harus terdiri dari 18 angka.", "A NIP has exactly 18 digits."),
    "nip_birth_date": ("Tanggal lahir dalam NIP tidak valid.", "The birth date in the NIP is not a real date."),
    "nip_appointment_date": ("TMT CPNS dalam NIP tidak valid.", "The appointment date in the NIP is not a real date."),
    "nip_appointment_before_birth": (
        "TMT CPNS dalam NIP lebih awal dari tanggal lahir.",
        "The appointment date in the NIP is before the birth date.",
    ),
    "nip_sex_digit": ("Digit jenis kelamin dalam NIP harus 1 atau 2.", "The sex digit of the NIP must be 1 or 2."),
    "nip_required": ("NIP wajib diisi untuk ASN.", "An ASN needs a NIP."),
    "nip_taken": ("NIP sudah terdaftar.", "This NIP is already registered."),
    "email_format": ("Format email tidak valid.", "The email address is not valid."),
    "email_taken": ("Email sudah terdaftar.", "This email is already registered."),
    "login_required": (
        "Isi NIP atau email agar pengguna dapat masuk.",
        "Give a NIP or an email so that the person can sign in.",
    ),
    "person_exists": (
        "Pengguna dengan NIP atau email ini sudah ada.",
        "A person with this NIP or email already exists.",
    ),
    "staff_type_unknown": ("Jenis pegawai harus PNS atau PPPK.", "Staff type must be PNS or PPPK."),
    "role_unknown": ("Peran tidak dikenal.", "Unknown role."),
    "roles_required": ("Setidaknya satu peran wajib diisi.", "At least one role is required."),
    "unit_required": ("Unit kerja wajib diisi.", "A unit is required."),
    "unit_unknown": ("Unit kerja tidak ditemukan.", "Unknown unit."),
    "password_length": ("Kata sandi harus {min}–{max} karakter.", "A password has {min}–{max} characters."),
    # CSV import
    "csv_encoding": ("Berkas CSV harus berenkode UTF-8.", "The CSV file must be UTF-8."),
    "csv_header": (
        "Kolom wajib tidak ada: {missing}. Kolom yang terbaca: {found}; pemisah yang terdeteksi: {delimiter}.",
        "Required columns are missing: {missing}. Columns found: {found}; delimiter detected: {delimiter}.",
    ),
    "csv_empty": ("Berkas CSV tidak berisi data.", "The CSV file holds no rows."),
    "csv_malformed": ("Berkas CSV rusak pada baris {line}.", "The CSV file is malformed at line {line}."),
    "csv_too_many_rows": ("Berkas CSV melebihi {max} baris.", "The CSV file has more than {max} rows."),
    "csv_file_required": ("Unggah berkas CSV pada kolom 'file'.", "Upload the CSV file in the 'file' field."),
    "nip_duplicate_in_file": ("NIP sama dengan baris {first_line}.", "Same NIP as line {first_line}."),
    "email_duplicate_in_file": ("Email sama dengan baris {first_line}.", "Same email as line {first_line}."),
    # partners and module authoring
    "author_required": (
        "Hanya admin atau mitra yang dapat menyusun modul.",
        "Only admins and partners author modules.",
    ),
    "partner_not_found": ("Akun mitra tidak ditemukan.", "No such partner account."),
    "partner_not_admitted": (
        "Mitra belum diterima oleh daerah ini.",
        "This partner has not been admitted by the region.",
    ),
    "module_region_required": ("Pilih daerah tujuan modul.", "Choose the region the module is for."),
    "module_not_found": ("Modul tidak ditemukan.", "No such module."),
    "module_not_published": ("Modul belum diterbitkan.", "The module is not published."),
    "module_archived": ("Modul sudah diarsipkan.", "The module has been archived."),
    "module_publish_forbidden": (
        "Hanya admin daerah modul ini yang dapat menerbitkan atau mengarsipkannya.",
        "Only an admin of the module's region publishes or archives it.",
    ),
    "module_published_admin_edits": (
        "Modul yang sudah terbit hanya dapat diubah oleh admin daerahnya.",
        "Only an admin of its region edits a published module.",
    ),
    "module_status_unknown": (
        "Status modul harus draft, published atau archived.",
        "Status is draft, published or archived.",
    ),
    "module_title_required": ("Judul modul wajib diisi.", "A title is required."),
    "module_title_too_long": ("Judul modul paling panjang {max} karakter.", "A title has at most {max} characters."),
    "module_summary_too_long": ("Ringkasan paling panjang {max} karakter.", "A summary has at most {max} characters."),
    "module_competency_type_unknown": (
        "Jenis kompetensi harus teknis, manajerial atau sosial_kultural.",
        "Competency type is teknis, manajerial or sosial_kultural.",
    ),
    "module_value_unknown": (
        "Nilai BerAKHLAK tidak dikenal.",
        "Unknown BerAKHLAK value.",
    ),
    "module_topics_required": ("Setidaknya satu topik wajib diisi.", "At least one topic is required."),
    "module_too_many_topics": ("Paling banyak {max} topik.", "At most {max} topics."),
    "module_topic_format": (
        "Topik '{topic}' harus huruf kecil, angka dan tanda hubung.",
        "Topic '{topic}' must be lower-case letters, digits and hyphens.",
    ),
    "module_minutes_range": ("Perkiraan durasi harus 1–60 menit.", "Estimated minutes must be 1–60."),
    "module_min_seconds_range": (
        "Waktu minimum harus antara 0 dan perkiraan durasi.",
        "Minimum seconds must be between 0 and the estimated duration.",
    ),
    "module_jp_range": ("JP harus antara 0 dan {max}.", "JP must be between 0 and {max}."),
    "module_jp_precision": (
        "JP paling banyak dua angka desimal (mis. 0,25).",
        "JP has at most two decimals (e.g. 0.25).",
    ),
    "module_xp_range": ("XP harus antara 0 dan {max}.", "XP must be between 0 and {max}."),
    "module_pass_mark_range": ("Nilai lulus harus 1–100.", "The pass mark must be 1–100."),
    "module_lessons_required": ("Setidaknya satu materi wajib diisi.", "At least one lesson is required."),
    "module_too_many_lessons": ("Paling banyak {max} materi.", "At most {max} lessons."),
    "module_lesson_kind_unknown": ("Jenis materi harus text, image atau video.", "A lesson is text, image or video."),
    "module_lesson_body": (
        "Isi materi ke-{number} kosong atau melebihi {max} karakter.",
        "Lesson {number} is empty or longer than {max} characters.",
    ),
    "module_lesson_link": (
        "Materi ke-{number} harus berupa tautan https.",
        "Lesson {number} must be an https link.",
    ),
    "module_questions_required": ("Setidaknya satu soal wajib diisi.", "At least one question is required."),
    "module_too_many_questions": ("Paling banyak {max} soal.", "At most {max} questions."),
    "module_question_text": (
        "Soal ke-{number} kosong atau melebihi {max} karakter.",
        "Question {number} is empty or longer than {max} characters.",
    ),
    "module_question_kind_unknown": ("Jenis soal harus single atau multiple.", "A question is single or multiple."),
    "module_question_options": (
        "Soal ke-{number} harus punya 2–{max} pilihan.",
        "Question {number} needs 2–{max} options.",
    ),
    "module_option_text": (
        "Pilihan pada soal ke-{number} kosong atau melebihi {max} karakter.",
        "An option of question {number} is empty or longer than {max} characters.",
    ),
    "module_single_needs_one_correct": (
        "Soal ke-{number} (pilihan tunggal) harus punya tepat satu jawaban benar.",
        "Question {number} (single choice) needs exactly one correct option.",
    ),
    "module_multiple_needs_correct": (
        "Soal ke-{number} (pilihan ganda) harus punya jawaban benar.",
        "Question {number} (multiple choice) needs a correct option.",
    ),
    # catalogue, attempts and sync
    "progress_unknown": (
        "Status belajar harus not_started, in_progress atau completed.",
        "Progress is not_started, in_progress or completed.",
    ),
    "learner_only": (
        "Hanya ASN dengan unit kerja yang dapat melakukan ini.",
        "Only staff with a unit can do this.",
    ),
    "client_id_format": (
        "client_id harus 8–64 karakter huruf, angka atau . _ : -",
        "client_id must be 8–64 letters, digits or . _ : -",
    ),
    "client_id_reused": (
        "client_id ini sudah dipakai untuk modul lain.",
        "This client_id was already used for another module.",
    ),
    "answer_question_unknown": (
        "Soal {question} tidak ada dalam modul ini.",
        "Question {question} is not in this module.",
    ),
    "answer_question_repeated": ("Soal {question} dijawab dua kali.", "Question {question} is answered twice."),
    "answer_option_unknown": (
        "Jawaban soal {question} bukan pilihan dari soal itu.",
        "The answer to question {question} is not one of its options.",
    ),
    "answer_option_repeated": (
        "Pilihan yang sama dikirim dua kali untuk soal {question}.",
        "The same option is sent twice for question {question}.",
    ),
    "answer_single_has_many": (
        "Soal {question} hanya boleh satu jawaban.",
        "Question {question} takes one answer only.",
    ),
    "answer_versions_mixed": (
        "Jawaban berasal dari versi modul yang berbeda. Muat ulang modul.",
        "The answers come from different versions of the module. Reload it.",
    ),
    "attempt_time_zone_required": (
        "Waktu mulai dan selesai harus menyertakan zona waktu.",
        "Start and finish times must include a time zone.",
    ),
    "attempt_times_out_of_order": ("Waktu selesai sebelum waktu mulai.", "The finish time is before the start time."),
    "attempt_in_future": (
        "Waktu selesai ada di masa depan. Periksa jam perangkat.",
        "The finish time is in the future. Check the device clock.",
    ),
    "attempt_too_old": (
        "Percobaan lebih lama dari {days} hari tidak dapat dikirim lagi.",
        "Attempts older than {days} days can no longer be sent.",
    ),
    "attempt_too_fast": (
        "Percobaan terlalu cepat: minimal {min_seconds} detik.",
        "The attempt was too fast: it takes at least {min_seconds} seconds.",
    ),
    "json_key_repeated": ("Kunci '{key}' muncul dua kali.", "The key '{key}' appears twice."),
    "sync_batch_empty": ("Tidak ada percobaan untuk disinkronkan.", "There are no attempts to sync."),
    "sync_batch_too_large": (
        "Paling banyak {max} percobaan per sinkronisasi.",
        "At most {max} attempts per sync.",
    ),
    "year_out_of_range": ("Tahun di luar jangkauan.", "The year is out of range."),
    # points, levels, streak calendar and badges
    "rule_unknown": ("Aturan poin tidak dikenal.", "Unknown point rule."),
    "rule_formula_unknown": (
        "Rumus harus fact_xp, fixed, perfect_first_attempt atau by_level.",
        "The formula is fact_xp, fixed, perfect_first_attempt or by_level.",
    ),
    "rule_params": ("Parameter rumus harus: {expected}.", "The formula takes: {expected}."),
    "rule_param_range": ("Nilai parameter harus 0–{max}.", "Parameter values must be 0–{max}."),
    "rule_effective_from_range": ("Tanggal berlaku di luar jangkauan.", "The effective date is out of range."),
    "levels_count": ("Tingkat harus 2–30 jenjang.", "Levels need 2–30 steps."),
    "levels_thresholds": (
        "Ambang XP harus mulai dari 0 dan terus naik.",
        "XP thresholds must start at 0 and rise.",
    ),
    "levels_name": ("Nama tingkat wajib diisi, paling panjang 40 karakter.", "A level name has 1–40 characters."),
    "region_required": ("Pilih daerah.", "Choose a region."),
    "holiday_name_required": ("Nama hari libur wajib diisi.", "A holiday needs a name."),
    "holiday_exists": ("Tanggal ini sudah tercatat sebagai hari libur.", "This date is already a holiday."),
    "holiday_not_found": ("Hari libur tidak ditemukan.", "No such holiday."),
    "badge_code_format": (
        "Kode lencana: huruf kecil, angka dan tanda hubung; nama wajib diisi.",
        "A badge code is lower-case letters, digits and hyphens; a name is required.",
    ),
    "badge_code_taken": ("Kode lencana sudah dipakai.", "This badge code is taken."),
    "badge_criterion_unknown": ("Jenis kriteria lencana tidak dikenal.", "Unknown badge criterion."),
    "badge_criterion_params": (
        "Parameter kriteria lencana tidak sah (boleh: {allowed}).",
        "Badge criterion parameters are not valid (allowed: {allowed}).",
    ),
    "board_scope_unknown": (
        "Cakupan papan peringkat tidak dikenal (pilihan: {allowed}).",
        "Unknown leaderboard scope (choose from: {allowed}).",
    ),
    "board_period_unknown": (
        "Periode papan peringkat tidak dikenal (pilihan: {allowed}).",
        "Unknown leaderboard period (choose from: {allowed}).",
    ),
    "board_period_start_invalid": (
        "Tanggal itu bukan awal suatu periode {period}.",
        "That date does not start a {period} period.",
    ),
    "board_limit_out_of_range": ("Jumlah baris harus 1 sampai {max}.", "The limit must be between 1 and {max}."),
    "board_radius_out_of_range": ("Radius harus 1 sampai {max}.", "The radius must be between 1 and {max}."),
    "board_scope_not_found": ("Unit, perangkat daerah atau daerah itu tidak ada.", "No such unit, agency or region."),
    "board_scope_id_required": (
        "Sebutkan scope_id: Anda tidak berada di cakupan itu.",
        "Give a scope_id: you do not belong to such a scope.",
    ),
    "board_out_of_reach": (
        "Papan peringkat itu di luar jangkauan Anda.",
        "That leaderboard is outside your reach.",
    ),
    "board_not_on_it": ("Anda tidak berada di papan peringkat itu.", "You are not on that leaderboard."),
    "display_maker_required": (
        "Hanya admin atau manajer yang dapat mengatur layar kantor.",
        "Only admins and managers manage office displays.",
    ),
    "display_out_of_reach": (
        "Papan peringkat itu di luar wilayah atau unit yang Anda kelola.",
        "That board is outside the region or units you manage.",
    ),
    "display_name_length": ("Nama layar harus 1 sampai {max} karakter.", "A display name has 1 to {max} characters."),
    "display_not_found": ("Layar tidak ditemukan.", "No such display."),
    "display_revoked": ("Layar ini telah dicabut.", "This display has been revoked."),
    "display_streams_exhausted": (
        "Terlalu banyak siaran langsung layar ini yang terbuka; layar diperbarui berkala sebagai gantinya.",
        "Too many live streams of this display are open; the screen refreshes periodically instead.",
    ),
    "reward_name_length": ("Nama hadiah harus 1 sampai 120 karakter.", "A reward name has 1 to 120 characters."),
    "reward_kind_unknown": (
        "Jenis hadiah tidak dikenal (pilihan: {allowed}).",
        "Unknown reward kind (choose from: {allowed}).",
    ),
    "reward_cost_range": ("Harga hadiah harus 1 sampai {max} poin.", "A reward costs 1 to {max} points."),
    "reward_stock_range": (
        "Stok harus 0 sampai {max}, atau kosong untuk tak terbatas.",
        "Stock is 0 to {max}, or null for unlimited.",
    ),
    "reward_limit_range": ("Batas per orang harus 1 sampai {max}.", "The per-person limit is 1 to {max}."),
    "reward_active_window": ("Akhir masa berlaku harus setelah awalnya.", "active_until must come after active_from."),
    "reward_not_found": ("Hadiah tidak ditemukan.", "No such reward."),
    "reward_inactive": ("Hadiah ini sedang tidak dapat ditukar.", "This reward cannot be redeemed now."),
    "balance_insufficient": (
        "Saldo poin Anda {balance} poin, tidak cukup untuk hadiah seharga {cost} poin.",
        "Your points balance is {balance}, short of this reward's {cost} points.",
    ),
    "reward_out_of_stock": ("Stok hadiah ini sudah habis.", "This reward is out of stock."),
    "reward_limit_reached": (
        "Anda sudah mencapai batas {limit} penukaran hadiah ini untuk periode ini.",
        "You reached this reward's limit of {limit} for the period.",
    ),
    "decision_unknown": ("Keputusan tidak dikenal (pilihan: {allowed}).", "Unknown decision (choose from: {allowed})."),
    "redemption_not_found": ("Penukaran tidak ditemukan.", "No such redemption."),
    "redemption_already_decided": (
        "Penukaran ini sudah diputuskan ({status}).",
        "This redemption has already been decided ({status}).",
    ),
    "self_decision": (
        "Anda tidak dapat memutuskan permohonan atau inovasi Anda sendiri, atau mencatat replikasinya.",
        "You cannot decide your own request or initiative, or record its replication.",
    ),
    "decision_out_of_scope": (
        "Permohonan ini di luar unit yang Anda pimpin.",
        "This request is outside the units you lead.",
    ),
    "notification_ids_count": ("Tandai 1 sampai {max} notifikasi sekaligus.", "Mark 1 to {max} notifications at once."),
    "initiative_title_length": (
        "Judul inovasi harus 3 sampai 160 karakter.",
        "An initiative title has 3 to 160 characters.",
    ),
    "initiative_text_length": ("Uraian harus 10 sampai 4000 karakter.", "A description has 10 to 4000 characters."),
    "initiative_category_unknown": (
        "Kategori inovasi tidak dikenal (pilihan: {allowed}).",
        "Unknown category (choose from: {allowed}).",
    ),
    "initiative_team_size": (
        "Tim paling banyak {max} orang, tanpa nama ganda.",
        "A team has at most {max} people, none twice.",
    ),
    "initiative_team_unknown": (
        "Anggota tim harus pegawai aktif di daerah Anda.",
        "Team members must be active staff of your region.",
    ),
    "initiative_unit_outside_region": ("Unit itu tidak berada di daerah Anda.", "That unit is not in your region."),
    "initiative_not_found": ("Inovasi tidak ditemukan.", "No such initiative."),
    "initiative_team_only": ("Hanya tim inovasi yang dapat melakukan ini.", "Only the initiative's team can do this."),
    "initiative_wrong_state": (
        "Langkah ini tidak berlaku untuk inovasi berstatus {status}.",
        "This step does not apply to an initiative in state {status}.",
    ),
    "initiative_status_unknown": (
        "Status tidak dikenal (pilihan: {allowed}).",
        "Unknown status (choose from: {allowed}).",
    ),
    "initiative_impact_unknown": (
        "Cakupan dampak tidak dikenal (pilihan: {allowed}).",
        "Unknown impact (choose from: {allowed}).",
    ),
    "initiative_links": ("Paling banyak 10 tautan http(s).", "At most 10 http(s) links."),
    "impact_out_of_reach": (
        "Dampak tingkat {impact} harus diverifikasi oleh pejabat di tingkat itu.",
        "Impact at {impact} level must be verified at that level.",
    ),
    "replication_same_unit": (
        "Unit asal tidak dapat mereplikasi inovasinya sendiri.",
        "The original unit cannot replicate its own initiative.",
    ),
    "replication_exists": (
        "Unit ini sudah tercatat mereplikasi inovasi ini.",
        "This unit already replicated this initiative.",
    ),
    "unit_has_no_staff": (
        "Unit ini belum memiliki pegawai aktif, sehingga belum dapat mereplikasi inovasi.",
        "This unit has no active staff yet, so it cannot replicate an initiative.",
    ),
    "manager_required": (
        "Hanya manajer atau admin yang memiliki kotak keputusan.",
        "Only managers and admins have a decision inbox.",
    ),
    "unit_sort_unknown": (
        "Urutan unit tidak dikenal (pilihan: {allowed}).",
        "Unknown unit order (choose from: {allowed}).",
    ),
    "units_cursor_unknown": (
        "Unit pada kursor halaman tidak lagi ada dalam daftar ini; mulai lagi dari halaman pertama.",
        "The page cursor's unit is no longer in this list; start again from the first page.",
    ),
    "bulk_size": ("Kirim 1 sampai {max} keputusan sekaligus.", "Send 1 to {max} decisions at once."),
    "bulk_kind_unknown": (
        "Jenis keputusan tidak dikenal (pilihan: {allowed}).",
        "Unknown decision kind (choose from: {allowed}).",
    ),
    # certificates and training records from outside Tangkas
    "evidence_file_required": (
        'Kirim berkas bukti sebagai multipart/form-data dengan bagian bernama "file".',
        'Send the evidence as multipart/form-data with a part named "file".',
    ),
    "evidence_empty": ("Berkas bukti kosong.", "The evidence file is empty."),
    "evidence_too_large": (
        "Berkas bukti terlalu besar (paling besar {max_mb} MB).",
        "The evidence file is too large (at most {max_mb} MB).",
    ),
    "evidence_type_not_allowed": (
        "Berkas bukti harus PDF, JPEG, PNG atau WebP.",
        "The evidence must be a PDF, JPEG, PNG or WebP file.",
    ),
    "evidence_type_mismatch": (
        "Isi berkas ({found}) tidak sesuai dengan jenis yang disebutkan ({declared}).",
        "The file's content ({found}) does not match its stated type ({declared}).",
    ),
    "certificate_title_length": (
        "Judul pelatihan harus 3 sampai 160 karakter.",
        "A training title has 3 to 160 characters.",
    ),
    "certificate_issuer_length": (
        "Nama penyelenggara harus 2 sampai 160 karakter.",
        "An issuer's name has 2 to 160 characters.",
    ),
    "certificate_number_format": (
        "Nomor sertifikat paling banyak 64 karakter, harus memuat huruf atau angka, tanpa karakter tak terlihat.",
        "A certificate number has at most 64 characters, with letters or digits and no invisible characters.",
    ),
    # certificates (fix-certs)
    "certificate_issuer_format": (
        "Nama penyelenggara tidak boleh memuat karakter tak terlihat.",
        "An issuer's name may not hold invisible characters.",
    ),
    "certificate_number_required": (
        "Nomor sertifikat wajib diisi pada impor.",
        "An imported row needs its certificate number.",
    ),
    "certificate_date_format": (
        "Tanggal selesai harus berformat TTTT-BB-HH.",
        "The completion date must be written YYYY-MM-DD.",
    ),
    "certificate_in_future": (
        "Tanggal selesai pelatihan belum tiba.",
        "The training's completion date has not come yet.",
    ),
    "certificate_too_old": (
        "Hanya pelatihan yang selesai sejak {earliest} yang dapat dicatat.",
        "Only training completed since {earliest} can be recorded.",
    ),
    "certificate_jp_range": (
        "JP harus lebih dari 0 dan paling banyak {max}, dengan paling banyak dua angka desimal.",
        "JP must be above 0 and at most {max}, with at most two decimals.",
    ),
    "certificate_grant_range": (
        "JP yang diakui harus 0 sampai {max}, dengan paling banyak dua angka desimal.",
        "JP granted must be 0 to {max}, with at most two decimals.",
    ),
    "certificate_grant_reason_required": (
        "Jelaskan alasannya bila JP yang diakui berbeda dari yang diajukan.",
        "Give a reason when the JP granted differs from the JP claimed.",
    ),
    "certificate_return_reason_required": (
        "Jelaskan apa yang perlu diperbaiki sebelum mengembalikan.",
        "Say what needs correcting when returning a record.",
    ),
    "certificate_competency_type_unknown": (
        "Jenis kompetensi tidak dikenal (pilihan: {allowed}).",
        "Unknown competency type (choose from: {allowed}).",
    ),
    "certificate_duplicate": (
        "Sertifikat dengan penyelenggara dan nomor yang sama sudah tercatat.",
        "A certificate with the same issuer and number is already recorded.",
    ),
    "certificate_not_found": ("Sertifikat tidak ditemukan.", "No such certificate."),
    "certificate_owner_only": (
        "Hanya pemilik sertifikat yang dapat melakukan ini.",
        "Only the certificate's owner can do this.",
    ),
    "certificate_evidence_not_found": (
        "Sertifikat ini belum memiliki berkas bukti.",
        "This certificate has no evidence file yet.",
    ),
    "certificate_evidence_missing": (
        "Sertifikat belum dapat diverifikasi karena berkas buktinya belum diunggah.",
        "The certificate cannot be verified before its evidence is uploaded.",
    ),
    "certificate_evidence_changed": (
        "Berkas bukti baru saja diganti dari perangkat lain; muat ulang lalu coba lagi.",
        "The evidence was just replaced from another device; reload and try again.",
    ),
    "certificate_person_unknown": (
        "Tidak ada pegawai aktif dengan NIP ini di daerah Anda.",
        "No active staff member with this NIP in your region.",
    ),
    "certificate_partner_org_unknown": ("Lembaga pelatihan tidak dikenal.", "Unknown training body."),
    "already_decided": (
        "Keputusan sudah diambil (status: {status}).",
        "A decision was already taken (status: {status}).",
    ),
    # events (workshops, seminars, webinars, classroom diklat)
    "event_not_found": ("Kegiatan tidak ditemukan.", "No such event."),
    "organiser_required": (
        "Hanya penyelenggara kegiatan ini (admin wilayahnya atau mitra pembuatnya) yang boleh melakukannya.",
        "Only the organiser of this event (an admin of its region or the partner who made it) may do this.",
    ),
    "event_not_open_to_you": ("Kegiatan ini tidak terbuka untuk Anda.", "This event is not open to you."),
    "event_not_open_to_person": (
        "Kegiatan ini tidak terbuka untuk pegawai tersebut.",
        "This event is not open to that member of staff.",
    ),
    "event_cancelled": ("Kegiatan ini telah dibatalkan.", "This event has been cancelled."),
    "event_not_published": ("Kegiatan ini belum diterbitkan.", "This event is not published yet."),
    "event_started": (
        "Kegiatan sudah dimulai; pendaftaran tidak dapat dibatalkan lagi.",
        "The event has started; the registration can no longer be cancelled.",
    ),
    "event_region_required": (
        "Mitra harus menyebutkan wilayah kegiatan (region_id).",
        "A partner must name the event's region (region_id).",
    ),
    "event_kind_unknown": (
        "Jenis kegiatan tidak dikenal: {value}. Pilih workshop, seminar, webinar atau diklat.",
        "Unknown event kind: {value}. Choose workshop, seminar, webinar or diklat.",
    ),
    "competency_type_unknown": (
        "Jenis kompetensi tidak dikenal: {value}. Pilih teknis, manajerial atau sosial_kultural.",
        "Unknown competency type: {value}. Choose teknis, manajerial or sosial_kultural.",
    ),
    "event_audience_unknown": (
        "Sasaran peserta tidak dikenal: {value}. Pilih all, units atau agencies.",
        "Unknown audience: {value}. Choose all, units or agencies.",
    ),
    "event_audience_ids": (
        "Daftar unit atau perangkat daerah sasaran tidak sah (kosong, atau bukan milik wilayah kegiatan).",
        "The audience's units or agencies are not valid (none given, or not of the event's region).",
    ),
    "event_repeat_unknown": (
        "Pengulangan tidak dikenal: {value}. Pilih none, weekly atau monthly.",
        "Unknown repetition: {value}. Choose none, weekly or monthly.",
    ),
    "event_repeat_one_session": (
        "Pengulangan mingguan atau bulanan dibuat dari tepat satu sesi.",
        "A weekly or monthly repetition is made from exactly one session.",
    ),
    "event_repeat_count": (
        "Jumlah pengulangan hanya berlaku untuk sesi yang diulang.",
        "A repeat count applies only to a repeated session.",
    ),
    "event_session_count": (
        "Kegiatan memiliki 1 sampai {max} sesi.",
        "An event has between 1 and {max} sessions.",
    ),
    "event_session_times": (
        "Setiap sesi berakhir setelah dimulai, paling lama 12 jam, antara tahun 2000 dan 2100.",
        "Each session ends after it starts, within 12 hours, between the years 2000 and 2100.",
    ),
    "event_sessions_overlap": ("Sesi-sesi kegiatan tidak boleh tumpang tindih.", "The sessions must not overlap."),
    "event_time_zone_missing": (
        "Waktu harus menyertakan zona waktu (mis. 2027-01-04T09:00:00+07:00).",
        "Times must carry a time zone (e.g. 2027-01-04T09:00:00+07:00).",
    ),
    "event_registration_window": (
        "Pendaftaran dibuka sebelum ditutup, dan ditutup paling lambat saat sesi terakhir berakhir.",
        "Registration opens before it closes, and closes by the end of the last session.",
    ),
    "event_min_attendance": (
        "Kehadiran minimum antara 1 dan 100 persen.",
        "The minimum attendance is between 1 and 100 percent.",
    ),
    "event_title_length": ("Judul kegiatan 3 sampai 200 karakter.", "An event title has 3 to 200 characters."),
    "event_xp_range": ("XP kegiatan antara 0 dan {max}.", "An event's XP is between 0 and {max}."),
    "event_online_url": (
        "Tautan daring harus diawali https:// atau http://.",
        "The online link must start with https:// or http://.",
    ),
    "registration_closed": (
        "Pendaftaran kegiatan ini tidak sedang dibuka.",
        "Registration for this event is not open.",
    ),
    "not_registered": (
        "Anda tidak terdaftar (atau masih dalam daftar tunggu) pada kegiatan ini.",
        "You are not registered for this event (or are still on its waiting list).",
    ),
    "session_not_found": ("Sesi kegiatan tidak ditemukan.", "No such session."),
    "session_not_started": ("Sesi ini belum dimulai.", "This session has not started yet."),
    "attendance_list_duplicates": (
        "Daftar hadir memuat NIP yang sama lebih dari sekali.",
        "The attendance list names a NIP more than once.",
    ),
    "checkin_code_invalid": (
        "Kode presensi tidak cocok dengan sesi ini.",
        "The check-in code does not match this session.",
    ),
    "checkin_code_expired": (
        "Kode presensi sudah kedaluwarsa: pindai kode yang sedang ditampilkan penyelenggara.",
        "The check-in code has expired: scan the code the organiser is showing now.",
    ),
    # events: registration times within the calendar the sessions keep to
    "event_registration_times": (
        "Waktu buka dan tutup pendaftaran harus antara tahun 2000 dan 2100.",
        "Registration opens and closes between the years 2000 and 2100.",
    ),
    # events: check-in guesses capped per person and session
    "checkin_attempts_exhausted": (
        "Terlalu banyak kode presensi salah untuk sesi ini; presensi Anda dapat dicatat penyelenggara lewat daftar hadir.",
        "Too many wrong check-in codes for this session; the organiser can record your attendance on the attendance list.",
    ),
    "checkin_outside_session": (
        "Waktu pindai berada di luar jadwal sesi ini.",
        "The moment of the scan lies outside this session's time.",
    ),
    "checkin_scanned_in_future": (
        "Waktu pindai berada di masa depan; periksa jam ponsel Anda.",
        "The moment of the scan is in the future; check your phone's clock.",
    ),
    "checkin_too_late": (
        "Presensi dikirim terlalu lama setelah sesi berakhir (lebih dari 24 jam).",
        "The check-in was sent too long after the session ended (more than 24 hours).",
    ),
    "feedback_too_early": (
        "Umpan balik dapat diberikan setelah sesi terakhir berakhir.",
        "Feedback can be given once the last session has ended.",
    ),
    "registration_status_unknown": (
        "Status pendaftaran tidak dikenal: {value}. Pilih registered, waitlisted atau cancelled.",
        "Unknown registration status: {value}. Choose registered, waitlisted or cancelled.",
    ),
    "feedback_rating": ("Nilai umpan balik antara 1 dan 5.", "A rating is between 1 and 5."),
    # partners and xAPI
    "partner_org_not_found": ("Organisasi mitra tidak ditemukan.", "No such partner organisation."),
    "partner_org_members_only": (
        "Hanya orang dari organisasi mitra ini yang dapat mengelolanya.",
        "Only the partner organisation's own people manage this.",
    ),
    "partner_org_attach_superadmin": (
        "Hanya superadmin (atau admin satu-satunya daerah yang menerima organisasi ini) yang dapat menambahkan orangnya.",
        "Only a superadmin (or the admin of the only region that admitted it) adds people to this organisation.",
    ),
    "partner_role_required": ("Akun ini tidak memiliki peran mitra.", "This account does not hold the partner role."),
    "partner_org_name_required": ("Nama organisasi wajib diisi.", "The organisation's name is required."),
    "partner_org_name_too_long": (
        "Nama organisasi paling banyak {max} karakter.",
        "The organisation's name has at most {max} characters.",
    ),
    "partner_org_kind_unknown": (
        "Jenis organisasi tidak dikenal. Pilihan: {allowed}.",
        "Unknown kind of organisation. Choose from: {allowed}.",
    ),
    "partner_org_contact_email": ("Email kontak tidak sah.", "The contact email is not valid."),
    "partner_org_contact_too_long": (
        "Nama atau telepon kontak terlalu panjang.",
        "The contact name or phone is too long.",
    ),
    "partner_credential_label_too_long": (
        "Label kunci paling banyak {max} karakter.",
        "A key's label has at most {max} characters.",
    ),
    "partner_credential_not_found": ("Kunci mesin tidak ditemukan.", "No such machine key."),
    "xapi_activity_not_found": ("Aktivitas xAPI tidak ditemukan.", "No such xAPI activity."),
    "xapi_activity_registered": (
        "Aktivitas dengan IRI ini sudah terdaftar untuk organisasi ini.",
        "An activity with this IRI is already registered for this organisation.",
    ),
    "xapi_activity_iri_invalid": ("IRI aktivitas tidak sah.", "The activity IRI is not valid."),
    "xapi_activity_title_required": ("Judul aktivitas wajib diisi.", "The activity's title is required."),
    "xapi_activity_title_too_long": (
        "Judul aktivitas paling banyak {max} karakter.",
        "An activity's title has at most {max} characters.",
    ),
    "xapi_activity_competency_type_unknown": (
        "Jenis kompetensi tidak dikenal. Pilihan: {allowed}.",
        "Unknown competency type. Choose from: {allowed}.",
    ),
    "xapi_activity_xp_range": ("XP aktivitas antara 0 dan {max}.", "An activity's XP is between 0 and {max}."),
    "xapi_credentials_invalid": (
        "Kredensial mitra (HTTP Basic: id kunci dan rahasia) tidak ada, salah, atau sudah dicabut.",
        "Partner credentials (HTTP Basic: key id and secret) are missing, wrong or revoked.",
    ),
    "xapi_version_header": (
        "Header X-Experience-API-Version 1.0.x wajib ada.",
        "The X-Experience-API-Version header (1.0.x) is required.",
    ),
    "xapi_version_unsupported": ("Versi pernyataan tidak didukung (1.0.x).", "Unsupported statement version (1.0.x)."),
    "xapi_no_statements": ("Tidak ada pernyataan yang dikirim.", "No statement was sent."),
    "xapi_too_many_statements": (
        "Paling banyak {limit} pernyataan per permintaan.",
        "At most {limit} statements per request.",
    ),
    "xapi_statement_not_object": (
        "Setiap pernyataan harus berupa objek JSON.",
        "Each statement must be a JSON object.",
    ),
    "xapi_statement_ids_repeated": (
        "Satu id pernyataan muncul lebih dari sekali dalam permintaan.",
        "A statement id appears more than once in the request.",
    ),
    "xapi_statement_id_required": ("Parameter statementId wajib ada.", "The statementId parameter is required."),
    "xapi_statement_id_mismatch": (
        "Id dalam pernyataan berbeda dengan statementId.",
        "The statement's id differs from statementId.",
    ),
    "xapi_statement_id_and_voided": (
        "Gunakan statementId atau voidedStatementId, tidak keduanya.",
        "Use statementId or voidedStatementId, not both.",
    ),
    "xapi_statement_conflict": (
        "Id pernyataan ini sudah dipakai untuk pernyataan yang berbeda.",
        "This statement id is already used by a different statement.",
    ),
    "xapi_statement_not_found": ("Pernyataan tidak ditemukan.", "No such statement."),
    "xapi_id_not_uuid": ("Id pernyataan harus berupa UUID.", "A statement id must be a UUID."),
    "xapi_actor_invalid": ("Aktor pernyataan tidak sah.", "The statement's actor is not valid."),
    "xapi_actor_ifi": (
        "Aktor harus memiliki tepat satu pengenal: mbox, mbox_sha1sum, openid atau account.",
        "The actor needs exactly one identifier: mbox, mbox_sha1sum, openid or account.",
    ),
    "xapi_actor_mbox": ("mbox aktor harus berbentuk mailto:alamat@email.", "The actor's mbox must be mailto:address."),
    "xapi_actor_mbox_sha1sum": (
        "mbox_sha1sum aktor harus 40 digit heksadesimal.",
        "The actor's mbox_sha1sum must be 40 hexadecimal digits.",
    ),
    "xapi_actor_openid": ("openid aktor harus berupa URI.", "The actor's openid must be a URI."),
    "xapi_actor_account": (
        "account aktor memerlukan homePage (URL) dan name.",
        "The actor's account needs a homePage (URL) and a name.",
    ),
    "xapi_actor_too_long": ("Pengenal aktor terlalu panjang.", "The actor's identifier is too long."),
    "xapi_verb_invalid": ("Kata kerja pernyataan memerlukan id berupa IRI.", "The statement's verb needs an IRI id."),
    "xapi_object_invalid": ("Objek pernyataan tidak sah.", "The statement's object is not valid."),
    "xapi_timestamp_invalid": (
        "timestamp harus berformat ISO 8601.",
        "The timestamp must be in ISO 8601 format.",
    ),
    "xapi_timestamp_future": ("timestamp tidak boleh di masa depan.", "The timestamp must not be in the future."),
    "xapi_result_invalid": (
        "result.score.scaled harus berupa angka antara -1 dan 1.",
        "result.score.scaled must be a number between -1 and 1.",
    ),
    "xapi_void_needs_statement_ref": (
        "Pernyataan pembatalan (voided) harus merujuk ke pernyataan (StatementRef).",
        "A voiding statement's object must be a StatementRef.",
    ),
    "xapi_void_target_unknown": (
        "Pernyataan yang hendak dibatalkan tidak ditemukan di antara pernyataan Anda.",
        "The statement to void is not among yours.",
    ),
    "xapi_void_voiding": (
        "Pernyataan pembatalan tidak dapat dibatalkan.",
        "A voiding statement cannot be voided.",
    ),
    # satisfaction: the IKM and unit badges
    "ikm_scope_unknown": ("Cakupan IKM tidak dikenal. Pilihan: {allowed}.", "Unknown IKM scope. Choose: {allowed}."),
    "ikm_period_unknown": ("Periode IKM tidak dikenal. Pilihan: {allowed}.", "Unknown IKM period. Choose: {allowed}."),
    "ikm_at_format": (
        "Periode ditulis 2026, 2026-Q4 (triwulan) atau 2026-12 (bulan), tahun 2000 sampai 2100.",
        "Write the period as 2026, 2026-Q4 (a quarter) or 2026-12 (a month), years 2000 to 2100.",
    ),
    "ikm_scope_not_found": (
        "Layanan, unit, perangkat daerah atau daerah tersebut tidak ditemukan.",
        "No such service, unit, agency or region.",
    ),
    "ikm_out_of_reach": (
        "Anda tidak berwenang melihat IKM cakupan ini.",
        "The IKM of this scope is outside your reach.",
    ),
    "badge_criterion_element": (
        "Unsur lencana unit harus salah satu dari: {allowed}.",
        "A unit badge's element is one of: {allowed}.",
    ),
    "badge_criterion_min": (
        "Nilai minimum lencana unit harus antara {low} dan {high}, paling banyak 4 angka desimal.",
        "A unit badge's least value lies between {low} and {high}, with at most 4 decimals.",
    ),
    "badge_not_found": ("Lencana tidak ditemukan.", "No such badge."),
    "badge_not_unit_service": (
        "Lencana ini bukan lencana unit (kind unit_service).",
        "This is not a unit badge (kind unit_service).",
    ),
    "unit_badge_preview_input": (
        "Sebutkan kode lencana atau kriterianya, salah satu saja.",
        "Name either a badge code or its criteria, one of the two.",
    ),
    # moderation and praise
    "survey_comment_not_found": ("Komentar survei tidak ditemukan.", "No such survey comment."),
    "survey_comment_status_unknown": (
        "Status komentar tidak dikenal (pilihan: {allowed}).",
        "Unknown comment status (choose from: {allowed}).",
    ),
    "survey_comment_decided": (
        "Komentar ini sudah disembunyikan ({status}) dan tidak dapat dirilis lagi.",
        "This comment was hidden ({status}) and cannot be released again.",
    ),
    "survey_comment_flagged": (
        "Komentar ini tertangkap saringan kata. Baca dulu, lalu kirim confirm_flagged: true untuk merilisnya.",
        "The word filter caught this comment. Read it, then send confirm_flagged: true to release it.",
    ),
    "survey_comment_reason_length": (
        "Alasan paling panjang {max} karakter.",
        "A reason has at most {max} characters.",
    ),
    "rule_formula_needs_slots": (
        "Rumus capped_per_month hanya untuk fakta yang bernomor urut per bulan ({kinds}).",
        "The capped_per_month formula is only for facts numbered within their month ({kinds}).",
    ),
    "rule_per_month_range": (
        "per_month harus 1 sampai {max}.",
        "per_month must be 1 to {max}.",
    ),
    # service points and surveys
    "service_point_not_found": ("Titik layanan tidak ditemukan.", "Service point not found."),
    "service_point_out_of_reach": (
        "Unit kerja ini di luar cakupan Anda: hanya atasan unit itu atau admin wilayahnya yang dapat mengelola layanannya.",
        "This unit is outside your scope: only its managers or its region's admins manage its services.",
    ),
    "service_point_name_length": (
        "Nama layanan harus 3 sampai {max} karakter.",
        "A service's name must be 3 to {max} characters.",
    ),
    "service_point_description_length": (
        "Keterangan layanan paling banyak {max} karakter.",
        "A service's description may have at most {max} characters.",
    ),
    "service_point_yearly_users": (
        "Jumlah pengguna layanan per tahun harus antara 1 dan {max}.",
        "The yearly number of service users must be between 1 and {max}.",
    ),
    "service_point_answer_days": (
        "Batas waktu menjawab pengaduan harus 1 sampai {max} hari kerja.",
        "The time to answer a complaint must be 1 to {max} working days.",
    ),
    "service_not_found": (
        "Layanan tidak ditemukan, atau tautannya sudah tidak berlaku.",
        "No such service, or its link is no longer valid.",
    ),
    "survey_scores_missing": (
        "Mohon beri nilai 1 sampai 4 untuk setiap unsur pelayanan (belum: {elements}).",
        "Please score every element of the service from 1 to 4 (missing: {elements}).",
    ),
    "survey_comment_too_long": (
        "Saran atau masukan paling banyak {max} karakter.",
        "A comment may have at most {max} characters.",
    ),
    "survey_comment_invalid": (
        "Saran atau masukan memuat karakter yang tidak diperbolehkan.",
        "The comment holds characters that are not allowed.",
    ),
    "survey_contact_consent_required": (
        "Kontak hanya disimpan dengan persetujuan Anda: centang persetujuan, atau kosongkan kontak.",
        "A contact is kept only with your consent: tick the consent, or leave the contact empty.",
    ),
    "survey_contact_invalid": (
        "Kontak harus berupa nomor HP atau alamat email.",
        "The contact must be a phone number or an email address.",
    ),
    "survey_served_by_invalid": (
        "Petugas yang dipilih tidak terdaftar pada layanan ini.",
        "The chosen staff member is not listed for this service.",
    ),
    "survey_device_unknown": (
        "Perangkat tidak dikenali: buka halaman survei terlebih dahulu (cookie harus diaktifkan).",
        "Unknown device: open the survey first (cookies must be enabled).",
    ),
    "survey_form_token_invalid": (
        "Formulir tidak sah atau kedaluwarsa: buka kembali halaman survei.",
        "The form is not valid or has expired: open the survey again.",
    ),
    "survey_already_answered": (
        "Perangkat ini sudah mengisi survei layanan ini hari ini.",
        "This device already answered this service's survey today.",
    ),
    "site_code_required": (
        "Layanan ini memerlukan kode loket hari ini: pindai kode QR di loket layanan.",
        "This service needs today's counter code: scan the QR code at the counter.",
    ),
    "site_code_invalid": (
        "Kode loket tidak berlaku untuk hari ini. Pindai kode QR terbaru di loket layanan.",
        "The counter code is not today's. Scan the current QR code at the counter.",
    ),
    "site_code_attempts_exhausted": (
        "Terlalu banyak kode loket yang salah. Coba lagi dalam {retry_after} detik.",
        "Too many wrong counter codes. Try again in {retry_after} seconds.",
    ),
    # complaints (pengaduan masyarakat)
    "complaint_not_found": ("Pengaduan tidak ditemukan.", "No such complaint."),
    "complaint_service_not_found": (
        "Layanan tidak ditemukan, atau tautannya sudah diganti. Pindai kembali kode QR di loket.",
        "No such service, or its link was renewed. Scan the QR code at the counter again.",
    ),
    "complaint_body_length": (
        "Isi pengaduan {min} sampai {max} karakter.",
        "A complaint has {min} to {max} characters.",
    ),
    "complaint_answer_length": (
        "Jawaban harus diisi, paling banyak {max} karakter.",
        "An answer is required, at most {max} characters.",
    ),
    "complaint_contact_without_consent": (
        "Kontak hanya disimpan dengan persetujuan (contact_consent).",
        "A contact is kept only with consent (contact_consent).",
    ),
    "complaint_contact_format": (
        "Kontak paling banyak {max} karakter yang terlihat.",
        "A contact has at most {max} visible characters.",
    ),
    "complaint_wrong_state": (
        "Pengaduan berstatus {status}; langkah {move} tidak dapat dilakukan.",
        "The complaint is {status}; the step {move} is not possible.",
    ),
    "complaint_status_unknown": (
        "Status pengaduan tidak dikenal. Pilih salah satu: {allowed}.",
        "Unknown complaint status. Choose one of: {allowed}.",
    ),
    "complaint_daily_cap": (
        "Sudah terlalu banyak pengaduan dari jaringan Anda untuk layanan ini hari ini. Coba lagi besok.",
        "Too many complaints from your network for this service today. Try again tomorrow.",
    ),
    "complaint_busy": (
        "Pengaduan belum dapat disimpan. Silakan kirim ulang.",
        "The complaint could not be saved. Please send it again.",
    ),
    # initiatives: partial edits and evidence files
    "initiative_field_required": (
        "Kolom {field} tidak boleh kosong (null); hilangkan kolom itu bila tidak diubah.",
        "The field {field} cannot be null; leave it out to keep it unchanged.",
    ),
    "initiative_evidence_full": (
        "Satu inovasi paling banyak {max} berkas bukti. Hapus satu dulu.",
        "An initiative has at most {max} evidence files. Remove one first.",
    ),
    "initiative_evidence_not_found": ("Berkas bukti tidak ditemukan.", "No such evidence file."),
    # BKPSDM admin: import and export of people (issue 19)
    "unit_name_ambiguous": (
        "Nama unit kerja “{name}” dipakai lebih dari satu unit; tulis nomornya: {candidates}.",
        "More than one unit is named “{name}”; write its number instead: {candidates}.",
    ),
    "nip_pppk_staff_type": (
        "NIP ini milik PPPK (angka 21 pada bulan TMT), tetapi jenis pegawai ditulis PNS.",
        "This NIP is a PPPK's (21 in the appointment month), but the staff type says PNS.",
    ),
    # BKPSDM admin: rewards and badges kept, approved rewards handed out (issue 19)
    "reward_retired": ("Hadiah ini sudah dihentikan.", "This reward has been retired."),
    "reward_stock_below_reserved": (
        "Stok tidak boleh kurang dari {reserved} yang sudah dipesan atau disetujui.",
        "The stock cannot go below the {reserved} already reserved or approved.",
    ),
    "redemption_not_approved": (
        "Hanya penukaran yang disetujui yang dapat diserahkan (saat ini: {status}).",
        "Only an approved redemption can be handed out (now: {status}).",
    ),
    "redemption_given_on_approval": (
        "Hadiah ini diberikan otomatis saat disetujui; tidak perlu diserahkan.",
        "This reward is given on approval; there is nothing to hand out.",
    ),
    # metrics
    "metrics_token_invalid": (
        "Metrik hanya untuk operator: kirim Authorization: Bearer dengan token metrik.",
        "Metrics are for operators: send Authorization: Bearer with the metrics token.",
    ),
    # push notifications and PATCH /me
    "device_not_found": ("Perangkat tidak ditemukan.", "No such device."),
    "push_token_invalid": (
        "Token perangkat harus 1 sampai {max} karakter tanpa spasi.",
        "A device token has 1 to {max} characters and no spaces.",
    ),
    "push_muted_kinds_invalid": (
        "Jenis notifikasi yang dibisukan: paling banyak {max}, masing-masing huruf kecil, angka atau garis bawah.",
        "Muted notification kinds: at most {max}, each of lowercase letters, digits or underscores.",
    ),
    # review of issue 18
    "complaint_control_character": (
        "Teks memuat karakter kendali yang tidak diperbolehkan. Hapus lalu kirim lagi.",
        "The text holds a control character that is not allowed. Remove it and send again.",
    ),
    "survey_address_daily_cap": (
        "Sudah terlalu banyak jawaban survei dari jaringan Anda untuk layanan ini hari ini. Terima kasih, "
        "silakan kembali besok.",
        "Too many survey answers from your network for this service today. Thank you; please come back tomorrow.",
    ),
    "cross_site_request": (
        "Permintaan dari situs lain tidak diterima. Buka formulir dari alamat layanan ini.",
        "A request from another site is not accepted. Open the form from this service's address.",
    ),
    # credentials
    "badge_award_not_found": ("Lencana Anda ini tidak ditemukan.", "No such badge of yours."),
    "credential_without_region": (
        "Kredensial hanya dapat diterbitkan untuk pegawai yang terdaftar di suatu wilayah.",
        "A credential can only be issued to a person registered in a region.",
    ),
    "credential_malformed": (
        "Teks ini bukan kredensial Tangkas (VC-JWT). Tempelkan kredensial lengkap tanpa perubahan.",
        "This is not a Tangkas credential (VC-JWT). Paste the whole credential unchanged.",
    ),
    "issuer_not_found": ("Penerbit kredensial tidak ditemukan.", "No such credential issuer."),
    "credential_not_found": ("Kredensial tidak ditemukan atau tidak dibagikan.", "No such credential, or not shared."),
    "credential_revoked": (
        "Kredensial ini sudah dicabut dan tidak dapat dibagikan.",
        "This credential is revoked and cannot be shared.",
    ),
    "credential_status_list_full": (
        "Kredensial tidak dapat diterbitkan saat ini. Silakan coba lagi.",
        "The credential cannot be issued now. Please try again.",
    ),
    # credentials: verified certificates and event completions; a verification withdrawn
    "certificate_not_verified": (
        "Sertifikat ini belum (atau tidak lagi) terverifikasi ({status}).",
        "This certificate is not (or no longer) verified ({status}).",
    ),
    "event_not_completed": (
        "Anda belum menyelesaikan kegiatan ini: JP-nya belum dikreditkan.",
        "You have not completed this event: its JP has not been credited.",
    ),
    "certificate_withdraw_reason_required": (
        "Jelaskan mengapa verifikasi sertifikat ini dicabut.",
        "Say why this certificate's verification is withdrawn.",
    ),
    # credentials: the JP transcript
    "transcript_year_in_future": (
        "Transkrip JP tahun {year} belum dapat dibuat karena tahun itu belum dimulai.",
        "There is no JP transcript for {year}: that year has not begun.",
    ),
    "transcript_year_before_record": (
        "Tidak ada catatan JP Anda pada tahun {year}; catatan Anda di Tangkas dimulai tahun {first_year}.",
        "You have no JP record in {year}; your record in Tangkas begins in {first_year}.",
    ),
    # credentials: revoked by the issuing region's admin
    "credential_revoke_reason_required": (
        "Jelaskan mengapa kredensial ini dicabut; pemegangnya akan diberi tahu.",
        "Say why this credential is revoked; its holder is told.",
    ),
    "credential_revoked_by_admin": (
        "Kredensial untuk ini telah dicabut oleh admin wilayah penerbit dan tidak dapat diterbitkan lagi.",
        "A credential for this was revoked by the issuing region's admin and cannot be issued again.",
    ),
}

GENERIC_BY_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    500: "internal_error",
}


# A state named in a message, in the message's language: "sudah diputuskan (ditolak)", not "(rejected)".
STATES_IN_INDONESIAN = {
    "draft": "draf",
    "submitted": "diajukan",
    "approved": "disetujui",
    "rejected": "ditolak",
    "needs_revision": "perlu revisi",
    "implemented": "diterapkan",
    "verified": "terverifikasi",
    "returned": "dikembalikan",
    "pending": "menunggu keputusan",
    "cancelled": "dibatalkan",
    "expired": "kedaluwarsa",
    "published": "terbit",
    "archived": "diarsipkan",
    "registered": "terdaftar",
    "waitlisted": "daftar tunggu",
}


def message(code: str, language: str, params: dict | None = None) -> str:
    indonesian, english = MESSAGES.get(code, MESSAGES["bad_request"])
    template = english if language == "en" else indonesian
    params = params or {}
    if language != "en" and "status" in params:
        params = params | {"status": STATES_IN_INDONESIAN.get(str(params["status"]), params["status"])}
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def preferred_language(accept_language: str | None) -> str:
    """``en`` when the client prefers English over Indonesian, ``id`` otherwise."""
    best, best_q = "id", 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        language = tag.strip().lower()[:2]
        if language in ("id", "en") and q > best_q:
            best, best_q = language, q
    return best
