"""The organization of a benchmark seed: regions in the three time zones, their agencies (OPD),
small unit trees of uneven sizes, and the people in them (pure generation, no I/O).

Everything is drawn from one ``random.Random``, so a seed and a size always give the same rows.
Ids are assigned here, from the first free id of each table, because rows refer to each other.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from itertools import accumulate

from domain.access import unit_path

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
BENCH_SUPERADMIN_EMAIL = "superadmin@bench.test"  # also marks a database as seeded by the benchmark
EMAIL_DOMAIN = "bench.test"
MIN_PEOPLE_PER_REGION = 5
PEOPLE_PER_REGION = 2_500  # 100,000 people: all 30 regions; the smallest seeds: the first three
PEOPLE_PER_AGENCY = 300
PEOPLE_PER_UNIT = 35
DEPUTY_ABOVE = 60  # a unit with more staff than this gets a second manager
PPPK_SHARE = 0.2
HIDDEN_NAME_SHARE = 0.03


@dataclass(frozen=True)
class RegionSpec:
    name: str
    slug: str
    timezone: str
    weight: float  # relative number of civil servants


# Weighted roughly like Indonesia's population (about 78 % WIB, 18 % WITA, 4 % WIT). The first
# three cover the three time zones, so that even the smallest seed has all of them.
REGIONS = [
    RegionSpec("Kota Surabaya", "surabaya", WIB, 6.0),
    RegionSpec("Kota Makassar", "makassar", WITA, 3.5),
    RegionSpec("Kota Jayapura", "jayapura", WIT, 1.2),
    RegionSpec("Kabupaten Bogor", "bogor", WIB, 7.0),
    RegionSpec("Kota Bandung", "bandung", WIB, 5.0),
    RegionSpec("Kota Denpasar", "denpasar", WITA, 2.0),
    RegionSpec("Kota Medan", "medan", WIB, 5.0),
    RegionSpec("Kota Bekasi", "bekasi", WIB, 4.5),
    RegionSpec("Kota Ambon", "ambon", WIT, 0.8),
    RegionSpec("Kota Semarang", "semarang", WIB, 3.5),
    RegionSpec("Kota Banjarmasin", "banjarmasin", WITA, 1.5),
    RegionSpec("Kota Palembang", "palembang", WIB, 3.5),
    RegionSpec("Kota Pekanbaru", "pekanbaru", WIB, 2.5),
    RegionSpec("Kota Balikpapan", "balikpapan", WITA, 1.4),
    RegionSpec("Kota Bandar Lampung", "bandar-lampung", WIB, 2.2),
    RegionSpec("Kota Padang", "padang", WIB, 2.0),
    RegionSpec("Kota Manado", "manado", WITA, 1.0),
    RegionSpec("Kota Malang", "malang", WIB, 2.0),
    RegionSpec("Kabupaten Sleman", "sleman", WIB, 2.0),
    RegionSpec("Kota Mataram", "mataram", WITA, 1.0),
    RegionSpec("Kota Pontianak", "pontianak", WIB, 1.5),
    RegionSpec("Kota Surakarta", "surakarta", WIB, 1.3),
    RegionSpec("Kota Sorong", "sorong", WIT, 0.5),
    RegionSpec("Kota Jambi", "jambi", WIB, 1.3),
    RegionSpec("Kota Kupang", "kupang", WITA, 0.9),
    RegionSpec("Kota Yogyakarta", "yogyakarta", WIB, 1.2),
    RegionSpec("Kota Palu", "palu", WITA, 0.8),
    RegionSpec("Kota Banda Aceh", "banda-aceh", WIB, 0.9),
    RegionSpec("Kota Palangka Raya", "palangka-raya", WIB, 0.8),
    RegionSpec("Kota Binjai", "binjai", WIB, 0.7),
]
# (name, relative size); the first is where the region's admin works.
AGENCIES = [
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 0.6),
    ("Dinas Pendidikan", 5.0),
    ("Dinas Kesehatan", 3.5),
    ("Sekretariat Daerah", 1.5),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 1.2),
    ("Satuan Polisi Pamong Praja", 1.2),
    ("Dinas Kependudukan dan Pencatatan Sipil", 0.8),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", 0.8),
    ("Dinas Perhubungan", 1.0),
    ("Dinas Lingkungan Hidup", 1.0),
    ("Dinas Pertanian dan Ketahanan Pangan", 0.9),
    ("Dinas Sosial", 0.7),
    ("Dinas Komunikasi dan Informatika", 0.6),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 0.6),
    ("Badan Perencanaan Pembangunan Daerah", 0.6),
    ("Inspektorat Daerah", 0.5),
]
FIELDS = [
    "Perencanaan",
    "Pelayanan",
    "Pengembangan",
    "Pengawasan",
    "Data dan Informasi",
    "Pembinaan",
    "Sarana dan Prasarana",
    "Evaluasi",
]
FIRST_NAMES = (
    "Agus Andi Anisa Ayu Bayu Budi Citra Dedi Dewi Dian Eko Endah Fajar Fitri Gilang Hadi Hendra Ika Indah "
    "Intan Joko Kartika Ketut Lestari Lina Made Maya Nanda Novi Nur Nyoman Oktavia Putri Rahmat Rina Rizki "
    "Sari Siti Taufik Teguh Utami Wahyu Wayan Wulan Yanti Yohanes Yusuf Zahra"
).split()
LAST_NAMES = (
    "Saputra Wijaya Siregar Nasution Lubis Harahap Pratama Hidayat Kusuma Lamahu Tanjung Sitompul Ramadhan "
    "Setiawan Rahayu Handayani Gunawan Simanjuntak Pohan Latif Sinaga Manurung Pattiasina Wenda Rumbiak "
    "Mandagi Tumbelaka Daeng Pakpahan Nugroho Santoso Wibowo Susanto Purnomo Hasibuan Rangkuti"
).split()


@dataclass
class UnitRow:
    id: int
    agency: int
    region: int
    parent: int | None
    name: str
    path: str
    weight: float  # relative number of staff


@dataclass
class PersonRow:
    id: int
    name: str
    nip: str | None
    email: str
    staff_type: str | None
    region: int | None
    unit: int | None
    roles: str
    hide_name: bool = False


@dataclass
class Organization:
    regions: list[tuple[int, RegionSpec]] = field(default_factory=list)
    agencies: list[tuple[int, int, str]] = field(default_factory=list)  # id, region, name
    units: list[UnitRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    admins: dict[int, int] = field(default_factory=dict)  # region id → its admin's person id
    superadmin: int = 0


@dataclass
class FirstIds:
    region: int = 1
    agency: int = 1
    unit: int = 1
    person: int = 1


def region_count(people: int) -> int:
    return max(3, min(len(REGIONS), people // PEOPLE_PER_REGION))


def minimum_people(people: int) -> int:
    """The fewest people an organization of ``people`` can have: a superadmin and a few per region."""
    return 1 + MIN_PEOPLE_PER_REGION * region_count(people)


def build_organization(rng: random.Random, people: int, first: FirstIds, today: dt.date) -> Organization:
    """Regions, agencies, units and exactly ``people`` people: a superadmin, an admin per region,
    a manager per unit (a deputy in the large ones), and staff spread unevenly over the units."""
    specs = REGIONS[: region_count(people)]
    org = Organization()
    ids = _Counters(first)
    shares = split(people - 1 - MIN_PEOPLE_PER_REGION * len(specs), [spec.weight for spec in specs])
    nips = _Nips(rng, today)
    org.superadmin = ids.next_person()
    org.people.append(
        PersonRow(org.superadmin, "Superadmin Bench", None, BENCH_SUPERADMIN_EMAIL, None, None, None, "superadmin")
    )
    for spec, share in zip(specs, shares, strict=True):
        region_id = ids.take("region")
        org.regions.append((region_id, spec))
        _region(rng, org, ids, nips, region_id, spec, share + MIN_PEOPLE_PER_REGION)
    return org


def _region(rng, org, ids, nips, region_id: int, spec: RegionSpec, people: int) -> None:
    # A few agencies even in a small region, one per PEOPLE_PER_AGENCY in a large one.
    count = max(1, min(3, people // 12), round(people / PEOPLE_PER_AGENCY))
    agencies = AGENCIES[: min(len(AGENCIES), count)]
    total_weight = sum(weight for _, weight in agencies)
    units: list[UnitRow] = []
    for name, weight in agencies:
        agency_id = ids.take("agency")
        org.agencies.append((agency_id, region_id, name))
        expected = people * weight / total_weight
        size = max(1, min(24, round(expected / PEOPLE_PER_UNIT)))
        units += _unit_tree(rng, ids, agency_id, region_id, name, size, weight)
    org.units += units
    make = _PersonMaker(rng, org, ids, nips, region_id, spec.slug)
    admin = make(units[0], "admin;asn", "PNS")
    org.admins[region_id] = admin.id
    managers = [make(unit, "manager;asn", "PNS") for unit in units]
    staff_count = people - 1 - len(managers)
    cumulative = list(accumulate(unit.weight for unit in units))
    staff = [make(unit, "asn", None) for unit in rng.choices(units, cum_weights=cumulative, k=staff_count)]
    _promote_deputies(staff)


def _unit_tree(rng, ids, agency_id: int, region_id: int, agency_name: str, size: int, weight: float) -> list[UnitRow]:
    """The agency's head office, its secretariat, fields (bidang) and sections (seksi) under them."""
    root_id = ids.take("unit")
    root = UnitRow(root_id, agency_id, region_id, None, agency_name, unit_path(None, root_id), weight * 0.2)
    units = [root]

    def child(parent: UnitRow, name: str) -> UnitRow:
        unit_id = ids.take("unit")
        uneven = weight * rng.lognormvariate(0, 0.6)
        unit = UnitRow(unit_id, agency_id, region_id, parent.id, name, unit_path(parent.path, unit_id), uneven)
        units.append(unit)
        return unit

    if size >= 2:
        child(root, "Sekretariat")
    rest = size - len(units)
    field_count = min(len(FIELDS), max(1, round(rest / 3))) if rest else 0  # about three units per field
    fields = [child(root, f"Bidang {name}") for name in FIELDS[:field_count]]
    for number in range(size - len(units)):
        field_unit = fields[number % len(fields)]
        child(field_unit, f"Seksi {field_unit.name.removeprefix('Bidang ')} {number // len(fields) + 1}")
    return units


