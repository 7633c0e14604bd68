"""The demo's content files: every one is read, every entry meets the domain's rules, and a broken file says where."""

import shutil
from pathlib import Path

import pytest

from domain.badges import check_criteria
from domain.modules import TOPIC_PATTERN, CoreValue, check_module
from domain.rewards import check_reward
from domain.timezones import parse_timezone
from gamification.demo import content_files as content
from gamification.demo.content_files import (
    CONTENT,
    load_badges,
    load_history,
    load_names,
    load_places,
    load_rewards,
)
from gamification.demo.entries import ContentError
from gamification.demo.module_files import load_modules


def test_every_content_file_is_one_the_demo_reads():
    read = {"badges.toml", "history.toml", "people.toml", "places.toml", "rewards.toml"}
    assert {path.name for path in CONTENT.glob("*.toml")} == read
    assert not [path for path in CONTENT.rglob("*") if path.is_file() and path.suffix != ".toml"]


def test_the_places_people_and_rewards_are_the_demo_the_readme_describes():
    regions = {region.slug: region.timezone for region in content.PLACES.regions}
    assert regions == {
        "pontianak": "Asia/Jakarta",
        "binjai": "Asia/Jakarta",
        "medan-marelan": "Asia/Jakarta",
        "palu": "Asia/Makassar",
    }
    assert all(parse_timezone(timezone) for timezone in regions.values())
    assert [agency.name for agency in content.PLACES.agencies][0] == "BKPSDM"
    assert len(content.NAMES.first) * len(content.NAMES.last) > 240  # enough names for every demo person
    for reward in [*content.REWARDS.national, *content.REWARDS.regional]:
        check_reward(description="", active_from=None, active_until=None, **reward)


def test_every_demo_module_passes_the_module_rules():
    assert len(content.DEMO_MODULES) == 22
    for module in content.DEMO_MODULES:
        checked = check_module(**module.fields)
        assert checked.title == module.fields["title"] and len(checked.questions) >= 3
    regional = [module.region for module in content.DEMO_MODULES if module.region]
    assert regional == ["pontianak", "binjai", "medan-marelan", "palu"]  # the last four, one region each


def test_every_demo_badge_passes_the_badge_rules():
    for badge in content.DEMO_BADGES:
        assert check_criteria(badge["criteria"]) == badge["criteria"]
        assert TOPIC_PATTERN.fullmatch(badge["code"]) and CoreValue(badge["value"])


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the content folder to break."""
    return Path(shutil.copytree(CONTENT, tmp_path / "content"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_file_that_is_not_toml_names_the_file_and_line(copy):
    edit(copy / "badges.toml", 'code = "penjaga-siber"', 'code = "penjaga-siber')
    with pytest.raises(ContentError, match=r"badges\.toml: is not valid TOML: .*line 21"):
        load_badges(copy / "badges.toml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("count = 3, topic", "count = 0, topic", r"badges\.toml: badge 3, penjaga-siber: badge_criterion_params"),
        ('value = "akuntabel"', 'nilai = "akuntabel"', r"badges\.toml: badge 3: unknown key nilai \(allowed: "),
        ('code = "analis-data"\n', "", r"badges\.toml: badge 4: missing key code"),
        ('code = "analis-data"', 'code = "penjaga-siber"', r"badges\.toml: badge code 'penjaga-siber' appears twice"),
    ],
)
def test_a_broken_badge_names_the_file_the_entry_and_the_rule(copy, old, new, message):
    edit(copy / "badges.toml", old, new)
    with pytest.raises(ContentError, match=message):
        load_badges(copy / "badges.toml")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("xp = 30", 'xp = "30"', r"01-mengenali.*\.toml: xp must be a whole number, not '30'"),
        ("pass_mark = 70", "pass_mark = 170", r"01-mengenali.*\.toml: module_pass_mark_range"),
        ('{ text = "pemkot.go.id", correct = false }', '{ text = "pemkot.go.id", correct = true }', "number=1"),
        (
            '{ text = "pemkot.go.id", correct = false }',
            '{ text = "pemkot.go.id", benar = false }',
            "question 1, option 3",
        ),
        ('kind = "text"', 'kind = "teks"', r"01-mengenali.*\.toml: module_lesson_kind_unknown"),
        ("value = ", 'region = "jakarta"\nvalue = ', r"region 'jakarta' is not a region of places\.toml"),
    ],
)
def test_a_broken_module_names_the_file_the_entry_and_the_rule(copy, old, new, message):
    edit(next((copy / "modules").glob("01-*.toml")), old, new)
    with pytest.raises(ContentError, match=message):
        load_modules(copy / "modules", {region.slug for region in content.PLACES.regions})


def test_broken_places_names_and_rewards_name_the_entry(copy):
    edit(copy / "places.toml", '"Asia/Makassar"', '"Asia/Makasar"')
    with pytest.raises(ContentError, match=r"places\.toml: region 4: timezone_unknown \(timezone=Asia/Makasar\)"):
        load_places(copy / "places.toml")
    edit(copy / "people.toml", '"Budi"', '"  "')
    with pytest.raises(ContentError, match=r"people\.toml: first_names 2: name_required"):
        load_names(copy / "people.toml")
    edit(copy / "rewards.toml", 'kind = "merchandise"', 'kind = "kaos"')
    with pytest.raises(ContentError, match=r"rewards\.toml: regional reward 3, Kaos Tangkas: reward_kind_unknown"):
        load_rewards(copy / "rewards.toml")


def test_the_demo_is_never_seeded_in_production(tmp_path):
    """The demo's people sign in with a published password: a production server refuses to seed them."""
    from click.testing import CliRunner

    from api.cli import main

    env = {
        "TANGKAS_ENV": "production",
        "TANGKAS_JWT_SECRET": "s" * 48,
        "TANGKAS_PUBLIC_URL": "https://tangkas.test",
        "TANGKAS_DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite'}",
    }
    for command in (["seed-demo"], ["serve", "--demo"]):
        result = CliRunner().invoke(main, command, env=env)
        assert result.exit_code != 0 and "TANGKAS_ENV=production" in result.output, result.output
    assert not (tmp_path / "production.sqlite").exists()  # refused before anything was written


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("jp = 16", "jp = 0", r"training 4, Pelatihan Kepemimpinan Pengawas: certificate_jp_range"),
        ('competency_type = "teknis"', 'competency_type = "teknik"', r"training 1, .*: competency_type_unknown"),
        (
            'status = "verified"\nimpact = "region"',
            'status = "verified"',
            r"initiative 1, .*: initiative_impact_required",
        ),
        ('status = "submitted"', 'status = "selesai"', r"initiative 5, .*: initiative_status_unknown"),
        ('category = "data"', 'category = "statistik"', r"initiative 2, .*: initiative_category_unknown"),
    ],
)
def test_a_broken_history_names_the_file_the_entry_and_the_rule(copy, old, new, message):
    edit(copy / "history.toml", old, new)
    with pytest.raises(ContentError, match=r"history\.toml: " + message):
        load_history(copy / "history.toml")


def test_the_demo_history_walks_initiatives_to_every_showcase_state():
    statuses = [initiative.status for initiative in content.HISTORY.initiatives]
    assert "verified" in statuses and "implemented" in statuses
    assert all(training.jp > 0 for training in content.HISTORY.trainings)
