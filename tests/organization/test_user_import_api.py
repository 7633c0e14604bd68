from gamification.organization.structure import OrganizationService
from gamification.storage.tables import Person
from tests.factories import SYSTEM, add_person, make_nip

IMPORT = "/api/v1/admin/users/import"
HEADER = "name,nip,email,staff_type,unit_id,roles,password\n"


def upload(text: str | bytes, name: str = "pegawai.csv") -> dict:
    content = text.encode() if isinstance(text, str) else text
    return {"file": (name, content, "text/csv")}


async def test_good_rows_are_imported_and_bad_rows_reported_by_line(client, world, as_):
    unit, elsewhere = world.pontianak.child_unit, world.palu.head_unit
    taken = (await Person.select(Person.nip).where(Person.id == world.pontianak.asn).first())["nip"]
    good_a, good_b, dup = make_nip(), make_nip(birth="19920101", appointed="201801", sex="2"), make_nip()
    csv = (
        HEADER
        + "\n".join(
            [
                f"Rina Siregar,{good_a},rina@pontianak.go.id,PNS,{unit},asn,sandi-rina-123",  # line 2: good
                f"Salah Tanggal,199002302015032001,,PNS,{unit},asn,",  # 3: impossible date
                f"Joko Lubis,{good_b},,PPPK,{unit},asn;manager,",  # 4: good
                f"Sudah Ada,{taken},,PNS,{unit},asn,",  # 5: NIP exists
                f"Tanpa Unit,{dup},,PNS,,asn,",  # 6: no unit
                f"Kembar,{good_a},,PNS,{unit},asn,",  # 7: same NIP as line 2
                f"Wilayah Lain,{make_nip()},,PNS,{elsewhere},asn,",  # 8: other region
                f",{make_nip()},,PNS,{unit},asn,",  # 9: no name
                f"Peran Aneh,{make_nip()},,PNS,{unit},raja,",  # 10: unknown role
                f"Sandi Pendek,{make_nip()},,PNS,{unit},asn,abc",  # 11: short password
            ]
        )
        + "\n"
    )
    before = await Person.count()
    response = await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["imported"] == 2 and report["failed"] == 8
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (3, "nip_birth_date"),
        (5, "nip_taken"),
        (6, "unit_required"),
        (7, "nip_duplicate_in_file"),
        (8, "outside_region"),
        (9, "name_required"),
        (10, "role_unknown"),
        (11, "password_length"),
    ]
    assert all(e["message"] for e in report["errors"])
    assert await Person.count() == before + 2
    imported = (
        await Person.select(Person.nip, Person.roles, Person.region, Person.staff_type)
        .where(Person.id.is_in(report["created_ids"]))
        .order_by(Person.id)
    )
    assert [(p["nip"], p["roles"], p["region"], p["staff_type"]) for p in imported] == [
        (good_a, "asn", world.pontianak.region_id, "PNS"),
        (good_b, "asn;manager", world.pontianak.region_id, "PPPK"),
    ]
    login = await client.post(
        "/api/v1/auth/login", json={"login": "rina@pontianak.go.id", "password": "sandi-rina-123"}
    )
    assert login.status_code == 200


async def test_importing_the_same_file_twice_adds_nothing_the_second_time(client, world, as_):
    csv = HEADER + f"Rina,{make_nip()},,PNS,{world.pontianak.head_unit},asn,\n"
    first = (await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))).json()
    second = (await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))).json()
    assert (first["imported"], second["imported"]) == (1, 0)
    assert second["errors"][0]["code"] == "nip_taken"


async def test_semicolon_files_from_spreadsheets_are_read(client, world, as_):
    csv = "\ufeffname;nip;email;staff_type;unit_id;roles\n" + f"Ani;{make_nip()};;PNS;{world.pontianak.head_unit};asn\n"
    report = (await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))).json()
    assert report["imported"] == 1, report


async def test_unreadable_files_are_refused_whole(client, world, as_):
    admin = as_(world.pontianak.admin)
    before = await Person.count()
    cases = [
        (upload("nama,nip\nA,1\n"), 422, "csv_header"),
        (upload(HEADER), 422, "csv_empty"),
        (upload(b"name,nip,email,staff_type,unit_id,roles\n" + "Ça,1,,,,\n".encode("latin-1")), 422, "csv_encoding"),
        ({"other": ("x.csv", b"a", "text/csv")}, 400, "csv_file_required"),
    ]
    for files, status, code in cases:
        response = await client.post(IMPORT, files=files, headers=admin)
        assert (response.status_code, response.json()["code"]) == (status, code)
    assert await Person.count() == before


async def test_only_admins_import(client, world, as_):
    csv = HEADER + f"Rina,{make_nip()},,PNS,{world.pontianak.head_unit},asn,\n"
    response = await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.manager))
    assert (response.status_code, response.json()["code"]) == (403, "admin_required")
    other_admin = await client.post(IMPORT, files=upload(csv), headers=as_(world.palu.admin))
    assert other_admin.json()["errors"][0]["code"] == "outside_region"


async def test_an_import_row_never_overwrites_or_creates_someone_above_the_admin(client, world, as_):
    root_nip = make_nip()
    root = await add_person(
        "Super Admin Pontianak",
        world.pontianak.head_unit,
        world.pontianak.region_id,
        "asn;superadmin",
        email="root@pontianak.test",
        nip=root_nip,
    )
    before = await Person.select().where(Person.id == root).first()
    unit = world.pontianak.child_unit
    csv = (
        HEADER
        + "\n".join(
            [
                f"Diambil Alih,{root_nip},,PNS,{unit},asn,sandi-pengambil-alih",  # line 2: the superadmin's NIP
                f"Diambil Alih,{make_nip()},root@pontianak.test,PNS,{unit},asn,sandi-pengambil-alih",  # 3: their email
                f"Super Baru,{make_nip()},,PNS,{unit},asn;superadmin,sandi-super-baru",  # 4: a role above the admin
            ]
        )
        + "\n"
    )
    response = await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))
    report = response.json()
    assert report["imported"] == 0
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (2, "nip_taken"),
        (3, "email_taken"),
        (4, "role_grant_forbidden"),
    ]
    assert await Person.select().where(Person.id == root).first() == before


def arabic_indic(number: int) -> str:
    return "".join(chr(0x0660 + int(digit)) for digit in str(number))


async def test_a_unit_id_that_is_no_plain_number_in_range_is_an_unknown_unit(client, world, as_):
    unit = world.pontianak.child_unit
    spellings = ["²", "99999999999999", "9" * 40, arabic_indic(unit), f"+{unit}", f" {unit}_0", "0"]
    csv = HEADER + "".join(f"Rina {n},{make_nip()},,PNS,{spelled},asn,\n" for n, spelled in enumerate(spellings))
    before = await Person.count()
    response = await client.post(IMPORT, files=upload(csv), headers=as_(world.superadmin))
    assert response.status_code == 200, response.text
    report = response.json()
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (n + 2, "unit_unknown") for n in range(len(spellings))
    ]
    assert report["imported"] == 0 and await Person.count() == before


async def test_a_nul_character_in_any_cell_is_reported_on_its_line(client, world, as_):
    unit = world.pontianak.head_unit
    csv = HEADER + "\n".join(
        [
            f"Ri\x00na,{make_nip()},,PNS,{unit},asn,",
            f"Joko,{make_nip()},jo\x00ko@pontianak.go.id,PNS,{unit},asn,",
            f"Sari,{make_nip()},,PNS,{unit},asn,sandi-sari\x00-123",
            f"Budi,{make_nip()},,PNS,{unit},asn\x00,",
            f"Baik,{make_nip()},,PNS,{unit},asn,",
        ]
    )
    before = await Person.count()
    response = await client.post(IMPORT, files=upload(csv + "\n"), headers=as_(world.pontianak.admin))
    assert response.status_code == 200, response.text
    report = response.json()
    assert [(e["line"], e["code"]) for e in report["errors"]] == [(n, "nul_character") for n in (2, 3, 4, 5)]
    assert report["imported"] == 1 and await Person.count() == before + 1


async def test_a_name_that_shows_nothing_or_holds_a_bidi_control_is_reported_on_its_line(client, world, as_):
    unit = world.pontianak.head_unit
    names = ["\u200b\u200b", "\u2060\ufeff\u3164", "Admin \u202eanaitnoP", "Rina \u2066Siregar\u2069", "Rina Siregar"]
    csv = HEADER + "".join(f"{name},{make_nip()},,PNS,{unit},asn,\n" for name in names)
    before = await Person.count()
    response = await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))
    assert response.status_code == 200, response.text
    report = response.json()
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (2, "text_invisible"),
        (3, "text_invisible"),
        (4, "text_bidi_control"),
        (5, "text_bidi_control"),
    ]
    assert report["imported"] == 1 and await Person.count() == before + 1


# BKPSDM admin (issue 19): units by name, roles in any separator, PPPK numbers, headers explained


async def test_a_unit_is_named_by_its_number_or_its_name_read_loosely(client, world, as_):
    p = world.pontianak
    await OrganizationService().create_unit(SYSTEM, p.other_agency_id, None, "Seksi Aplikasi")  # a second one
    csv = "name,nip,unit,roles\n" + "".join(
        f"Orang {n},{make_nip()},{unit},asn\n"
        for n, unit in enumerate(
            [
                str(p.head_unit),  # 2: the number
                "  bidang   E-GOVERNMENT ",  # 3: the name, trimmed, any case and spacing
                '"Bidang Pelayanan"',  # 4: quoted
                "Seksi Aplikasi",  # 5: two units carry this name
                "Bidang Tidak Ada",  # 6: none does
                "Bidang Pelayanan Palu",  # 7: nor this
            ]
        )
    )
    await OrganizationService().create_unit(SYSTEM, world.palu.agency_id, None, "Bidang Teluk Palu")
    csv += f"Orang Palu,{make_nip()},bidang teluk palu,asn\n"  # 8: a name only another region has
    response = await client.post(IMPORT, files=upload(csv), headers=as_(p.admin))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["imported"] == 3
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (5, "unit_name_ambiguous"),
        (6, "unit_unknown"),
        (7, "unit_unknown"),
        (8, "unit_unknown"),
    ]
    ambiguous = report["errors"][0]["message"]
    assert str(p.child_unit) in ambiguous and "Dinas Kominfo" in ambiguous and "Disdukcapil" in ambiguous
    placed = await Person.select(Person.unit).where(Person.id.is_in(report["created_ids"])).order_by(Person.id)
    assert [r["unit"] for r in placed] == [p.head_unit, p.head_unit, p.other_unit]


async def test_roles_are_separated_by_bars_commas_in_quotes_or_semicolons(client, world, as_):
    unit = world.pontianak.head_unit
    comma = "name,nip,email,staff_type,unit,roles\n" + "".join(
        f"Orang {n},{make_nip()},,PNS,{unit},{roles}\n"
        for n, roles in enumerate(["asn|manager", '"asn,manager"', "asn;manager", "manager | asn"])
    )
    semicolon = "name;nip;email;staff_type;unit;roles\n" + "".join(
        f"Orang {n};{make_nip()};;PNS;{unit};{roles}\n"
        for n, roles in enumerate(['"asn;manager"', "asn;manager", "asn|manager", '"asn,manager"', "asn;raja"])
    )
    for csv, imported, errors in ((comma, 4, []), (semicolon, 4, [(6, "role_unknown")])):
        report = (await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))).json()
        assert report["imported"] == imported, report
        assert [(e["line"], e["code"]) for e in report["errors"]] == errors
        roles = await Person.select(Person.roles).where(Person.id.is_in(report["created_ids"])).output(as_list=True)
        assert roles == ["asn;manager"] * imported


async def test_pppk_numbers_are_imported_as_pppk(client, world, as_):
    unit, pppk = world.pontianak.head_unit, "199003152023212004"
    csv = HEADER + f"Sari PPPK,{pppk},,,{unit},asn,\nSalah Jenis,199003152023212005,,PNS,{unit},asn,\n"
    report = (await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))).json()
    assert report["imported"] == 1
    assert [(e["line"], e["code"]) for e in report["errors"]] == [(3, "nip_pppk_staff_type")]
    person = await Person.select(Person.staff_type).where(Person.nip == pppk).first()
    assert person["staff_type"] == "PPPK"


async def test_a_header_problem_names_the_columns_found_and_the_delimiter(client, world, as_):
    csv = "nama;no_induk;unit kerja\nA;1;x\n"
    response = await client.post(IMPORT, files=upload(csv), headers=as_(world.pontianak.admin))
    assert (response.status_code, response.json()["code"]) == (422, "csv_header")
    detail = response.json()["detail"]
    assert "nip" in detail and "nama, no_induk, unit kerja" in detail and "“;”" in detail
    assert "Kolom" in detail  # Indonesian by default


async def test_the_team_export_of_a_manager_is_a_file_the_import_reads(client, world, as_):
    team = await client.get("/api/v1/manager/team.csv", headers=as_(world.pontianak.manager))
    assert team.status_code == 200
    response = await client.post(IMPORT, files=upload(team.content), headers=as_(world.pontianak.admin))
    assert response.status_code == 200, response.text
    report = response.json()
    # every row is read (nama, nip, unit by name); each person exists already, so each is reported as such
    assert report["imported"] == 0 and report["failed"] == len(team.text.strip().splitlines()) - 1 > 0
    assert {e["code"] for e in report["errors"]} == {"nip_taken"}