def _promote_deputies(staff: list[PersonRow]) -> None:
    by_unit: dict[int, list[PersonRow]] = {}
    for person in staff:
        by_unit.setdefault(person.unit, []).append(person)
    for members in by_unit.values():
        if len(members) > DEPUTY_ABOVE:
            members[0].roles = "manager;asn"
            members[0].staff_type = "PNS"


class _PersonMaker:
    def __init__(self, rng, org: Organization, ids, nips, region_id: int, slug: str) -> None:
        self.rng, self.org, self.ids, self.nips, self.region_id, self.slug = rng, org, ids, nips, region_id, slug

    def __call__(self, unit: UnitRow, roles: str, staff_type: str | None) -> PersonRow:
        rng = self.rng
        person_id = self.ids.next_person()
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        person = PersonRow(
            id=person_id,
            name=f"{first} {last}",
            nip=self.nips.new(),
            email=f"{first}.{last}.{person_id}@{self.slug}.{EMAIL_DOMAIN}".lower(),
            staff_type=staff_type or ("PPPK" if rng.random() < PPPK_SHARE else "PNS"),
            region=self.region_id,
            unit=unit.id,
            roles=roles,
            hide_name=roles == "asn" and rng.random() < HIDDEN_NAME_SHARE,
        )
        self.org.people.append(person)
        return person


class _Nips:
    """Unique, valid NIPs: birth date, appointment month (20 to 33 years later), sex, serial."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng, self.today, self.used = rng, today, set()
        self.first_birth = dt.date(1965, 1, 1)
        self.birth_days = (dt.date(today.year - 22, 1, 1) - self.first_birth).days

    def new(self) -> str:
        rng = self.rng
        while True:
            birth = self.first_birth + dt.timedelta(days=rng.randrange(self.birth_days))
            appointed = min(birth.year + rng.randint(20, 33), self.today.year - 1)
            nip = f"{birth:%Y%m%d}{appointed}{rng.randint(1, 12):02d}{rng.choice((1, 2))}{rng.randint(1, 999):03d}"
            if nip not in self.used:
                self.used.add(nip)
                return nip


class _Counters:
    def __init__(self, first: FirstIds) -> None:
        self.next = {"region": first.region, "agency": first.agency, "unit": first.unit, "person": first.person}

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] += 1
        return value

    def next_person(self) -> int:
        return self.take("person")


def split(total: int, weights: list[float]) -> list[int]:
    """``total`` in whole parts proportional to ``weights`` (largest remainders)."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    parts = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts
