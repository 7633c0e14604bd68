"""Demo microlearning modules in Indonesian, across the seed topics (used by seed-demo)."""

from __future__ import annotations

DEMO_MODULES: list[dict] = [
    {
        "title": "Mengenali Email Phishing yang Menyasar Pegawai OPD",
        "summary": (
            "Kenali ciri email phishing yang meniru undangan rapat, surat dinas, atau notifikasi "
            "akun, dan langkah yang benar saat Anda menerimanya."
        ),
        "competency_type": "teknis",
        "topics": ["keamanan-siber"],
        "value": "akuntabel",
        "estimated_minutes": 6,
        "min_seconds": 90,
        "jp": 0.25,
        "xp": 30,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Mengapa OPD jadi sasaran\n\n"
                    "Phishing adalah upaya menipu penerima agar menyerahkan kata sandi, kode OTP, atau "
                    "membuka lampiran berbahaya. Pegawai OPD sering disasar karena alamat email dinas mudah "
                    "ditemukan di situs resmi.\n\n"
                    'Contoh yang sering muncul: "Undangan Rakor SPBE – segera konfirmasi kehadiran" dengan '
                    "tautan ke halaman login palsu yang meniru webmail pemda.\n\n"
                    "## Ciri-ciri yang perlu dicurigai\n\n"
                    "- Domain pengirim mirip, tetapi bukan domain resmi. Baca domain dari belakang: pada "
                    "`admin@kominfo.pemkot.go.id.verify-akun.com`, domain sebenarnya adalah "
                    "`verify-akun.com`.\n"
                    '- Nada mendesak: "akun Anda dinonaktifkan dalam 24 jam".\n'
                    "- Alamat tautan yang muncul saat kursor diarahkan berbeda dengan teks tautannya.\n"
                    '- Lampiran `.zip`, `.html`, `.exe`, atau dokumen yang meminta "Enable Content".\n'
                    "- Permintaan kata sandi atau kode OTP. Tim TI resmi tidak pernah memintanya."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Yang harus dilakukan\n\n"
                    "1. Jangan klik tautan, jangan buka lampiran, jangan membalas.\n"
                    "2. Verifikasi lewat kanal lain: telepon pengirim atau cek undangan di aplikasi naskah "
                    "dinas elektronik (misalnya Srikandi).\n"
                    "3. Laporkan ke tim keamanan informasi atau CSIRT pemerintah daerah di Diskominfo, "
                    "sertakan email aslinya.\n"
                    "4. Hapus email setelah dilaporkan.\n\n"
                    "## Jika sudah terlanjur\n\n"
                    "Segera ganti kata sandi dari perangkat yang aman, keluarkan semua sesi aktif, aktifkan "
                    "2FA, lalu laporkan ke CSIRT. Melapor cepat bukan aib: makin cepat dilaporkan, makin "
                    "kecil kerusakannya, dan rekan lain bisa segera diperingatkan."
                ),
            },
        ],
        "questions": [
            {
                "text": (
                    "Anda menerima email dari `admin@kominfo.pemkot.go.id.verify-akun.com`. Apa domain sebenarnya?"
                ),
                "kind": "single",
                "options": [
                    {"text": "verify-akun.com", "correct": True},
                    {"text": "kominfo.pemkot.go.id", "correct": False},
                    {"text": "pemkot.go.id", "correct": False},
                ],
            },
            {
                "text": "Mana saja yang merupakan ciri email phishing?",
                "kind": "multiple",
                "options": [
                    {"text": "Nada mendesak, misalnya akun akan dinonaktifkan dalam 24 jam", "correct": True},
                    {"text": "Alamat tautan berbeda dengan teks tautannya", "correct": True},
                    {"text": "Meminta kode OTP atau kata sandi", "correct": True},
                    {"text": "Undangan yang juga tercatat di aplikasi naskah dinas elektronik", "correct": False},
                ],
            },
            {
                "text": ("Anda terlanjur memasukkan kata sandi di halaman login palsu. Apa yang tepat dilakukan?"),
                "kind": "single",
                "options": [
                    {
                        "text": (
                            "Ganti kata sandi dari perangkat yang aman, keluarkan sesi aktif, lalu lapor ke CSIRT"
                        ),
                        "correct": True,
                    },
                    {"text": "Menunggu dulu apakah muncul aktivitas aneh di akun", "correct": False},
                    {"text": "Menghapus email itu agar tidak ketahuan", "correct": False},
                ],
            },
            {
                "text": (
                    'Seseorang yang mengaku dari tim TI menelepon dan meminta kode OTP untuk "sinkronisasi '
                    'akun". Sikap yang benar?'
                ),
                "kind": "single",
                "options": [
                    {"text": "Menolak, karena tim TI resmi tidak pernah meminta kode OTP", "correct": True},
                    {"text": "Memberikan kode karena penelepon menyebut nama atasan", "correct": False},
                    {"text": "Memberikan separuh kode saja", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Kata Sandi Kuat dan Autentikasi Dua Faktor (2FA)",
        "summary": (
            "Buat frasa sandi yang panjang dan mudah diingat, lalu lindungi akun dinas dengan autentikasi dua faktor."
        ),
        "competency_type": "teknis",
        "topics": ["keamanan-siber", "literasi-digital"],
        "value": "kompeten",
        "estimated_minutes": 5,
        "min_seconds": 75,
        "jp": 0.25,
        "xp": 25,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Panjang lebih penting daripada rumit\n\n"
                    "Kata sandi seperti `Pontianak2024!` mudah ditebak karena memakai pola umum: nama kota, "
                    "tahun, dan satu simbol. Penyerang mencoba pola seperti ini lebih dulu.\n\n"
                    "Gunakan **frasa sandi** minimal 12–15 karakter, misalnya empat kata acak: "
                    "`kopi-sungai-lampu-pagar`. Mudah diingat, sulit ditebak.\n\n"
                    "## Aturan praktis\n\n"
                    "- Satu akun, satu kata sandi. Jangan memakai ulang sandi email dinas untuk media sosial "
                    "atau toko daring.\n"
                    "- Simpan di pengelola kata sandi (password manager), bukan di kertas yang ditempel di "
                    "monitor.\n"
                    '- Jangan bagikan kata sandi, termasuk kepada rekan yang "hanya mau membantu input '
                    'data".\n'
                    "- Ganti segera bila ada tanda kebocoran."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Apa itu 2FA\n\n"
                    "Autentikasi dua faktor meminta dua bukti dari **jenis yang berbeda**:\n\n"
                    "- sesuatu yang Anda **ketahui** (kata sandi),\n"
                    "- sesuatu yang Anda **miliki** (ponsel dengan aplikasi autentikator),\n"
                    "- sesuatu yang **melekat** pada Anda (sidik jari, wajah).\n\n"
                    "Kata sandi ditambah pertanyaan keamanan bukan 2FA, karena keduanya sesuatu yang Anda "
                    "ketahui. Dengan 2FA, sandi yang bocor saja tidak cukup untuk masuk.\n\n"
                    "## Pilih metode yang lebih kuat\n\n"
                    "Aplikasi autentikator (kode 6 digit yang berganti tiap 30 detik) lebih aman daripada "
                    "OTP lewat SMS, yang bisa dicegat melalui pengambilalihan nomor (SIM swap). Simpan kode "
                    "cadangan di tempat aman agar tidak terkunci saat ganti ponsel."
                ),
            },
        ],
        "questions": [
            {
                "text": "Kata sandi mana yang paling kuat?",
                "kind": "single",
                "options": [
                    {"text": "Pontianak2024!", "correct": False},
                    {"text": "kopi-sungai-lampu-pagar", "correct": True},
                    {"text": "P@ssw0rd", "correct": False},
                ],
            },
            {
                "text": "Kombinasi mana yang termasuk 2FA (dua faktor dari jenis berbeda)?",
                "kind": "multiple",
                "options": [
                    {"text": "Kata sandi dan kode dari aplikasi autentikator", "correct": True},
                    {"text": "Kata sandi dan sidik jari", "correct": True},
                    {"text": 'Kata sandi dan pertanyaan keamanan "nama ibu kandung"', "correct": False},
                ],
            },
            {
                "text": "Mengapa aplikasi autentikator lebih aman daripada OTP lewat SMS?",
                "kind": "single",
                "options": [
                    {"text": "OTP lewat SMS dapat dicegat melalui SIM swap", "correct": True},
                    {"text": "Aplikasi autentikator membuat kata sandi tidak diperlukan lagi", "correct": False},
                    {"text": "Kode SMS tidak pernah kedaluwarsa", "correct": False},
                ],
            },
            {
                "text": "Praktik mana yang benar?",
                "kind": "multiple",
                "options": [
                    {"text": "Menyimpan kata sandi di password manager", "correct": True},
                    {"text": "Memakai kata sandi berbeda untuk email dinas dan media sosial", "correct": True},
                    {"text": "Memberikan kata sandi kepada rekan yang membantu input data", "correct": False},
                    {"text": "Menempel kata sandi di monitor agar tidak lupa", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Dasar UU PDP (UU 27/2022) bagi Petugas Layanan Publik",
        "summary": (
            "Pahami peran, jenis data pribadi, dan kewajiban pokok dalam UU Pelindungan Data Pribadi "
            "agar data warga aman di loket dan di aplikasi."
        ),
        "competency_type": "teknis",
        "topics": ["keamanan-siber", "e-government"],
        "value": "akuntabel",
        "estimated_minutes": 10,
        "min_seconds": 150,
        "jp": 0.5,
        "xp": 45,
        "pass_mark": 75,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Siapa saja dalam UU PDP\n\n"
                    "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi (UU PDP) berlaku "
                    "penuh sejak Oktober 2024 setelah masa transisi dua tahun. Ada tiga peran penting:\n\n"
                    "- **Subjek data pribadi**: orang yang datanya diproses, misalnya warga yang mengajukan "
                    "izin.\n"
                    "- **Pengendali data pribadi**: pihak yang menentukan tujuan dan mengendalikan "
                    "pemrosesan, misalnya pemerintah daerah melalui OPD.\n"
                    "- **Prosesor data pribadi**: pihak yang memproses atas nama pengendali, misalnya vendor "
                    "pembuat dan pengelola aplikasi.\n\n"
                    "## Dua jenis data pribadi\n\n"
                    "- **Umum**: nama lengkap, jenis kelamin, kewarganegaraan, agama, status perkawinan, dan "
                    "data yang bila digabungkan dapat mengidentifikasi seseorang.\n"
                    "- **Spesifik**: data kesehatan, biometrik, genetika, catatan kejahatan, data anak, dan "
                    "data keuangan pribadi. Data spesifik menuntut perlindungan lebih ketat."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Prinsip sehari-hari di loket dan kantor\n\n"
                    "- **Secukupnya**: kumpulkan hanya data yang diperlukan untuk layanan.\n"
                    "- **Sesuai tujuan**: data untuk layanan bansos tidak dipakai untuk keperluan lain tanpa "
                    "dasar hukum.\n"
                    "- **Aman**: jangan mengirim foto KTP dan KK warga ke grup chat; gunakan sistem resmi "
                    "dengan hak akses.\n"
                    "- **Ada masa simpan**: data dihapus atau dimusnahkan setelah masa retensinya berakhir.\n\n"
                    "## Jika terjadi kebocoran\n\n"
                    "Pengendali wajib memberi tahu secara tertulis subjek data dan lembaga pelindungan data "
                    "pribadi paling lambat **3 x 24 jam** setelah mengetahui kegagalan pelindungan. Karena "
                    "itu, setiap dugaan kebocoran harus segera dilaporkan ke atasan dan pengelola TI, bukan "
                    "ditutupi."
                ),
            },
        ],
        "questions": [
            {
                "text": (
                    "Aplikasi perizinan milik Pemkot dibuat dan dikelola oleh vendor atas perintah Pemkot. "
                    "Apa peran vendor menurut UU PDP?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Prosesor data pribadi", "correct": True},
                    {"text": "Pengendali data pribadi", "correct": False},
                    {"text": "Subjek data pribadi", "correct": False},
                ],
            },
            {
                "text": "Mana yang termasuk data pribadi spesifik?",
                "kind": "multiple",
                "options": [
                    {"text": "Hasil pemeriksaan kesehatan", "correct": True},
                    {"text": "Sidik jari", "correct": True},
                    {"text": "Data anak", "correct": True},
                    {"text": "Status perkawinan", "correct": False},
                ],
            },
            {
                "text": (
                    "Berapa batas waktu pemberitahuan tertulis kepada subjek data setelah pengendali "
                    "mengetahui kegagalan pelindungan data?"
                ),
                "kind": "single",
                "options": [
                    {"text": "3 x 24 jam", "correct": True},
                    {"text": "7 hari kerja", "correct": False},
                    {"text": "30 hari", "correct": False},
                ],
            },
            {
                "text": (
                    "Petugas ingin mengirim foto KK warga ke grup chat tim untuk dicek bersama. Apa yang sesuai UU PDP?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Memakai sistem resmi dengan hak akses, bukan grup chat", "correct": True},
                    {"text": "Boleh, asalkan anggota grup hanya pegawai", "correct": False},
                    {"text": "Boleh, bila warga tidak keberatan secara lisan", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Mengenal SPBE: Sistem Pemerintahan Berbasis Elektronik",
        "summary": (
            "Pahami apa itu SPBE, jenis layanannya, cara evaluasinya, dan peran ASN agar aplikasi pemda terpadu."
        ),
        "competency_type": "teknis",
        "topics": ["e-government"],
        "value": "adaptif",
        "estimated_minutes": 8,
        "min_seconds": 120,
        "jp": 0.25,
        "xp": 40,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Apa itu SPBE\n\n"
                    "SPBE adalah penyelenggaraan pemerintahan yang memanfaatkan teknologi informasi dan "
                    "komunikasi untuk memberikan layanan kepada pengguna SPBE: instansi pemerintah, pegawai "
                    "ASN, masyarakat, dan pelaku usaha. Dasar hukumnya Peraturan Presiden Nomor 95 Tahun "
                    "2018 tentang SPBE, yang diperkuat Perpres Nomor 82 Tahun 2023 tentang percepatan "
                    "transformasi digital dan keterpaduan layanan digital nasional.\n\n"
                    "Tujuannya: tata kelola pemerintahan yang bersih, efektif, transparan, dan akuntabel, "
                    "serta pelayanan publik yang berkualitas dan terpercaya.\n\n"
                    "## Dua kelompok layanan SPBE\n\n"
                    "- **Layanan administrasi pemerintahan**: mendukung kerja internal, misalnya naskah "
                    "dinas elektronik, kepegawaian, perencanaan, penganggaran, dan pengadaan.\n"
                    "- **Layanan publik**: langsung dirasakan warga, misalnya perizinan daring, pengaduan, "
                    "dan layanan kependudukan."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Bagaimana SPBE dinilai\n\n"
                    "Kementerian PANRB mengevaluasi SPBE secara berkala. Hasilnya berupa **indeks SPBE** "
                    "berskala 1 sampai 5 dengan predikat dari Kurang hingga Memuaskan. Penilaian mencakup "
                    "empat domain:\n\n"
                    "1. Kebijakan internal SPBE\n"
                    "2. Tata kelola SPBE\n"
                    "3. Manajemen SPBE\n"
                    "4. Layanan SPBE\n\n"
                    "## Peran ASN di unit kerja\n\n"
                    "- Gunakan aplikasi yang sudah ada, misalnya naskah dinas elektronik, sebelum "
                    "mengusulkan aplikasi baru.\n"
                    "- Hindari membuat aplikasi sendiri-sendiri yang datanya tidak saling terhubung; SPBE "
                    "menuntut **keterpaduan** dan **interoperabilitas**.\n"
                    "- Dokumentasikan proses bisnis layanan Anda agar mudah didigitalkan."
                ),
            },
        ],
        "questions": [
            {
                "text": "Peraturan apa yang menjadi dasar SPBE?",
                "kind": "single",
                "options": [
                    {"text": "Perpres Nomor 95 Tahun 2018", "correct": True},
                    {"text": "UU Nomor 27 Tahun 2022", "correct": False},
                    {"text": "PP Nomor 60 Tahun 2008", "correct": False},
                ],
            },
            {
                "text": "Mana yang termasuk layanan administrasi pemerintahan berbasis elektronik?",
                "kind": "multiple",
                "options": [
                    {"text": "Naskah dinas elektronik", "correct": True},
                    {"text": "Aplikasi kepegawaian", "correct": True},
                    {"text": "Perizinan daring untuk warga", "correct": False},
                ],
            },
            {
                "text": "Mana yang termasuk domain evaluasi SPBE?",
                "kind": "multiple",
                "options": [
                    {"text": "Tata kelola SPBE", "correct": True},
                    {"text": "Layanan SPBE", "correct": True},
                    {"text": "Kebijakan internal SPBE", "correct": True},
                    {"text": "Jumlah aplikasi yang dibuat setiap OPD", "correct": False},
                ],
            },
            {
                "text": (
                    "Sebuah bidang ingin membuat aplikasi pendataan baru, padahal aplikasi serupa sudah ada "
                    "di pemda. Sikap yang sesuai SPBE?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Memakai atau mengintegrasikan aplikasi yang ada agar data terpadu", "correct": True},
                    {"text": "Membuat aplikasi sendiri agar lebih cepat", "correct": False},
                    {"text": "Mencatat di spreadsheet pribadi saja", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Satu Data Indonesia: Standar, Metadata, dan Peran Walidata",
        "summary": ("Kenali prinsip dan peran dalam Satu Data Indonesia agar data antar-OPD tidak lagi berbeda angka."),
        "competency_type": "teknis",
        "topics": ["analitik-data", "e-government"],
        "value": "kolaboratif",
        "estimated_minutes": 9,
        "min_seconds": 135,
        "jp": 0.5,
        "xp": 45,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Mengapa Satu Data\n\n"
                    "Sering terjadi angka yang sama dilaporkan berbeda oleh dua OPD, misalnya jumlah "
                    "penduduk miskin versi Dinas Sosial dan versi Bappeda. Satu Data Indonesia (SDI), yang "
                    "diatur Peraturan Presiden Nomor 39 Tahun 2019, adalah kebijakan tata kelola data agar "
                    "data pemerintah akurat, mutakhir, terpadu, dapat dipertanggungjawabkan, mudah diakses, "
                    "dan dapat dibagipakaikan.\n\n"
                    "## Empat prinsip SDI\n\n"
                    "- **Standar data**: konsep, definisi, klasifikasi, ukuran, dan satuan yang sama.\n"
                    "- **Metadata**: keterangan tentang data (sumber, periode, cara pengumpulan) yang "
                    "menyertai setiap data.\n"
                    "- **Interoperabilitas**: data dapat dibagipakaikan antarsistem.\n"
                    "- **Kode referensi dan/atau data induk**: misalnya kode wilayah yang sama di semua OPD."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Siapa berbuat apa di daerah\n\n"
                    "- **Produsen data**: unit di OPD yang menghasilkan data, misalnya Disdukcapil untuk "
                    "data kependudukan atau Dinas Kesehatan untuk data imunisasi.\n"
                    "- **Walidata**: unit yang memeriksa kesesuaian data dengan prinsip SDI lalu "
                    "menyebarluaskannya. Di daerah umumnya dijalankan dinas yang membidangi komunikasi dan "
                    "informatika.\n"
                    "- **Pembina data**: menetapkan standar, misalnya BPS untuk data statistik dan Badan "
                    "Informasi Geospasial untuk data geospasial.\n"
                    "- **Forum Satu Data** daerah: wadah koordinasi, termasuk menentukan daftar data "
                    "prioritas.\n\n"
                    "## Praktik untuk produsen data\n\n"
                    "Isi metadata setiap kali mengunggah tabel ke portal data daerah, gunakan kode wilayah "
                    "resmi, dan jangan mengubah definisi indikator tanpa koordinasi dengan walidata."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana yang termasuk prinsip Satu Data Indonesia?",
                "kind": "multiple",
                "options": [
                    {"text": "Standar data", "correct": True},
                    {"text": "Metadata", "correct": True},
                    {"text": "Interoperabilitas", "correct": True},
                    {"text": "Setiap OPD memakai definisi indikatornya sendiri", "correct": False},
                ],
            },
            {
                "text": ("Siapa yang memeriksa kesesuaian data dengan prinsip SDI lalu menyebarluaskannya?"),
                "kind": "single",
                "options": [
                    {"text": "Walidata", "correct": True},
                    {"text": "Produsen data", "correct": False},
                    {"text": "Subjek data", "correct": False},
                ],
            },
            {
                "text": "Siapa pembina data untuk data statistik?",
                "kind": "single",
                "options": [
                    {"text": "Badan Pusat Statistik (BPS)", "correct": True},
                    {"text": "Badan Informasi Geospasial", "correct": False},
                    {"text": "Bappeda", "correct": False},
                ],
            },
            {
                "text": (
                    "Dinas Kesehatan mengunggah tabel cakupan imunisasi tanpa keterangan periode dan sumber. "
                    "Prinsip apa yang belum dipenuhi?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Metadata", "correct": True},
                    {"text": "Interoperabilitas", "correct": False},
                    {"text": "Kode referensi", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Membaca Dasbor Waktu Antrean Layanan Disdukcapil",
        "summary": (
            "Bedakan waktu tunggu dan waktu layanan, pahami rata-rata, median, dan P90, lalu ubah "
            "angka di dasbor menjadi perbaikan layanan."
        ),
        "competency_type": "teknis",
        "topics": ["analitik-data"],
        "value": "berorientasi-pelayanan",
        "estimated_minutes": 7,
        "min_seconds": 105,
        "jp": 0.25,
        "xp": 35,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Angka-angka di dasbor\n\n"
                    "Mesin antrean mencatat jam ambil nomor, jam dipanggil, dan jam selesai. Dari situ "
                    "dasbor menampilkan:\n\n"
                    "- **Waktu tunggu**: dari ambil nomor sampai dipanggil.\n"
                    "- **Waktu layanan**: dari dipanggil sampai selesai di loket.\n"
                    "- **Jumlah pengunjung** per jam dan per jenis layanan (KTP-el, KK, akta kelahiran).\n\n"
                    "## Rata-rata atau median?\n\n"
                    "Rata-rata mudah terdongkrak oleh segelintir warga yang menunggu sangat lama. **Median** "
                    "adalah nilai tengah: separuh warga menunggu lebih singkat, separuh lebih lama. "
                    "**Persentil ke-90 (P90)** adalah batas waktu tunggu yang tidak dilampaui oleh 90% "
                    "warga.\n\n"
                    "Contoh: rata-rata 34 menit, median 18 menit, P90 75 menit. Artinya sebagian besar warga "
                    "terlayani cukup cepat, tetapi ada sekelompok warga yang menunggu sangat lama dan perlu "
                    "dicari sebabnya."
                ),
            },
            {"kind": "image", "body": "https://example.org/tangkas/img/dasbor-antrean-disdukcapil.png"},
            {
                "kind": "text",
                "body": (
                    "## Dari angka ke tindakan\n\n"
                    "Misalkan dasbor hari Senin menunjukkan puncak kedatangan pukul 08.00–10.00, sementara "
                    "hanya dua dari empat loket yang buka sampai pukul 08.30. P90 waktu tunggu melonjak di "
                    "jam itu.\n\n"
                    "Pertanyaan yang perlu diajukan:\n\n"
                    "- Apakah jadwal buka loket sesuai dengan pola kedatangan?\n"
                    "- Layanan apa yang waktu layanannya paling panjang, dan apakah berkasnya sering kurang "
                    "lengkap?\n"
                    "- Apakah target dalam standar pelayanan terpenuhi?\n\n"
                    "Bandingkan beberapa minggu, bukan satu hari saja, agar keputusan tidak didasarkan pada "
                    "kejadian kebetulan. Setelah perubahan, misalnya semua loket buka pukul 08.00, pantau "
                    "apakah median dan P90 benar-benar turun."
                ),
            },
        ],
        "questions": [
            {
                "text": "Waktu tunggu di dasbor antrean diukur dari...",
                "kind": "single",
                "options": [
                    {"text": "ambil nomor antrean sampai dipanggil", "correct": True},
                    {"text": "dipanggil sampai selesai di loket", "correct": False},
                    {"text": "warga tiba di parkiran sampai pulang", "correct": False},
                ],
            },
            {
                "text": ("Rata-rata waktu tunggu 34 menit, sedangkan mediannya 18 menit. Apa kesimpulan yang tepat?"),
                "kind": "single",
                "options": [
                    {
                        "text": "Sebagian kecil warga menunggu jauh lebih lama sehingga rata-rata terdongkrak",
                        "correct": True,
                    },
                    {"text": "Semua warga menunggu sekitar 34 menit", "correct": False},
                    {"text": "Separuh warga menunggu lebih dari 34 menit", "correct": False},
                ],
            },
            {
                "text": "P90 waktu tunggu melonjak setiap Senin pagi. Langkah analisis mana yang tepat?",
                "kind": "multiple",
                "options": [
                    {"text": "Membandingkan jadwal buka loket dengan pola kedatangan", "correct": True},
                    {"text": "Memeriksa layanan dengan waktu layanan terpanjang", "correct": True},
                    {"text": "Membandingkan data beberapa minggu", "correct": True},
                    {"text": "Mengubah SOP berdasarkan data satu hari saja", "correct": False},
                ],
            },
            {
                "text": "P90 waktu tunggu 75 menit berarti...",
                "kind": "single",
                "options": [
                    {"text": "90% warga menunggu 75 menit atau kurang", "correct": True},
                    {"text": "90 warga menunggu selama 75 menit", "correct": False},
                    {"text": "rata-rata waktu tunggu 90 menit", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Dasar PivotTable Excel untuk Rekap Data Layanan",
        "summary": (
            "Rapikan data lalu buat rekap permohonan per kecamatan dan jenis layanan dengan "
            "PivotTable dalam hitungan menit."
        ),
        "competency_type": "teknis",
        "topics": ["analitik-data", "literasi-digital"],
        "value": "kompeten",
        "estimated_minutes": 12,
        "min_seconds": 180,
        "jp": 0.5,
        "xp": 50,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Siapkan data dulu\n\n"
                    "PivotTable merangkum ribuan baris dalam hitungan detik, tetapi hanya jika datanya rapi:\n\n"
                    "- Satu baris = satu kejadian, misalnya satu permohonan layanan.\n"
                    "- Satu baris judul kolom di paling atas, tanpa sel gabungan (merge).\n"
                    "- Tidak ada baris atau kolom kosong di tengah data.\n"
                    "- Satu kolom berisi satu jenis data: tanggal di kolom Tanggal, angka di kolom Durasi.\n\n"
                    "Contoh kolom: `Tanggal`, `Kecamatan`, `Jenis Layanan`, `Status`, `Durasi (hari)`.\n\n"
                    "Tips: ubah data menjadi Tabel dengan Ctrl+T. Tabel otomatis melebar saat baris baru "
                    "ditambahkan, sehingga sumber PivotTable tidak perlu diubah."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Membuat PivotTable\n\n"
                    "1. Klik salah satu sel data, lalu pilih **Insert > PivotTable** (versi bahasa "
                    "Indonesia: **Sisipkan > PivotTable**).\n"
                    "2. Seret bidang ke empat area:\n"
                    "   - **Rows**: kategori di sisi kiri, misalnya `Kecamatan`.\n"
                    "   - **Columns**: kategori di bagian atas, misalnya `Jenis Layanan`.\n"
                    "   - **Values**: angka yang dirangkum.\n"
                    "   - **Filters**: penyaring seluruh laporan, misalnya `Tahun`.\n"
                    "3. Atur ringkasan di Values: **Count** untuk menghitung banyaknya baris, **Sum** untuk "
                    "menjumlahkan, **Average** untuk rata-rata durasi.\n\n"
                    "PivotTable tidak diperbarui otomatis. Setelah data sumber berubah, klik **Refresh** "
                    "(Data > Refresh All)."
                ),
            },
            {"kind": "video", "body": "https://example.org/tangkas/video/pivottable-rekap-layanan.mp4"},
        ],
        "questions": [
            {
                "text": "Mana saja syarat data yang siap dibuat PivotTable?",
                "kind": "multiple",
                "options": [
                    {"text": "Satu baris judul kolom tanpa sel gabungan", "correct": True},
                    {"text": "Tidak ada baris kosong di tengah data", "correct": True},
                    {"text": "Satu baris mewakili satu kejadian", "correct": True},
                    {"text": "Subtotal manual disisipkan setiap 10 baris", "correct": False},
                ],
            },
            {
                "text": (
                    "Untuk menghitung banyaknya permohonan per kecamatan, `Kecamatan` diletakkan di Rows. "
                    "Ringkasan apa yang dipakai di Values?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Count", "correct": True},
                    {"text": "Average", "correct": False},
                    {"text": "Max", "correct": False},
                ],
            },
            {
                "text": (
                    "Data sumber (berbentuk Tabel) bertambah 200 baris, tetapi PivotTable belum berubah. Apa "
                    "yang dilakukan?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Klik Refresh", "correct": True},
                    {"text": "Mengetik ulang angka di PivotTable secara manual", "correct": False},
                    {"text": "Menghapus data lama agar PivotTable berubah", "correct": False},
                ],
            },
            {
                "text": ("Area mana yang dipakai untuk menyaring seluruh laporan agar hanya menampilkan tahun 2024?"),
                "kind": "single",
                "options": [
                    {"text": "Filters", "correct": True},
                    {"text": "Columns", "correct": False},
                    {"text": "Values", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Cek Fakta Sebelum Membagikan: Menangkal Hoaks di Grup Kantor",
        "summary": (
            "Kenali tanda hoaks, periksa sumbernya dalam tiga langkah, dan tanggapi rekan yang keliru dengan santun."
        ),
        "competency_type": "sosial_kultural",
        "topics": ["literasi-digital"],
        "value": "harmonis",
        "estimated_minutes": 5,
        "min_seconds": 75,
        "jp": 0.25,
        "xp": 25,
        "pass_mark": 65,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Mengapa ASN perlu berhati-hati\n\n"
                    'Pesan berantai seperti "Besok pembagian bansos di kantor camat, bawa KK asli" bisa '
                    "membuat warga berbondong-bondong datang lalu kecewa. Bila yang meneruskan adalah ASN, "
                    "warga menganggapnya informasi resmi. Sekali meneruskan hoaks dapat merusak kepercayaan "
                    "kepada instansi.\n\n"
                    "## Kenali tanda-tandanya\n\n"
                    "- Judul memancing emosi: marah, takut, atau terlalu gembira.\n"
                    '- Tidak ada sumber resmi, atau sumbernya "kata teman yang kerja di dinas".\n'
                    "- Tanggal tidak jelas, atau kejadian lama diedarkan ulang.\n"
                    "- Foto atau video tanpa keterangan tempat dan waktu.\n"
                    '- Ajakan "sebarkan sebelum dihapus!".'
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Tiga langkah cek fakta\n\n"
                    "1. **Cek sumber**: cari di situs atau akun media sosial resmi instansi yang disebut, "
                    "biasanya berdomain `.go.id`.\n"
                    "2. **Cek silang**: cari kata kuncinya di situs cek fakta seperti cekfakta.com atau "
                    "turnbackhoax.id, dan bandingkan dengan media arus utama.\n"
                    "3. **Cek gambar**: gunakan pencarian gambar terbalik (reverse image search) untuk "
                    "melihat kapan dan di mana foto pertama kali muncul.\n\n"
                    "## Bila ragu, jangan teruskan\n\n"
                    'Di grup kantor, tanggapi dengan santun: "Terima kasih infonya, saya cek dulu ke sumber '
                    'resmi, ya." Jika terbukti hoaks, bagikan klarifikasi dari sumber resmi tanpa '
                    "mempermalukan pengirimnya."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana yang merupakan tanda pesan kemungkinan hoaks?",
                "kind": "multiple",
                "options": [
                    {"text": 'Ajakan "sebarkan sebelum dihapus!"', "correct": True},
                    {"text": 'Sumbernya "kata teman yang kerja di dinas"', "correct": True},
                    {
                        "text": "Disertai tautan siaran pers di situs resmi `.go.id` yang bisa diperiksa",
                        "correct": False,
                    },
                ],
            },
            {
                "text": "Bagaimana cara memeriksa kapan dan di mana sebuah foto pertama kali muncul?",
                "kind": "single",
                "options": [
                    {"text": "Pencarian gambar terbalik (reverse image search)", "correct": True},
                    {"text": "Menanyakannya di grup kantor", "correct": False},
                    {"text": "Melihat berapa kali pesan itu diteruskan", "correct": False},
                ],
            },
            {
                "text": (
                    "Rekan meneruskan pesan yang ternyata hoaks ke grup kantor. Tanggapan yang sesuai nilai Harmonis?"
                ),
                "kind": "single",
                "options": [
                    {
                        "text": ("Membagikan klarifikasi dari sumber resmi dengan santun tanpa mempermalukan pengirim"),
                        "correct": True,
                    },
                    {"text": "Menegur keras pengirim di grup agar jera", "correct": False},
                    {"text": "Diam saja lalu meneruskannya ke grup lain", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Berbagi Dokumen Dinas dengan Aman di Penyimpanan Awan",
        "summary": ("Klasifikasikan dokumen sebelum dibagikan dan atur hak akses tautan agar data warga tidak bocor."),
        "competency_type": "teknis",
        "topics": ["literasi-digital", "keamanan-siber"],
        "value": "akuntabel",
        "estimated_minutes": 6,
        "min_seconds": 90,
        "jp": 0.25,
        "xp": 30,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Tautan yang terlalu terbuka\n\n"
                    'Fitur berbagi di penyimpanan awan memudahkan kolaborasi, tetapi pengaturan **"Siapa '
                    'saja yang memiliki tautan"** berarti dokumen dapat dibuka oleh siapa pun yang menerima '
                    "tautan itu, termasuk bila tautan diteruskan berkali-kali. Daftar penerima bantuan "
                    "lengkap dengan NIK pernah bocor karena tautan semacam ini.\n\n"
                    "## Klasifikasikan dulu, baru bagikan\n\n"
                    "- **Informasi publik**, misalnya jadwal layanan atau brosur: boleh dibagikan luas.\n"
                    "- **Dokumen internal**, misalnya draf telaahan staf: hanya untuk pegawai terkait.\n"
                    "- **Berisi data pribadi atau rahasia**, misalnya NIK, alamat, data kesehatan: hanya "
                    "untuk orang tertentu yang berwenang, sebaiknya melalui sistem resmi pemda."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Pengaturan yang aman\n\n"
                    '- Bagikan ke **orang tertentu** memakai email dinas, bukan ke "siapa saja yang memiliki '
                    'tautan".\n'
                    "- Beri hak akses secukupnya: **lihat saja** bila penerima tidak perlu mengedit.\n"
                    "- Pasang **tanggal kedaluwarsa** akses untuk kolaborasi sementara, misalnya panitia "
                    "kegiatan.\n"
                    "- Gunakan akun dinas, bukan akun pribadi, agar dokumen tetap milik instansi ketika "
                    "pegawai mutasi.\n"
                    "- Tinjau berkala dan cabut akses orang yang sudah tidak terlibat.\n\n"
                    "## Sebelum mengunggah\n\n"
                    "Hapus atau samarkan data pribadi yang tidak diperlukan. Untuk rekap jumlah penerima per "
                    "kelurahan, NIK dan alamat tidak perlu ikut dibagikan."
                ),
            },
        ],
        "questions": [
            {
                "text": 'Apa risiko pengaturan "Siapa saja yang memiliki tautan"?',
                "kind": "single",
                "options": [
                    {"text": "Dokumen dapat dibuka oleh siapa pun yang menerima tautan", "correct": True},
                    {"text": "Dokumen hanya dapat dibuka pegawai pemda", "correct": False},
                    {"text": "Dokumen otomatis disamarkan", "correct": False},
                ],
            },
            {
                "text": ("Pengaturan mana yang aman untuk membagikan daftar penerima bantuan yang memuat NIK?"),
                "kind": "multiple",
                "options": [
                    {"text": "Membagikan ke orang tertentu melalui email dinas", "correct": True},
                    {"text": "Memberi hak akses lihat saja bila penerima tidak perlu mengedit", "correct": True},
                    {"text": "Memasang tanggal kedaluwarsa akses", "correct": True},
                    {"text": "Mengunggah ke akun pribadi agar mudah dibuka dari rumah", "correct": False},
                ],
            },
            {
                "text": "Mengapa dokumen dinas sebaiknya disimpan di akun dinas, bukan akun pribadi?",
                "kind": "single",
                "options": [
                    {"text": "Agar dokumen tetap milik instansi ketika pegawai mutasi", "correct": True},
                    {"text": "Karena akun dinas tidak memerlukan kata sandi", "correct": False},
                    {"text": "Karena kapasitas akun dinas tidak terbatas", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Email Dinas dalam Bahasa Inggris: Struktur dan Frasa Kunci",
        "summary": (
            "Tulis email resmi berbahasa Inggris kepada mitra luar negeri dengan struktur yang rapi "
            "dan frasa yang lazim."
        ),
        "competency_type": "teknis",
        "topics": ["bahasa-inggris"],
        "value": "kompeten",
        "estimated_minutes": 8,
        "min_seconds": 120,
        "jp": 0.25,
        "xp": 40,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Struktur email yang rapi\n\n"
                    "Email resmi berbahasa Inggris, misalnya kepada mitra universitas luar negeri atau calon "
                    "investor, biasanya terdiri atas:\n\n"
                    "1. **Subject** yang spesifik: `Invitation: Smart City Workshop, 12 March 2025`.\n"
                    "2. **Salutation** dengan gelar dan nama belakang: `Dear Ms. Tan,` atau `Dear Dr. "
                    "Wilson,`. Jika nama tidak diketahui: `Dear Sir or Madam,`.\n"
                    "3. **Opening** yang langsung ke tujuan: `I am writing to invite you to...`.\n"
                    "4. **Isi** singkat, satu gagasan per paragraf.\n"
                    "5. **Closing**: `I look forward to hearing from you.`\n"
                    "6. **Sign-off**: `Best regards,` atau `Sincerely,` lalu nama, jabatan, dan instansi.\n\n"
                    "Contoh jabatan: *Head of Division, Communication and Informatics Office, Pontianak City "
                    "Government*."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Frasa yang sering dipakai\n\n"
                    "- Melampirkan: `Please find attached the agenda for the workshop.`\n"
                    "- Meminta konfirmasi: `Could you please confirm your attendance by 7 March?`\n"
                    "- Menindaklanjuti: `I am following up on my email of 3 March regarding the workshop.`\n"
                    "- Meminta maaf atas keterlambatan: `I apologise for the delayed reply.`\n\n"
                    "## Kesalahan umum penutur Indonesia\n\n"
                    "- `Please kindly...` terasa berlebihan; cukup `Please...` atau `Could you kindly...`.\n"
                    "- `I want to ask...` terdengar terlalu langsung; lebih halus `I would like to ask...`.\n"
                    "- Singkatan internal seperti OPD atau Bappeda perlu dijelaskan: `the regional planning "
                    "agency (Bappeda)`.\n"
                    "- Tulis tanggal dengan nama bulan (`7 March 2025`), karena format 07/03 dibaca berbeda "
                    "di negara lain."
                ),
            },
        ],
        "questions": [
            {
                "text": "Salam pembuka yang tepat untuk Dr. Emily Wilson adalah...",
                "kind": "single",
                "options": [
                    {"text": "Dear Dr. Wilson,", "correct": True},
                    {"text": "Dear Dr. Emily,", "correct": False},
                    {"text": "Hi Emily Wilson!", "correct": False},
                ],
            },
            {
                "text": "Kalimat mana yang tepat untuk memberi tahu bahwa ada lampiran?",
                "kind": "single",
                "options": [
                    {"text": "Please find attached the agenda for the workshop.", "correct": True},
                    {"text": "Please kindly see attach.", "correct": False},
                    {"text": "I want give you the file.", "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan praktik baik dalam email dinas berbahasa Inggris?",
                "kind": "multiple",
                "options": [
                    {"text": "Menulis subject yang spesifik", "correct": True},
                    {"text": "Menulis tanggal dengan nama bulan, misalnya 7 March 2025", "correct": True},
                    {"text": "Memakai singkatan OPD tanpa penjelasan", "correct": False},
                ],
            },
            {
                "text": "Kalimat mana yang tepat untuk menindaklanjuti email yang belum dibalas?",
                "kind": "single",
                "options": [
                    {"text": "I am following up on my email of 3 March regarding the workshop.", "correct": True},
                    {"text": "Why you not reply my email?", "correct": False},
                    {"text": "Please kindly reply ASAP!!!", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Menyambut Tamu Asing di Mal Pelayanan Publik (English)",
        "summary": (
            "Kalimat bahasa Inggris sederhana untuk menyapa, mengarahkan antrean, meminta tamu "
            "mengulang, dan menutup layanan dengan ramah."
        ),
        "competency_type": "sosial_kultural",
        "topics": ["bahasa-inggris", "soft-skills"],
        "value": "berorientasi-pelayanan",
        "estimated_minutes": 6,
        "min_seconds": 90,
        "jp": 0.25,
        "xp": 30,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Kalimat pembuka\n\n"
                    "Tamu asing, misalnya peneliti, investor, atau wisatawan, kadang datang ke Mal Pelayanan "
                    "Publik (MPP). Sambut dengan senyum dan kalimat sederhana:\n\n"
                    "- `Good morning. Welcome to the Public Service Mall. How may I help you?`\n"
                    "- `Could you please take a queue number from the machine?`\n"
                    "- `Please have a seat. Your number will be called shortly.`\n\n"
                    "Gunakan *good morning* sebelum pukul 12.00, *good afternoon* sampai sekitar pukul "
                    "18.00, dan *good evening* setelahnya. *Good night* dipakai untuk berpamitan, bukan "
                    "menyapa.\n\n"
                    "## Menanyakan data dengan sopan\n\n"
                    "- `May I see your passport, please?`\n"
                    "- `Could you spell your name, please?`\n"
                    "- `Which service do you need today?`"
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Saat tidak memahami\n\n"
                    "Tidak apa-apa meminta tamu mengulang, asalkan sopan dan tenang:\n\n"
                    "- `I'm sorry, I didn't quite catch that. Could you say it again more slowly?`\n"
                    "- `Let me check that for you. One moment, please.`\n"
                    "- `I'm afraid this service is not available here. You need to go to the Immigration "
                    "Office.`\n\n"
                    'Hindari `What?` atau "Hah?" yang terdengar kasar. Menulis kata kunci di kertas juga '
                    "membantu. Jika memakai aplikasi penerjemah, jangan memotret paspor atau dokumen tamu ke "
                    "aplikasi yang tidak resmi.\n\n"
                    "## Mengakhiri layanan\n\n"
                    "- `Is there anything else I can help you with?`\n"
                    "- `Thank you for coming. Have a nice day!`"
                ),
            },
            {"kind": "video", "body": "https://example.org/tangkas/video/greeting-foreign-visitors.mp4"},
        ],
        "questions": [
            {
                "text": "Sapaan yang tepat untuk tamu yang datang pukul 14.00 adalah...",
                "kind": "single",
                "options": [
                    {"text": "Good afternoon", "correct": True},
                    {"text": "Good morning", "correct": False},
                    {"text": "Good night", "correct": False},
                ],
            },
            {
                "text": "Anda tidak menangkap ucapan tamu. Kalimat mana yang sopan?",
                "kind": "single",
                "options": [
                    {
                        "text": "I'm sorry, I didn't quite catch that. Could you say it again more slowly?",
                        "correct": True,
                    },
                    {"text": "What? Repeat!", "correct": False},
                    {"text": "Your English is not clear.", "correct": False},
                ],
            },
            {
                "text": ("Kalimat mana yang tepat untuk meminta tamu mengambil nomor antrean dan menunggu?"),
                "kind": "multiple",
                "options": [
                    {"text": "Could you please take a queue number from the machine?", "correct": True},
                    {"text": "Please have a seat. Your number will be called shortly.", "correct": True},
                    {"text": "Sit there and wait.", "correct": False},
                ],
            },
            {
                "text": ("Layanan yang diminta tamu hanya tersedia di Kantor Imigrasi. Kalimat mana yang tepat?"),
                "kind": "single",
                "options": [
                    {
                        "text": (
                            "I'm afraid this service is not available here. You need to go to the Immigration Office."
                        ),
                        "correct": True,
                    },
                    {"text": "No. Go away.", "correct": False},
                    {"text": "I don't know.", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Menyusun Register Risiko SPIP di Unit Kerja",
        "summary": (
            "Mulai dari sasaran unit, tulis pernyataan risiko yang lengkap, nilai level risikonya, "
            "dan pilih respons yang tepat sesuai SPIP."
        ),
        "competency_type": "manajerial",
        "topics": ["manajemen-risiko"],
        "value": "akuntabel",
        "estimated_minutes": 13,
        "min_seconds": 195,
        "jp": 0.75,
        "xp": 55,
        "pass_mark": 75,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Risiko dalam SPIP\n\n"
                    "Sistem Pengendalian Intern Pemerintah (SPIP) diatur dalam PP Nomor 60 Tahun 2008 dan "
                    "memiliki lima unsur: lingkungan pengendalian, **penilaian risiko**, kegiatan "
                    "pengendalian, informasi dan komunikasi, serta pemantauan pengendalian intern.\n\n"
                    "Risiko adalah kemungkinan kejadian yang menghambat tercapainya sasaran. Karena itu "
                    "register risiko selalu berangkat dari **sasaran unit kerja**, bukan dari daftar "
                    "masalah.\n\n"
                    'Contoh sasaran Disdukcapil: "95% akta kelahiran terbit paling lama 1 hari kerja setelah '
                    'berkas lengkap."\n\n'
                    "## Menulis pernyataan risiko\n\n"
                    "Pernyataan risiko yang baik memuat kejadian, penyebab, dan dampak:\n\n"
                    "> Aplikasi layanan tidak dapat diakses (kejadian) karena gangguan jaringan di kantor "
                    "kecamatan (penyebab), sehingga penerbitan akta tertunda dan warga harus datang kembali "
                    "(dampak)."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Menilai dan memprioritaskan\n\n"
                    "Setiap risiko dinilai dengan skala 1–5:\n\n"
                    "- **Kemungkinan**: 1 = hampir tidak mungkin terjadi, 5 = hampir pasti terjadi.\n"
                    "- **Dampak**: 1 = tidak signifikan, 5 = sangat signifikan.\n\n"
                    "Cara sederhana yang banyak dipakai: level risiko = kemungkinan × dampak, sehingga "
                    "nilainya 1–25. Risiko dengan level tertinggi ditangani lebih dulu.\n\n"
                    "## Kolom register risiko\n\n"
                    "| Kolom | Isi |\n"
                    "|---|---|\n"
                    "| Sasaran | sasaran unit yang terancam |\n"
                    "| Pernyataan risiko | kejadian, penyebab, dampak |\n"
                    "| Kemungkinan, dampak, level | skor 1–5, 1–5, 1–25 |\n"
                    "| Pengendalian yang ada | SOP, cadangan data, dan lain-lain |\n"
                    "| Pemilik risiko | pejabat yang bertanggung jawab |\n"
                    "| Rencana tindak | kegiatan, target waktu, penanggung jawab |"
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Memilih respons risiko\n\n"
                    "- **Menghindari**: menghentikan kegiatan yang memicu risiko.\n"
                    "- **Mengurangi**: menurunkan kemungkinan atau dampak, misalnya menyediakan jaringan "
                    "cadangan di kecamatan.\n"
                    "- **Mengalihkan atau berbagi**: memindahkan sebagian risiko ke pihak lain, misalnya "
                    "melalui asuransi atau kontrak layanan dengan penyedia.\n"
                    "- **Menerima**: bila level risiko rendah atau biaya pengendalian lebih besar daripada "
                    "manfaatnya.\n\n"
                    "Register risiko adalah dokumen hidup. Pantau setidaknya setiap triwulan, perbarui "
                    "skornya setelah rencana tindak berjalan, dan laporkan kepada atasan. Risiko yang "
                    "benar-benar terjadi dicatat sebagai kejadian, lalu dianalisis agar pengendaliannya "
                    "diperbaiki."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana yang termasuk unsur SPIP menurut PP Nomor 60 Tahun 2008?",
                "kind": "multiple",
                "options": [
                    {"text": "Penilaian risiko", "correct": True},
                    {"text": "Pemantauan pengendalian intern", "correct": True},
                    {"text": "Lingkungan pengendalian", "correct": True},
                    {"text": "Penilaian kinerja individu pegawai", "correct": False},
                ],
            },
            {
                "text": (
                    "Sebuah risiko memiliki kemungkinan 4 dan dampak 3. Dengan rumus kemungkinan × dampak, "
                    "berapa levelnya?"
                ),
                "kind": "single",
                "options": [
                    {"text": "7", "correct": False},
                    {"text": "12", "correct": True},
                    {"text": "43", "correct": False},
                ],
            },
            {
                "text": "Pernyataan risiko yang lengkap memuat...",
                "kind": "single",
                "options": [
                    {"text": "kejadian, penyebab, dan dampak", "correct": True},
                    {"text": "nama pegawai yang bersalah", "correct": False},
                    {"text": "besar anggaran kegiatan saja", "correct": False},
                ],
            },
            {
                "text": "Menyediakan jaringan cadangan di kantor kecamatan termasuk respons risiko...",
                "kind": "single",
                "options": [
                    {"text": "Mengurangi", "correct": True},
                    {"text": "Menghindari", "correct": False},
                    {"text": "Menerima", "correct": False},
                ],
            },
            {
                "text": "Register risiko sebaiknya disusun berangkat dari...",
                "kind": "single",
                "options": [
                    {"text": "sasaran unit kerja", "correct": True},
                    {"text": "daftar keluhan pegawai", "correct": False},
                    {"text": "jumlah aplikasi yang dimiliki unit", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Manajemen Risiko SPBE: Saat Aplikasi Layanan Tidak Bisa Diakses",
        "summary": (
            "Kenali risiko khas layanan digital pemda dan pengendaliannya: cadangan data, "
            "pemantauan, rencana keberlangsungan layanan, dan alih pengetahuan."
        ),
        "competency_type": "manajerial",
        "topics": ["manajemen-risiko", "e-government"],
        "value": "akuntabel",
        "estimated_minutes": 10,
        "min_seconds": 150,
        "jp": 0.5,
        "xp": 45,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Risiko khas layanan digital\n\n"
                    "Pedoman manajemen risiko SPBE diatur dalam Peraturan Menteri PANRB Nomor 5 Tahun 2020. "
                    "Risiko SPBE adalah peluang terjadinya peristiwa yang memengaruhi keberhasilan "
                    "pencapaian tujuan penerapan SPBE. Contoh risiko di layanan daerah:\n\n"
                    "- Aplikasi perizinan tidak bisa diakses karena server mati atau sertifikat SSL "
                    "kedaluwarsa.\n"
                    "- Data pemohon hilang karena tidak ada cadangan (backup).\n"
                    "- Situs web pemda diretas dan disusupi konten judi daring.\n"
                    "- Aplikasi bergantung pada satu pegawai atau satu vendor yang kemudian tidak tersedia.\n\n"
                    "Setiap risiko dicatat dengan penyebab, dampak, dan pemiliknya, sama seperti register "
                    "risiko SPIP."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Pengendalian yang umum\n\n"
                    "- **Cadangan 3-2-1**: tiga salinan data, di dua media berbeda, satu di lokasi lain. Uji "
                    "pemulihan berkala; cadangan yang tidak pernah diuji belum tentu bisa dipakai.\n"
                    "- **Pemantauan**: alarm otomatis saat layanan tidak merespons atau sertifikat mendekati "
                    "kedaluwarsa.\n"
                    "- **Rencana keberlangsungan layanan**: prosedur sementara bila aplikasi mati, misalnya "
                    "formulir kertas bernomor yang nanti diinput ulang, agar warga tetap terlayani.\n"
                    "- **Dokumentasi dan alih pengetahuan**: kode sumber, akun admin, dan cara pemasangan "
                    "disimpan instansi, bukan hanya di kepala satu orang atau vendor.\n\n"
                    "## Uji dengan pertanyaan sederhana\n\n"
                    '"Jika server mati pukul 09.00 hari Senin, berapa lama warga tidak terlayani, dan siapa '
                    'yang pertama kali tahu?"'
                ),
            },
        ],
        "questions": [
            {
                "text": "Peraturan apa yang memuat pedoman manajemen risiko SPBE?",
                "kind": "single",
                "options": [
                    {"text": "Peraturan Menteri PANRB Nomor 5 Tahun 2020", "correct": True},
                    {"text": "Peraturan Presiden Nomor 39 Tahun 2019", "correct": False},
                    {"text": "UU Nomor 27 Tahun 2022", "correct": False},
                ],
            },
            {
                "text": "Apa saja isi prinsip cadangan 3-2-1?",
                "kind": "multiple",
                "options": [
                    {"text": "Tiga salinan data", "correct": True},
                    {"text": "Dua media penyimpanan berbeda", "correct": True},
                    {"text": "Satu salinan di lokasi lain", "correct": True},
                    {"text": "Cadangan tidak perlu diuji pemulihannya", "correct": False},
                ],
            },
            {
                "text": "Pengendalian mana yang mengurangi risiko ketergantungan pada satu vendor?",
                "kind": "multiple",
                "options": [
                    {"text": "Kode sumber dan akun admin disimpan oleh instansi", "correct": True},
                    {"text": "Cara pemasangan aplikasi didokumentasikan", "correct": True},
                    {"text": "Hanya vendor yang memegang kata sandi server", "correct": False},
                ],
            },
            {
                "text": "Apa gunanya rencana keberlangsungan layanan?",
                "kind": "single",
                "options": [
                    {
                        "text": "Agar warga tetap terlayani melalui prosedur sementara saat aplikasi mati",
                        "correct": True,
                    },
                    {"text": "Agar aplikasi diganti setiap tahun", "correct": False},
                    {"text": "Agar data lama dapat dihapus lebih cepat", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Merancang Inovasi Pelayanan Publik Menuju SINOVIK",
        "summary": (
            "Rancang inovasi yang berangkat dari masalah warga, ukur hasilnya, dan tulis proposal "
            "yang memenuhi kriteria inovasi."
        ),
        "competency_type": "manajerial",
        "topics": ["inovasi-pelayanan"],
        "value": "adaptif",
        "estimated_minutes": 12,
        "min_seconds": 180,
        "jp": 0.5,
        "xp": 50,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Apa yang disebut inovasi\n\n"
                    "Inovasi pelayanan publik adalah terobosan jenis pelayanan, baik gagasan kreatif "
                    "orisinal maupun adaptasi atau modifikasi, yang memberi manfaat bagi masyarakat secara "
                    "langsung maupun tidak langsung. Kementerian PANRB membinanya melalui Sistem Informasi "
                    "Inovasi Pelayanan Publik (SINOVIK) dan kompetisi inovasi pelayanan publik.\n\n"
                    "Sebuah inovasi umumnya dinilai dari lima hal:\n\n"
                    "- **Kebaruan**: baru di instansi atau daerah itu; adaptasi dari daerah lain tetap "
                    "dihitung.\n"
                    "- **Efektif**: mencapai hasil yang nyata dan terukur.\n"
                    "- **Bermanfaat**: dirasakan masyarakat atau pengguna layanan.\n"
                    "- **Dapat direplikasi**: bisa ditiru instansi lain.\n"
                    "- **Berkelanjutan**: tetap berjalan setelah peluncuran, didukung kebijakan dan anggaran."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Dari masalah ke rancangan\n\n"
                    "1. **Mulai dari masalah warga**, bukan dari teknologi. Contoh: warga di Medan Marelan "
                    "bolak-balik ke kantor kelurahan karena berkasnya kurang lengkap.\n"
                    "2. **Ukur kondisi awal**: rata-rata 2,4 kali datang per permohonan.\n"
                    "3. **Rumuskan ide**: daftar periksa berkas lewat kanal resmi dan layanan jemput bola "
                    "sebulan sekali.\n"
                    "4. **Uji coba kecil** di satu kelurahan selama satu bulan.\n"
                    "5. **Ukur lagi** dan bandingkan, misalnya turun menjadi 1,3 kali datang.\n"
                    "6. **Lembagakan**: tetapkan SOP, tim, dan anggaran agar berkelanjutan.\n\n"
                    "## Menulis proposal\n\n"
                    "Ceritakan masalah, solusi, hasil dengan angka sebelum dan sesudah, pihak yang "
                    "dilibatkan, serta rencana keberlanjutan dan replikasi. Penilai menghargai bukti, bukan "
                    "jargon."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana yang termasuk kriteria umum inovasi pelayanan publik?",
                "kind": "multiple",
                "options": [
                    {"text": "Kebaruan", "correct": True},
                    {"text": "Dapat direplikasi", "correct": True},
                    {"text": "Berkelanjutan", "correct": True},
                    {"text": "Harus berupa aplikasi seluler", "correct": False},
                ],
            },
            {
                "text": ("Sebuah OPD mengadaptasi inovasi yang sudah berhasil di daerah lain. Bagaimana statusnya?"),
                "kind": "single",
                "options": [
                    {
                        "text": "Tetap dapat dianggap inovasi bila baru di instansi atau daerah tersebut",
                        "correct": True,
                    },
                    {"text": "Tidak pernah dianggap inovasi", "correct": False},
                    {"text": "Baru dianggap inovasi bila sudah dipatenkan", "correct": False},
                ],
            },
            {
                "text": "Apa langkah pertama yang tepat dalam merancang inovasi?",
                "kind": "single",
                "options": [
                    {"text": "Mulai dari masalah warga dan mengukur kondisi awalnya", "correct": True},
                    {"text": "Membeli perangkat lunak terbaru", "correct": False},
                    {"text": "Membuat nama dan logo yang menarik", "correct": False},
                ],
            },
            {
                "text": "Bukti efektivitas mana yang paling kuat dalam proposal inovasi?",
                "kind": "single",
                "options": [
                    {"text": "Perbandingan angka sebelum dan sesudah uji coba", "correct": True},
                    {"text": "Jumlah spanduk yang dipasang", "correct": False},
                    {"text": "Pernyataan bahwa inovasi itu canggih", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Design Thinking Singkat untuk Memperbaiki Layanan",
        "summary": (
            "Lima tahap design thinking dan alat sederhananya untuk memperbaiki layanan dari sudut pandang warga."
        ),
        "competency_type": "teknis",
        "topics": ["inovasi-pelayanan"],
        "value": "berorientasi-pelayanan",
        "estimated_minutes": 8,
        "min_seconds": 120,
        "jp": 0.25,
        "xp": 40,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Lima tahap\n\n"
                    "Design thinking adalah cara merancang solusi dengan menempatkan pengguna layanan di "
                    "pusat. Tahapannya:\n\n"
                    "1. **Empathize** (berempati): amati dan wawancarai warga; ikuti perjalanan mereka dari "
                    "rumah sampai dokumen diterima.\n"
                    '2. **Define** (merumuskan masalah): tulis dalam satu kalimat, misalnya "Pedagang pasar '
                    'di Palu perlu mengurus izin tanpa menutup lapak seharian."\n'
                    "3. **Ideate** (menggali ide): kumpulkan sebanyak mungkin ide tanpa langsung menilainya.\n"
                    "4. **Prototype** (membuat purwarupa): buat versi sederhana, misalnya formulir kertas "
                    "baru atau maket layar aplikasi.\n"
                    "5. **Test** (menguji): coba bersama warga, catat kesulitannya, lalu perbaiki.\n\n"
                    "Tahapan ini boleh berulang; kembali ke tahap sebelumnya itu wajar."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Alat sederhana\n\n"
                    "- **Peta perjalanan warga** (customer journey map): tulis setiap langkah warga dan "
                    "tandai titik yang membuat frustrasi, seperti antre dua kali atau harus memfotokopi "
                    "berkas di luar kantor.\n"
                    '- **Pertanyaan "Bagaimana jika kita..."** (how might we): ubah masalah menjadi '
                    "pertanyaan yang mengundang ide.\n"
                    "- **Purwarupa murah**: kertas, slide, atau formulir daring sederhana. Jangan langsung "
                    "memesan aplikasi mahal sebelum idenya diuji.\n\n"
                    "## Kesalahan umum\n\n"
                    "Melewatkan tahap empati dan langsung membuat aplikasi. Hasilnya sering berupa aplikasi "
                    "yang jarang dipakai karena menyelesaikan masalah yang tidak dirasakan warga."
                ),
            },
        ],
        "questions": [
            {
                "text": "Urutan tahap design thinking yang tepat adalah...",
                "kind": "single",
                "options": [
                    {"text": "Empathize, Define, Ideate, Prototype, Test", "correct": True},
                    {"text": "Ideate, Test, Define, Empathize, Prototype", "correct": False},
                    {"text": "Prototype, Empathize, Ideate, Test, Define", "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan contoh purwarupa murah?",
                "kind": "multiple",
                "options": [
                    {"text": "Maket layar aplikasi di atas kertas", "correct": True},
                    {"text": "Formulir daring sederhana", "correct": True},
                    {"text": "Kontrak pembuatan aplikasi selama satu tahun", "correct": False},
                ],
            },
            {
                "text": "Apa tujuan peta perjalanan warga?",
                "kind": "single",
                "options": [
                    {"text": "Menemukan titik yang membuat warga frustrasi di setiap langkah layanan", "correct": True},
                    {"text": "Menghitung anggaran pembuatan aplikasi", "correct": False},
                    {"text": "Menilai kinerja tiap petugas loket", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Enam Dimensi Smart City dan Contohnya di Daerah",
        "summary": (
            "Kenali enam dimensi kota cerdas dan contoh penerapannya di kota seperti Pontianak, Palu, dan Binjai."
        ),
        "competency_type": "teknis",
        "topics": ["smart-city"],
        "value": "adaptif",
        "estimated_minutes": 8,
        "min_seconds": 120,
        "jp": 0.25,
        "xp": 40,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Kota cerdas bukan sekadar aplikasi\n\n"
                    "Kota cerdas (smart city) memanfaatkan teknologi dan data untuk meningkatkan kualitas "
                    "hidup warga, efisiensi layanan, dan daya saing daerah. Teknologi hanyalah alat; ukuran "
                    "keberhasilannya adalah masalah kota yang terselesaikan.\n\n"
                    "Gerakan Menuju 100 Smart City yang diinisiasi Kementerian Kominfo bersama sejumlah "
                    "kementerian memakai enam dimensi:\n\n"
                    "- **Smart Governance**: tata kelola dan layanan pemerintahan.\n"
                    "- **Smart Branding**: citra dan daya tarik daerah.\n"
                    "- **Smart Economy**: ekosistem ekonomi, UMKM, dan keuangan.\n"
                    "- **Smart Living**: permukiman, kesehatan, dan transportasi.\n"
                    "- **Smart Society**: masyarakat yang interaktif dan melek digital.\n"
                    "- **Smart Environment**: lingkungan, sampah, energi, dan kebencanaan."
                ),
            },
            {"kind": "image", "body": "https://example.org/tangkas/img/enam-dimensi-smart-city.png"},
            {
                "kind": "text",
                "body": (
                    "## Contoh penerapan\n\n"
                    "- Kota di tepi sungai seperti Pontianak dapat memasang sensor tinggi muka air untuk "
                    "peringatan dini banjir (*smart environment*).\n"
                    "- Palu, yang dilanda gempa, tsunami, dan likuefaksi pada 2018, dapat memadukan peta "
                    "rawan bencana dengan data penduduk untuk merencanakan jalur evakuasi (*smart "
                    "environment*, *smart living*).\n"
                    "- Pembayaran retribusi pasar nontunai, misalnya di Binjai, mendukung *smart economy* "
                    "dan *smart governance*.\n"
                    "- Promosi wisata kuliner dan budaya lewat kanal resmi daerah termasuk *smart branding*.\n\n"
                    "## Mulai dari masalah\n\n"
                    "Rencana induk smart city sebaiknya dimulai dari masalah prioritas daerah, lalu memilih "
                    "solusi paling sederhana yang berhasil. Aplikasi baru tidak selalu menjadi jawabannya."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana yang termasuk dimensi dalam Gerakan Menuju 100 Smart City?",
                "kind": "multiple",
                "options": [
                    {"text": "Smart Branding", "correct": True},
                    {"text": "Smart Society", "correct": True},
                    {"text": "Smart Environment", "correct": True},
                    {"text": "Smart Military", "correct": False},
                ],
            },
            {
                "text": "Sensor tinggi muka air untuk peringatan dini banjir termasuk dimensi...",
                "kind": "single",
                "options": [
                    {"text": "Smart Environment", "correct": True},
                    {"text": "Smart Branding", "correct": False},
                    {"text": "Smart Economy", "correct": False},
                ],
            },
            {
                "text": "Apa ukuran keberhasilan smart city?",
                "kind": "single",
                "options": [
                    {"text": "Masalah kota terselesaikan dan kualitas hidup warga meningkat", "correct": True},
                    {"text": "Banyaknya aplikasi yang diluncurkan", "correct": False},
                    {"text": "Luasnya layar di ruang kendali", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Memanfaatkan Data Kota untuk Keputusan: Sensor, CCTV, dan Laporan Warga",
        "summary": (
            "Gabungkan data sensor, CCTV, dan laporan warga di ruang kendali kota menjadi keputusan "
            "lintas OPD yang tepat sasaran."
        ),
        "competency_type": "teknis",
        "topics": ["smart-city", "analitik-data"],
        "value": "kolaboratif",
        "estimated_minutes": 7,
        "min_seconds": 105,
        "jp": 0.25,
        "xp": 35,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Sumber data kota cerdas\n\n"
                    "Ruang kendali (command center) di banyak kota mengumpulkan data dari berbagai sumber:\n\n"
                    "- **Sensor** (Internet of Things): tinggi muka air, kualitas udara, curah hujan.\n"
                    "- **CCTV dan sistem pengendali lalu lintas** (ATCS): kepadatan kendaraan di "
                    "persimpangan.\n"
                    "- **Laporan warga**: jalan rusak, lampu jalan mati, atau sampah menumpuk, lengkap "
                    "dengan foto dan titik lokasi.\n"
                    "- **Data layanan**: jumlah permohonan, waktu antrean, kunjungan puskesmas.\n\n"
                    "Data ini baru bernilai jika ada yang membacanya dan ada OPD yang bertindak. Ruang "
                    "kendali tanpa prosedur tindak lanjut hanya menjadi layar besar yang indah."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Dari data ke keputusan\n\n"
                    "Contoh: dalam tiga bulan, 60% laporan genangan di satu kecamatan datang dari lima ruas "
                    "jalan yang sama, selalu dalam dua jam setelah hujan lebat. Dinas PUPR dapat "
                    "memprioritaskan normalisasi saluran di lima ruas itu.\n\n"
                    "Prinsip yang perlu dijaga:\n\n"
                    "- **Kolaborasi lintas OPD**: laporan diteruskan ke OPD penanggung jawab dengan batas "
                    "waktu tindak lanjut.\n"
                    "- **Kualitas data**: sensor dikalibrasi; laporan ganda dari banyak warga digabung agar "
                    "tidak dihitung berkali-kali.\n"
                    "- **Privasi**: rekaman CCTV dan lokasi pelapor dilindungi; aksesnya hanya untuk petugas "
                    "berwenang.\n"
                    "- **Umpan balik ke warga**: kabari pelapor bahwa masalah sudah ditangani agar mereka "
                    "mau melapor lagi."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana yang merupakan sumber data ruang kendali kota cerdas?",
                "kind": "multiple",
                "options": [
                    {"text": "Sensor tinggi muka air", "correct": True},
                    {"text": "Laporan warga dengan foto dan titik lokasi", "correct": True},
                    {"text": "CCTV di persimpangan", "correct": True},
                    {"text": "Dugaan pribadi petugas tanpa data pendukung", "correct": False},
                ],
            },
            {
                "text": (
                    "60% laporan genangan di satu kecamatan berasal dari lima ruas jalan yang sama. "
                    "Keputusan mana yang berbasis data?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Memprioritaskan normalisasi saluran di lima ruas itu", "correct": True},
                    {"text": "Membagi anggaran sama rata ke semua ruas jalan", "correct": False},
                    {"text": "Mengabaikannya karena hanya laporan warga", "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan prinsip pengelolaan data kota yang baik?",
                "kind": "multiple",
                "options": [
                    {"text": "Menggabungkan laporan ganda agar tidak dihitung berkali-kali", "correct": True},
                    {"text": "Membatasi akses rekaman CCTV hanya untuk petugas berwenang", "correct": True},
                    {"text": "Tidak mengabari pelapor agar laporan tidak bertambah", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Menindaklanjuti Pengaduan Warga melalui SP4N-LAPOR!",
        "summary": (
            "Pahami alur SP4N-LAPOR! dan tulis jawaban pengaduan yang empatik, jelas, dan menjaga kerahasiaan pelapor."
        ),
        "competency_type": "teknis",
        "topics": ["e-government", "soft-skills"],
        "value": "berorientasi-pelayanan",
        "estimated_minutes": 9,
        "min_seconds": 135,
        "jp": 0.5,
        "xp": 45,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Mengenal SP4N-LAPOR!\n\n"
                    "SP4N-LAPOR! (Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional – Layanan Aspirasi "
                    "dan Pengaduan Online Rakyat) adalah kanal pengaduan nasional yang dikelola bersama "
                    "Kementerian PANRB, Ombudsman RI, dan Kantor Staf Presiden. Pemerintah daerah terhubung "
                    "ke sistem ini untuk menerima dan menindaklanjuti laporan.\n\n"
                    "Warga dapat melapor melalui situs lapor.go.id, aplikasi seluler, atau media sosial "
                    "resmi LAPOR!. Pelapor dapat memilih laporannya bersifat **rahasia** (identitas tidak "
                    "ditampilkan) atau **anonim**.\n\n"
                    "## Alur singkat\n\n"
                    "1. Laporan masuk dan diverifikasi admin.\n"
                    "2. Laporan diteruskan ke instansi berwenang, misalnya Disdukcapil.\n"
                    "3. Instansi menindaklanjuti dan memberi jawaban di sistem.\n"
                    "4. Pelapor dapat menanggapi; laporan ditutup setelah selesai."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Menulis jawaban yang baik\n\n"
                    "Jawaban pengaduan dibaca warga dan dapat dilihat publik. Gunakan pola:\n\n"
                    '- **Terima kasih dan empati**: "Terima kasih atas laporan Bapak. Kami memahami '
                    'kekecewaan Bapak karena KTP-el belum tercetak."\n'
                    "- **Fakta dan tindakan**: apa yang sudah diperiksa dan dilakukan.\n"
                    "- **Langkah berikutnya** yang jelas: kapan, di mana, membawa apa.\n"
                    "- **Kontak** yang bisa dihubungi bila masih ada kendala.\n\n"
                    'Hindari jawaban templat seperti "Laporan sudah diteruskan ke bidang terkait" tanpa '
                    "tindakan nyata. Jangan mencantumkan NIK atau data pribadi pelapor dalam jawaban, dan "
                    "jangan mencari tahu identitas pelapor yang memilih rahasia."
                ),
            },
        ],
        "questions": [
            {
                "text": "Siapa saja pengelola SP4N-LAPOR!?",
                "kind": "multiple",
                "options": [
                    {"text": "Kementerian PANRB", "correct": True},
                    {"text": "Ombudsman RI", "correct": True},
                    {"text": "Kantor Staf Presiden", "correct": True},
                    {"text": "Badan Pusat Statistik", "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan unsur jawaban pengaduan yang baik?",
                "kind": "multiple",
                "options": [
                    {"text": "Ucapan terima kasih dan empati", "correct": True},
                    {"text": "Tindakan yang sudah dilakukan", "correct": True},
                    {"text": "Langkah berikutnya yang jelas", "correct": True},
                    {"text": "NIK pelapor agar jawaban tepat sasaran", "correct": False},
                ],
            },
            {
                "text": (
                    'Bagaimana menilai jawaban "Laporan sudah diteruskan ke bidang terkait" tanpa penjelasan lain?'
                ),
                "kind": "single",
                "options": [
                    {"text": "Kurang baik, karena tidak menjelaskan tindakan dan langkah berikutnya", "correct": True},
                    {"text": "Sudah cukup, karena laporan memang sudah diteruskan", "correct": False},
                    {"text": "Ideal, karena singkat", "correct": False},
                ],
            },
            {
                "text": "Pelapor memilih opsi rahasia. Bagaimana sikap petugas?",
                "kind": "single",
                "options": [
                    {"text": "Menindaklanjuti isi laporan tanpa mencari tahu identitas pelapor", "correct": True},
                    {"text": "Menelusuri identitas pelapor agar bisa dikonfirmasi", "correct": False},
                    {"text": "Menolak laporan karena identitas tidak ditampilkan", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Empati dan Komunikasi Efektif dengan Warga di Loket",
        "summary": (
            "Dengarkan secara aktif, pilih kata yang menenangkan, dan tetap berpegang pada prosedur "
            "saat melayani warga yang kecewa."
        ),
        "competency_type": "sosial_kultural",
        "topics": ["soft-skills"],
        "value": "harmonis",
        "estimated_minutes": 6,
        "min_seconds": 90,
        "jp": 0.25,
        "xp": 30,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Empati bukan berarti selalu setuju\n\n"
                    "Empati adalah kemampuan memahami perasaan dan sudut pandang warga. Warga yang marah "
                    "karena sudah tiga kali datang mengurus akta tidak sedang menyerang Anda pribadi; ia "
                    "kecewa pada pengalamannya.\n\n"
                    "Empati tidak berarti menjanjikan hal di luar aturan. Anda tetap bisa tegas pada "
                    "prosedur sambil menghargai perasaan warga.\n\n"
                    "## Mendengarkan aktif\n\n"
                    "- Tatap lawan bicara, letakkan ponsel, dan jangan memotong.\n"
                    '- **Parafrasakan**: "Jadi Ibu sudah datang tiga kali dan setiap kali diminta berkas '
                    'yang berbeda, begitu?"\n'
                    '- **Namai perasaannya**: "Wajar Ibu kesal."\n'
                    '- Ajukan **pertanyaan terbuka**: "Berkas apa saja yang sudah Ibu bawa hari ini?"'
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Bahasa yang menenangkan\n\n"
                    "| Hindari | Gunakan |\n"
                    "|---|---|\n"
                    '| "Itu bukan urusan saya." | "Saya bantu hubungkan ke petugas yang menangani, ya." |\n'
                    '| "Sudah aturannya begitu." | "Aturannya meminta surat pengantar karena...; yang bisa '
                    'kita lakukan sekarang adalah..." |\n'
                    '| "Kembali besok saja." | "Setelah berkas lengkap, Ibu bisa langsung ke loket ini tanpa '
                    'antre ulang." |\n\n'
                    "## Jaga nada dan bahasa tubuh\n\n"
                    'Suara rendah dan pelan menurunkan ketegangan. Hindari istilah teknis seperti "NIK belum '
                    'padan" tanpa penjelasan. Di daerah dengan warga beragam budaya, sapaan yang hormat '
                    "seperti Bapak, Ibu, atau sapaan lokal yang lazim membuat warga merasa dihargai."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mana contoh parafrase yang tepat?",
                "kind": "single",
                "options": [
                    {
                        "text": (
                            '"Jadi Ibu sudah datang tiga kali dan setiap kali diminta berkas yang berbeda, begitu?"'
                        ),
                        "correct": True,
                    },
                    {"text": '"Ibu harus sabar."', "correct": False},
                    {"text": '"Itu bukan salah saya."', "correct": False},
                ],
            },
            {
                "text": "Mana yang termasuk perilaku mendengarkan aktif?",
                "kind": "multiple",
                "options": [
                    {"text": "Tidak memotong pembicaraan", "correct": True},
                    {"text": "Menamai perasaan warga", "correct": True},
                    {"text": "Mengajukan pertanyaan terbuka", "correct": True},
                    {"text": "Mendengarkan sambil membalas pesan di ponsel", "correct": False},
                ],
            },
            {
                "text": "Dalam pelayanan, empati berarti...",
                "kind": "single",
                "options": [
                    {"text": "Memahami perasaan warga sambil tetap berpegang pada prosedur", "correct": True},
                    {"text": "Selalu menuruti permintaan warga", "correct": False},
                    {"text": "Tidak pernah menjelaskan aturan kepada warga", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Mengelola Resistensi terhadap Perubahan di Unit Kerja",
        "summary": (
            "Pahami penyebab penolakan terhadap cara kerja digital dan pimpin tim melewatinya dengan model ADKAR."
        ),
        "competency_type": "manajerial",
        "topics": ["soft-skills", "inovasi-pelayanan"],
        "value": "adaptif",
        "estimated_minutes": 10,
        "min_seconds": 150,
        "jp": 0.5,
        "xp": 45,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Mengapa orang menolak perubahan\n\n"
                    "Saat kantor beralih dari surat kertas ke naskah dinas elektronik, selalu ada yang "
                    'berkata "cara lama lebih cepat". Penolakan jarang disebabkan kemalasan. Penyebab yang '
                    "sering muncul:\n\n"
                    "- Takut tidak mampu dan terlihat canggung di depan rekan yang lebih muda.\n"
                    '- Tidak paham alasan perubahan ("untuk apa?").\n'
                    "- Beban kerja bertambah selama masa transisi.\n"
                    "- Kehilangan kendali atau peran yang selama ini membuatnya dihargai.\n"
                    "- Pengalaman buruk dengan aplikasi sebelumnya yang akhirnya ditinggalkan.\n\n"
                    "Pahami dulu penyebabnya dengan bertanya, bukan menghakimi."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Model ADKAR\n\n"
                    "Model ADKAR dari Prosci membantu melihat di tahap mana seseorang tertahan:\n\n"
                    "1. **Awareness**: sadar mengapa perubahan perlu.\n"
                    "2. **Desire**: mau mendukung dan ikut serta.\n"
                    "3. **Knowledge**: tahu cara melakukannya.\n"
                    "4. **Ability**: mampu melakukannya dalam pekerjaan nyata.\n"
                    "5. **Reinforcement**: ada penguatan agar perubahan bertahan.\n\n"
                    "Pelatihan (knowledge) tidak akan berhasil bila orang belum paham alasannya (awareness) "
                    "atau belum mau (desire).\n\n"
                    "## Langkah praktis atasan\n\n"
                    '- Jelaskan alasan dengan data: "Disposisi surat rata-rata makan 4 hari; dengan sistem '
                    'elektronik targetnya 1 hari."\n'
                    "- Libatkan pegawai yang ragu dalam uji coba dan minta masukannya.\n"
                    "- Tunjuk pendamping sebaya (*champion*) yang sabar.\n"
                    "- Rayakan kemenangan kecil dan akui upaya, bukan hanya hasil."
                ),
            },
        ],
        "questions": [
            {
                "text": "Urutan tahap model ADKAR yang benar adalah...",
                "kind": "single",
                "options": [
                    {"text": "Awareness, Desire, Knowledge, Ability, Reinforcement", "correct": True},
                    {"text": "Ability, Desire, Knowledge, Awareness, Reinforcement", "correct": False},
                    {"text": "Knowledge, Ability, Desire, Awareness, Reinforcement", "correct": False},
                ],
            },
            {
                "text": (
                    "Seorang pegawai sudah ikut pelatihan aplikasi, tetapi tetap enggan karena tidak "
                    "mengerti mengapa perubahan itu perlu. Tahap apa yang perlu diperkuat?"
                ),
                "kind": "single",
                "options": [
                    {"text": "Awareness", "correct": True},
                    {"text": "Ability", "correct": False},
                    {"text": "Reinforcement", "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan penyebab umum resistensi terhadap perubahan?",
                "kind": "multiple",
                "options": [
                    {"text": "Takut tidak mampu", "correct": True},
                    {"text": "Tidak paham alasan perubahan", "correct": True},
                    {"text": "Beban kerja bertambah selama transisi", "correct": True},
                    {"text": "Sudah paham, mampu, dan mendapat penguatan", "correct": False},
                ],
            },
            {
                "text": "Langkah mana yang tepat dilakukan atasan?",
                "kind": "multiple",
                "options": [
                    {"text": "Menjelaskan alasan perubahan dengan data", "correct": True},
                    {"text": "Melibatkan pegawai yang ragu dalam uji coba", "correct": True},
                    {"text": "Mengumumkan nama pegawai yang menolak saat apel pagi", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "Memberi Umpan Balik yang Membangun sebagai Atasan",
        "summary": (
            "Gunakan model Situation–Behavior–Impact untuk memberi umpan balik positif dan korektif "
            "yang jelas serta mudah diterima."
        ),
        "competency_type": "manajerial",
        "topics": ["soft-skills"],
        "value": "kompeten",
        "estimated_minutes": 8,
        "min_seconds": 120,
        "jp": 0.25,
        "xp": 40,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Model SBI\n\n"
                    "Umpan balik yang efektif menjelaskan fakta, bukan menilai pribadi. Model **SBI** "
                    "(Situation–Behavior–Impact) dari Center for Creative Leadership mudah dipakai:\n\n"
                    '- **Situasi**: kapan dan di mana. "Pada rapat evaluasi layanan Selasa lalu..."\n'
                    '- **Perilaku**: apa yang terlihat dan terdengar, tanpa tafsiran. "...Anda menyajikan '
                    'data antrean lengkap dengan grafik per loket..."\n'
                    '- **Dampak**: akibatnya bagi tim atau warga. "...sehingga Kepala Dinas langsung '
                    'memutuskan menambah satu loket."\n\n'
                    'Bandingkan dengan "Bagus, pertahankan!" yang menyenangkan, tetapi tidak memberi tahu '
                    "apa yang perlu diulang."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Umpan balik korektif\n\n"
                    "Gunakan pola yang sama untuk perilaku yang perlu diperbaiki, lalu ajak berdialog:\n\n"
                    '> "Dalam tiga hari terakhir (situasi), laporan harian dikirim setelah pukul 16.00 '
                    "(perilaku). Akibatnya rekap untuk camat terlambat (dampak). Apa kendalanya, dan apa "
                    'yang bisa kita atur bersama?"\n\n'
                    "Tips:\n\n"
                    "- Sampaikan secara pribadi, bukan di depan tim.\n"
                    "- Berikan segera, jangan menunggu penilaian kinerja akhir tahun.\n"
                    "- Fokus pada satu atau dua hal, bukan daftar panjang.\n"
                    "- Sering memberi umpan balik positif membuat umpan balik korektif lebih mudah diterima.\n"
                    "- Sepakati tindak lanjut dan waktu untuk meninjaunya kembali."
                ),
            },
        ],
        "questions": [
            {
                "text": "Apa kepanjangan SBI dalam model umpan balik?",
                "kind": "single",
                "options": [
                    {"text": "Situation, Behavior, Impact", "correct": True},
                    {"text": "Strength, Behavior, Improvement", "correct": False},
                    {"text": "Situation, Blame, Instruction", "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan deskripsi perilaku yang baik menurut model SBI?",
                "kind": "single",
                "options": [
                    {
                        "text": '"Dalam tiga hari terakhir, laporan harian dikirim setelah pukul 16.00."',
                        "correct": True,
                    },
                    {"text": '"Anda malas."', "correct": False},
                    {"text": '"Anda tidak peduli pada tim."', "correct": False},
                ],
            },
            {
                "text": "Mana yang merupakan tips memberi umpan balik korektif?",
                "kind": "multiple",
                "options": [
                    {"text": "Menyampaikannya secara pribadi", "correct": True},
                    {"text": "Memberikannya segera", "correct": True},
                    {"text": "Menyepakati tindak lanjut", "correct": True},
                    {"text": "Mengumpulkan semua kesalahan untuk dibahas di akhir tahun", "correct": False},
                ],
            },
        ],
    },
    {
        "title": "BerAKHLAK dalam Pelayanan Sehari-hari",
        "summary": (
            "Tujuh nilai dasar ASN BerAKHLAK dan contoh perilakunya dalam pekerjaan sehari-hari di kantor dan di loket."
        ),
        "competency_type": "sosial_kultural",
        "topics": ["soft-skills"],
        "value": None,
        "estimated_minutes": 5,
        "min_seconds": 75,
        "jp": 0.25,
        "xp": 25,
        "pass_mark": 70,
        "lessons": [
            {
                "kind": "text",
                "body": (
                    "## Tujuh nilai dasar ASN\n\n"
                    "BerAKHLAK diluncurkan Presiden pada 27 Juli 2021 dengan slogan *Bangga Melayani "
                    "Bangsa*, dan kini ditegaskan dalam UU Nomor 20 Tahun 2023 tentang ASN. Tujuh nilainya:\n\n"
                    "- **Berorientasi Pelayanan**: memahami dan memenuhi kebutuhan masyarakat; ramah, "
                    "cekatan, solutif.\n"
                    "- **Akuntabel**: jujur, bertanggung jawab, cermat, disiplin, berintegritas.\n"
                    "- **Kompeten**: terus belajar, membantu orang lain belajar, bekerja sebaik-baiknya.\n"
                    "- **Harmonis**: menghargai setiap orang apa pun latar belakangnya, suka menolong.\n"
                    "- **Loyal**: setia pada Pancasila, UUD 1945, NKRI, dan pemerintahan yang sah; menjaga "
                    "rahasia jabatan.\n"
                    "- **Adaptif**: cepat menyesuaikan diri, berinovasi, proaktif.\n"
                    "- **Kolaboratif**: terbuka bekerja sama dan memberi kesempatan berbagai pihak "
                    "berkontribusi."
                ),
            },
            {
                "kind": "text",
                "body": (
                    "## Contoh di hari kerja biasa\n\n"
                    "- Warga lansia kesulitan mengisi formulir daring; Anda membantunya langsung di loket "
                    "(**berorientasi pelayanan**).\n"
                    "- Anda salah memasukkan data, segera mengakuinya, lalu memperbaikinya (**akuntabel**).\n"
                    "- Menyelesaikan satu modul singkat setiap hari untuk menambah JP (**kompeten**).\n"
                    "- Menjaga suasana grup kantor tetap santun meski berbeda pendapat (**harmonis**).\n"
                    "- Tidak membocorkan isi rapat terbatas ke media sosial (**loyal**).\n"
                    "- Mencoba fitur baru aplikasi layanan alih-alih menolaknya (**adaptif**).\n"
                    "- Berbagi data dengan OPD lain melalui walidata (**kolaboratif**)."
                ),
            },
        ],
        "questions": [
            {
                "text": "Mengakui kesalahan input data lalu segera memperbaikinya mencerminkan nilai...",
                "kind": "single",
                "options": [
                    {"text": "Akuntabel", "correct": True},
                    {"text": "Loyal", "correct": False},
                    {"text": "Harmonis", "correct": False},
                ],
            },
            {
                "text": "Perilaku mana yang mencerminkan nilai Berorientasi Pelayanan?",
                "kind": "multiple",
                "options": [
                    {"text": "Membantu warga lansia mengisi formulir daring di loket", "correct": True},
                    {"text": "Bersikap ramah, cekatan, dan solutif", "correct": True},
                    {"text": "Menyuruh warga kembali besok tanpa penjelasan", "correct": False},
                ],
            },
            {
                "text": "Tidak membocorkan isi rapat terbatas ke media sosial mencerminkan nilai...",
                "kind": "single",
                "options": [
                    {"text": "Loyal", "correct": True},
                    {"text": "Adaptif", "correct": False},
                    {"text": "Kompeten", "correct": False},
                ],
            },
            {
                "text": "Apa slogan yang menyertai peluncuran BerAKHLAK?",
                "kind": "single",
                "options": [
                    {"text": "Bangga Melayani Bangsa", "correct": True},
                    {"text": "Kerja Keras Tanpa Batas", "correct": False},
                    {"text": "Cepat, Tepat, Hemat", "correct": False},
                ],
            },
        ],
    },
]
