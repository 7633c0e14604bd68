"""Piccolo tables. Services turn rows into plain values; no row object leaves the service layer.

Unique keys over several columns are unique indexes made in the migrations (SQLite cannot add a
constraint to a table), listed here on the tables they guard.
"""

from __future__ import annotations

from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Region(Table, tablename="region"):
    name = Varchar(length=120)
    slug = Varchar(length=64, unique=True)
    timezone = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())
    # Raised with every change of the point rules or levels that govern the region (a national change
    # raises every region's): a process caches them per region and version (points/region_config.py).
    rules_version = Integer(default=0)


class Agency(Table, tablename="agency"):
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=160)
    created_at = Timestamptz(default=TimestamptzNow())


class Unit(Table, tablename="unit"):
    agency = ForeignKey(Agency, on_delete=OnDelete.restrict, index=True)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    parent = ForeignKey("self", on_delete=OnDelete.restrict, null=True, default=None)
    name = Varchar(length=160)
    # Materialised path "/1/5/9/" makes "this unit and everything below" one prefix match.
    path = Varchar(length=255, index=True)
    created_at = Timestamptz(default=TimestamptzNow())


class PartnerOrganisation(Table, tablename="partner_org"):
    """A university, LAN/BPSDM, training body or vendor; its people hold the partner role."""

    name = Varchar(length=160)
    kind = Varchar(length=20)  # domain.partners.PartnerKind
    contact_name = Varchar(length=160, default="")
    contact_email = Varchar(length=254, default="")
    contact_phone = Varchar(length=32, default="")
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())


class Person(Table, tablename="person"):
    name = Varchar(length=160)
    nip = Varchar(length=18, unique=True, null=True, default=None)
    email = Varchar(length=254, unique=True, null=True, default=None)
    staff_type = Varchar(length=8, null=True, default=None)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    roles = Varchar(length=100, default="asn")  # ";"-separated, see domain.roles
    password_hash = Varchar(length=255, null=True, default=None)
    active = Boolean(default=True)
    hide_name = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    anonymised_at = Timestamptz(null=True, default=None)  # departed: name, NIP, email and password erased
    # Raised when every session ends (sign-out everywhere, new password, deactivation): access and
    # refresh tokens carry the epoch they were issued in, and an older one is refused at once.
    token_epoch = Integer(default=0)
    partner_org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    citizen_naming = Boolean(default=False)  # opted in to be picked by first name on citizens' surveys
    # push notifications: the person's choice (PATCH /api/v1/me); muted kinds ";"-separated
    push_enabled = Boolean(default=True)
    push_muted_kinds = Varchar(length=1000, default="")  # at most 20 kinds of 40


class RefreshToken(Table, tablename="refresh_token"):
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    family = Varchar(length=36, index=True)
    token_hash = Varchar(length=64, unique=True)
    issued_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    rotated_at = Timestamptz(null=True, default=None)  # spent by a refresh (vs. revoked by logout)
    revoked_at = Timestamptz(null=True, default=None)
    token_epoch = Integer(default=0)  # the person's when the session began (Person.token_epoch)


class PartnerAdmission(Table, tablename="partner_admission"):
    """A partner (university, training provider) admitted by a region may author modules for it."""

    region = ForeignKey(Region, on_delete=OnDelete.cascade)
    partner = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    admitted_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (region, partner)


class Module(Table, tablename="module"):
    """A module and its current version's catalogue fields; the content lives in ``ModuleVersion``."""

    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None, index=True)  # None: national
    partner = ForeignKey(Person, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    provider = Varchar(length=160)
    status = Varchar(length=12, default="draft", index=True)
    version = Integer(default=1)
    title = Varchar(length=120)
    summary = Text(default="")
    competency_type = Varchar(length=20)
    topics = Varchar(length=255)  # ";a;b;": one topic is a LIKE '%;a;%'
    value = Varchar(length=40, null=True, default=None)
    estimated_minutes = Integer()
    jp_centi = Integer()
    xp = Integer()
    content_hash = Varchar(length=64)  # of what learners see; the ETag
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    published_at = Timestamptz(null=True, default=None)
    archived_at = Timestamptz(null=True, default=None)


class ModuleVersion(Table, tablename="module_version"):
    """What an attempt is graded and credited against; a published version never changes."""

    module = ForeignKey(Module, on_delete=OnDelete.cascade)
    version = Integer()
    title = Varchar(length=120)
    competency_type = Varchar(length=20)
    min_seconds = Integer()
    jp_centi = Integer()
    xp = Integer()
    pass_mark = Integer()
    lessons = JSON()
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (module, version)


class ModuleQuestion(Table, tablename="module_question"):
    module_version = ForeignKey(ModuleVersion, on_delete=OnDelete.cascade, index=True)
    position = Integer()
    text = Text()
    kind = Varchar(length=10)


class ModuleOption(Table, tablename="module_option"):
    question = ForeignKey(ModuleQuestion, on_delete=OnDelete.cascade, index=True)
    position = Integer()
    text = Text()
    correct = Boolean()


class Attempt(Table, tablename="attempt"):
    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    module = ForeignKey(Module, on_delete=OnDelete.restrict, index=True)
    module_version = ForeignKey(ModuleVersion, on_delete=OnDelete.restrict)
    client_id = Varchar(length=64)
    answers = JSON()
    score = Integer()
    correct_count = Integer()
    question_count = Integer()
    passed = Boolean()
    credited = Boolean()  # the person's first pass of the module: it earned the JP and the completion
    xp_awarded = Integer(default=0)  # as answered then, so that a replay answers the same
    new_badges = JSON(default=[])
    started_at = Timestamptz()
    finished_at = Timestamptz()
    submitted_at = Timestamptz(default=TimestamptzNow())
    # unique (person, client_id): a replayed attempt finds its first result


class Completion(Table, tablename="completion"):
    """The learning fact the points engine reads: a person's first pass of a module."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    module = ForeignKey(Module, on_delete=OnDelete.restrict, index=True)
    module_version = ForeignKey(ModuleVersion, on_delete=OnDelete.restrict)
    attempt = ForeignKey(Attempt, on_delete=OnDelete.restrict)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    competency_type = Varchar(length=20)
    topics = Varchar(length=255)
    xp = Integer()  # the module version's XP value; the points engine decides what it earns
    jp_centi = Integer()
    score = Integer()
    first_attempt = Boolean()  # passed on the person's first attempt at the module
    completed_at = Timestamptz()  # when it happened on the phone, even if synced later
    local_date = Date()  # completed_at in the region's time zone
    recorded_at = Timestamptz(default=TimestamptzNow())
    # unique (person, module): a module pays once per person


class JpCredit(Table, tablename="jp_credit"):
    """Every JP a person earns, whatever its source (module, event, certificate, xAPI statement)."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    source_kind = Varchar(length=20)
    source_id = Integer()
    title = Varchar(length=160)
    competency_type = Varchar(length=20)
    jp_centi = Integer()
    earned_at = Timestamptz()
    year = Integer()  # calendar year of earned_at in the person's region
    reversal = Boolean(default=False)  # the negative twin of a credit whose source was voided
    # unique (person, source_kind, source_id, reversal)


class Fact(Table, tablename="fact"):
    """What happened, as the points engine reads it; ``source_key`` ties it to its origin once."""

    kind = Varchar(length=32)
    person = ForeignKey(Person, on_delete=OnDelete.cascade)  # indexed with kind: (person, kind)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    source_key = Varchar(length=80, unique=True)  # "completion:12", "streak:7:30:2026-11-20"
    label = Varchar(length=160, default="")  # what a person reads in their points history
    occurred_at = Timestamptz()
    local_date = Date()
    xp = Integer(default=0)  # the fact's own XP value, e.g. a module's
    score = Integer(null=True, default=None)
    first_attempt = Boolean(default=False)
    level = Varchar(length=20, null=True, default=None)  # initiative impact, streak milestone
    recorded_at = Timestamptz(default=TimestamptzNow())
    voided_at = Timestamptz(null=True, default=None)  # taken back at its source: the rules give it nothing


class PendingFact(Table, tablename="pending_fact"):
    """The recalculation's queue: a fact recorded for it, or set back by a rule change. Its batch deletes
    the row in the transaction that awards the fact; a request that awards at once never writes one."""

    fact = ForeignKey(Fact, on_delete=OnDelete.cascade, primary_key=True)


class PointRule(Table, tablename="point_rule"):
    """One version of a rule; a change is a new row effective from a date (region None: national)."""

    region = ForeignKey(Region, on_delete=OnDelete.cascade, null=True, default=None)
    code = Varchar(length=40, index=True)
    fact_kind = Varchar(length=32)
    formula = Varchar(length=32)
    params = JSON()
    effective_from = Date()
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class XpEntry(Table, tablename="xp_entry"):
    """The append-only ledger. A rule version applies to a fact once: unique (fact, rule)."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade)  # indexed with id: (person, id)
    # fact, rule, region, unit: no constraints on PostgreSQL (a locking read per entry each, for parents never
    # deleted; tests/invariants.py holds them): migrations 2026-12-07T11:20 and 11:50
    fact = ForeignKey(Fact, on_delete=OnDelete.restrict)
    rule = ForeignKey(PointRule, on_delete=OnDelete.restrict)
    rule_code = Varchar(length=40)
    xp = Integer()  # a correction after a retroactive rule change may be negative
    reversal = Boolean(default=False)  # brings a voided fact back to zero; unique with (fact, rule)
    occurred_at = Timestamptz()  # the fact's time: late offline syncs count from when they happened
    local_date = Date()
    week_start = Date()
    month_start = Date()
    year_start = Date()
    # The same periods on the national calendar (WIB), which the national board uses.
    nweek_start = Date(null=True, default=None)
    nmonth_start = Date(null=True, default=None)
    nyear_start = Date(null=True, default=None)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (fact, rule)


class PointsTotal(Table, tablename="points_total"):
    """A person's all-time XP, recomputed from the ledger whenever it changes."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade, unique=True)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    xp = Integer(default=0)
    reached_at = Timestamptz(null=True, default=None)  # time of the latest fact counted: ties go to the earlier
    entries = Integer(default=0)  # ledger entries counted; only grows, so a board update knows stale from fresh
    spent = Integer(default=0)
    held = Integer(default=0)


class PointsPeriod(Table, tablename="points_period"):
    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    period = Varchar(length=8)  # week, month, year on the region's calendar; nweek, nmonth, nyear on WIB
    period_start = Date()
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    xp = Integer(default=0)
    reached_at = Timestamptz(null=True, default=None)
    entries = Integer(default=0)
    # unique (person, period, period_start)


class PointsPeriodClosed(Table, tablename="points_period_closed"):
    """Period totals of periods archived after their close (``points.period_archive``): the same rows,
    out of the table every award upserts into, with two indexes instead of four."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    period = Varchar(length=8)
    period_start = Date()
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    xp = Integer(default=0)
    reached_at = Timestamptz(null=True, default=None)
    entries = Integer(default=0)
    # unique (person, period, period_start)


class PointsPeriodArchived(Table, tablename="points_period_archived"):
    """Per period kind: the rows starting before ``starts_before`` are in ``points_period_closed``."""

    period = Varchar(length=8, unique=True)
    starts_before = Date()
    # The nightly check (``points.totals_check``): archived periods before ``checked_before`` were checked
    # against the ledger; of those, only the ones with ledger entries written since ``checked_at`` are again.
    checked_before = Date(null=True, default=None)
    checked_at = Timestamptz(null=True, default=None)


class FullCheck(Table, tablename="full_check"):
    """A complete nightly check (every region): the facts up to ``facts_through`` were evaluated again, and
    the ledger entries written before ``started_at``; the next check evaluates only what came after."""

    facts_through = Integer()
    started_at = Timestamptz()


class PointsPeriodEvery(Table, tablename="points_period_every"):
    """A view: ``points_period`` and ``points_period_closed`` together (a key is in one of them only).
    Not a table of the schema (not in ``ALL_TABLES``): made by a hand-written migration."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    period = Varchar(length=8)
    period_start = Date()
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    xp = Integer(default=0)
    reached_at = Timestamptz(null=True, default=None)
    entries = Integer(default=0)


class LevelStep(Table, tablename="level_step"):
    region = ForeignKey(Region, on_delete=OnDelete.cascade, null=True, default=None, index=True)  # None: default
    min_xp = Integer()
    name = Varchar(length=40)


class Holiday(Table, tablename="holiday"):
    region = ForeignKey(Region, on_delete=OnDelete.cascade)
    day = Date()
    name = Varchar(length=120)
    # unique (region, day)


class Streak(Table, tablename="streak"):
    person = ForeignKey(Person, on_delete=OnDelete.cascade, unique=True)
    current = Integer(default=0)
    longest = Integer(default=0)
    last_day = Date(null=True, default=None)  # the latest learning day of the current run
    updated_at = Timestamptz(default=TimestamptzNow())


class Badge(Table, tablename="badge"):
    region = ForeignKey(Region, on_delete=OnDelete.cascade, null=True, default=None)  # None: national
    code = Varchar(length=60, unique=True)
    name = Varchar(length=80)
    description = Text(default="")
    value = Varchar(length=40, null=True, default=None)
    criteria = JSON()
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
    criteria_changed_at = Timestamptz(null=True, default=None)  # the nightly check after it takes everyone


class PersonBadge(Table, tablename="person_badge"):
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    badge = ForeignKey(Badge, on_delete=OnDelete.cascade)
    period_key = Varchar(length=20, default="")  # "" for a badge earned once; "2026-W48" for a period badge
    awarded_at = Timestamptz(default=TimestamptzNow())
    reason = JSON()  # the facts or numbers that earned it
    # unique (person, badge, period_key)


class JobRun(Table, tablename="job_run"):
    """One row per trigger of a scheduled job: the unique key makes each trigger run once across processes."""

    job = Varchar(length=60)
    scheduled_for = Timestamptz()
    holder = Varchar(length=80)
    started_at = Timestamptz(default=TimestamptzNow())
    finished_at = Timestamptz(null=True, default=None)
    outcome = Varchar(length=12, default="running")
    counts = JSON()
    error = Text(null=True, default=None)
    # unique (job, scheduled_for)


class Display(Table, tablename="display"):
    """An office TV showing one board; the token is shown once and stored hashed."""

    region = ForeignKey(Region, on_delete=OnDelete.cascade, null=True, default=None, index=True)
    scope = Varchar(length=10)
    scope_id = Integer(null=True, default=None)
    period = Varchar(length=5, default="week")
    name = Varchar(length=120)
    token_hash = Varchar(length=64, unique=True)
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)
    show_ikm = Boolean(default=False)  # a line with the citizens' satisfaction index of the board's scope


class PeriodClose(Table, tablename="period_close"):
    """A closed leaderboard period of one calendar: its standings are frozen and its badges awarded."""

    timezone = Varchar(length=64)
    period = Varchar(length=5)
    period_start = Date()
    closed_at = Timestamptz(default=TimestamptzNow())
    counts = JSON()
    # unique (timezone, period, period_start)


class BoardSnapshot(Table, tablename="board_snapshot"):
    """The top of a board as it stood when its period closed."""

    scope = Varchar(length=10)
    scope_id = Integer(null=True, default=None)
    period = Varchar(length=5)
    period_start = Date()
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    rank = Integer()
    xp = Integer()
    reached_at = Timestamptz()
    closed_at = Timestamptz(default=TimestamptzNow())
    # unique (scope, scope_id, period, period_start, person)


class Notification(Table, tablename="notification"):
    """A person's in-app inbox, written in the transaction of its event; a push sender reads it as an outbox."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    kind = Varchar(length=40)
    title = Varchar(length=200)
    body = Text(default="")
    data = JSON()
    created_at = Timestamptz(default=TimestamptzNow())
    read_at = Timestamptz(null=True, default=None)
    pushed_at = Timestamptz(null=True, default=None)  # the push sender is done with it (push_result says how)
    # push notifications: tries so far, when the next may start (a claim's lease, or the backoff), and the end
    push_attempts = Integer(default=0)
    push_next_at = Timestamptz(null=True, default=None)
    push_result = Varchar(length=16, null=True, default=None)  # domain.push.PushOutcome
    push_devices = JSON()  # device id → "sent" or "rejected": done with those (a retry sends only to the others)
    # index (person, id); index (id) WHERE pushed_at IS NULL: the outbox


class PushDevice(Table, tablename="push_device"):
    """A phone that receives push notifications; a token belongs to the last person who registered it."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    token = Varchar(length=1024, unique=True)
    platform = Varchar(length=10)  # domain.push.Platform
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())


class Reward(Table, tablename="reward"):
    region = ForeignKey(Region, on_delete=OnDelete.cascade, null=True, default=None, index=True)  # None: national
    name = Varchar(length=120)
    description = Text(default="")
    kind = Varchar(length=30)
    cost = Integer()
    stock = Integer(null=True, default=None)  # None: unlimited
    reserved = Integer(default=0)  # units held by pending and spent by approved redemptions
    per_person_limit = Integer(null=True, default=None)
    period = Varchar(length=5, default="all")  # the per-person limit counts in this period
    active_from = Timestamptz(null=True, default=None)
    active_until = Timestamptz(null=True, default=None)
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    retired_at = Timestamptz(null=True, default=None)  # BKPSDM admin: out of the catalogue for good


class Redemption(Table, tablename="redemption"):
    reward = ForeignKey(Reward, on_delete=OnDelete.restrict, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, null=True, default=None)
    client_id = Varchar(length=64)
    cost = Integer()
    status = Varchar(length=10, default="pending", index=True)
    period_key = Varchar(length=10)  # of the reward's limit period when it was made
    created_at = Timestamptz(default=TimestamptzNow())
    decided_at = Timestamptz(null=True, default=None)
    decided_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    comment = Text(default="")
    # BKPSDM admin: an approved reward given to the person (by someone other than them)
    handed_out_at = Timestamptz(null=True, default=None)
    handed_out_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    # unique (person, client_id)


class StreakFreeze(Table, tablename="streak_freeze"):
    """A streak freeze a person got from an approved redemption: it covers one missed working day."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    redemption = ForeignKey(Redemption, on_delete=OnDelete.cascade, unique=True)
    given_on = Date()  # in the person's region's zone: it covers a day missed from then on
    created_at = Timestamptz(default=TimestamptzNow())


class Initiative(Table, tablename="initiative"):
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=160)
    problem = Text()
    solution = Text()
    category = Varchar(length=30)
    status = Varchar(length=16, default="draft", index=True)
    impact = Varchar(length=10, null=True, default=None)
    implementation = JSON(null=True, default=None)  # summary, metrics, links
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    client_id = Varchar(length=64, null=True, default=None)  # the phone's id of the draft: a resent create replays
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    # unique (created_by, client_id)


class InitiativeMember(Table, tablename="initiative_member"):
    initiative = ForeignKey(Initiative, on_delete=OnDelete.cascade)
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    # unique (initiative, person)


class InitiativeEvent(Table, tablename="initiative_event"):
    """Every transition: who, when, from what to what, and why."""

    initiative = ForeignKey(Initiative, on_delete=OnDelete.cascade, index=True)
    actor = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    from_status = Varchar(length=16, null=True, default=None)
    to_status = Varchar(length=16)
    comment = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class Replication(Table, tablename="replication"):
    initiative = ForeignKey(Initiative, on_delete=OnDelete.cascade, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict)
    recorded_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    note = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (initiative, unit)


class AuditEvent(Table, tablename="audit_event"):
    """What an admin, manager, partner or superadmin changed (or exported), by whom, from where."""

    at = Timestamptz(default=TimestamptzNow())
    actor = ForeignKey(Person, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None)  # None: national
    action = Varchar(length=160)  # "POST /api/v1/admin/users/{user_id}/deactivate"
    target = JSON()  # the path's ids and the id of what was created
    status = Integer()
    address = Varchar(length=64)
    # index (region, id) for a region's log, newest first


# certificates: training done outside Tangkas, recorded by an ASN or imported from a training body's list
class Certificate(Table, tablename="certificate"):
    """A certificate or training record from elsewhere; verified, it credits JP and XP once."""

    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    issuer = Varchar(length=160)
    number = Varchar(length=64, null=True, default=None)
    # issuer and number normalised (domain.certificates.duplicate_key): the same certificate verified never
    # twice. Held (unique) only by a verified record: a claim cannot block another person's certificate.
    duplicate_key = Varchar(length=400, null=True, default=None, unique=True)
    claim_key = Varchar(length=400, null=True, default=None, index=True)  # the same key, on every record
    title = Varchar(length=160)
    completed_on = Date()
    jp_claimed_centi = Integer()
    jp_granted_centi = Integer(null=True, default=None)
    competency_type = Varchar(length=20)
    evidence_key = Varchar(length=255, null=True, default=None)
    evidence_type = Varchar(length=40, null=True, default=None)
    evidence_size = Integer(null=True, default=None)
    status = Varchar(length=10, default="submitted")
    decided_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    decision_reason = Text(default="")
    client_id = Varchar(length=64, null=True, default=None)  # the phone's id: a resent create replays
    partner_org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.restrict, null=True, default=None)
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)  # the importing admin
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    # unique (person, client_id); index (status, id) for the deciders' queue


# --- events (workshops, seminars, webinars, classroom diklat) ---------------------------------------


class Event(Table, tablename="event"):
    region = ForeignKey(Region, on_delete=OnDelete.restrict, null=True, default=None, index=True)  # None: national
    partner_org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.restrict, null=True, default=None)
    organiser = ForeignKey(Person, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=200)
    kind = Varchar(length=20)  # domain.events.EventKind
    competency_type = Varchar(length=20)
    jp_centi = Integer()
    xp = Integer(default=0)
    place = Varchar(length=300, default="")
    online_url = Varchar(length=500, default="")
    capacity = Integer(null=True, default=None)  # None: no limit
    audience = Varchar(length=10, default="all")  # domain.events.Audience
    audience_ids = Text(default="[]")  # unit or agency ids, as JSON
    registration_opens_at = Timestamptz(null=True, default=None)
    registration_closes_at = Timestamptz()
    min_attendance_percent = Integer(default=80)
    starts_at = Timestamptz()  # the first session's start
    ends_at = Timestamptz()  # the last session's end
    status = Varchar(length=12, default="draft", index=True)
    # Bumped first by every registration change: the row lock queues an event's registrations.
    revision = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())
    published_at = Timestamptz(null=True, default=None)


class EventSession(Table, tablename="event_session"):
    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    starts_at = Timestamptz()
    ends_at = Timestamptz()


class EventRegistration(Table, tablename="event_registration"):
    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    status = Varchar(length=12)  # domain.events.RegistrationStatus
    nominated_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    queued_at = Timestamptz(default=TimestamptzNow())  # the waiting list's order
    # Bumped first by every check-in of the person: the row lock queues their check-ins to this event.
    revision = Integer(default=0)
    credited_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (event, person)


class EventAttendance(Table, tablename="event_attendance"):
    session = ForeignKey(EventSession, on_delete=OnDelete.cascade, index=True)
    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    method = Varchar(length=8)  # domain.events.AttendanceMethod
    client_id = Varchar(length=64, null=True, default=None)
    recorded_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    scanned_at = Timestamptz()
    recorded_at = Timestamptz(default=TimestamptzNow())
    # what this check-in's answer said, for its replay
    attended_count = Integer(default=0)
    credited = Boolean(default=False)
    xp_awarded = Integer(default=0)
    # unique (session, person); unique (person, client_id)


# events: who was shown a session's check-in code (they may not check in to it themselves)
class EventCodeViewer(Table, tablename="event_code_viewer"):
    session = ForeignKey(EventSession, on_delete=OnDelete.cascade, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    first_at = Timestamptz(default=TimestamptzNow())
    # one row per (session, person) as a rule; a rare duplicate from a race changes nothing


class EventFeedback(Table, tablename="event_feedback"):
    event = ForeignKey(Event, on_delete=OnDelete.cascade, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.cascade)
    rating = Integer()
    comment = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (event, person)


# partners and xAPI: organisations admitted by regions, their machine credentials, activities and statements
class PartnerRegion(Table, tablename="partner_org_region"):
    """A region admitted a partner organisation: its people act there, its xAPI records credit there."""

    org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.cascade, index=True)
    region = ForeignKey(Region, on_delete=OnDelete.cascade, index=True)
    admitted_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (org, region)


class PartnerCredential(Table, tablename="partner_credential"):
    """A machine key of a partner organisation (HTTP Basic on /xapi): the secret kept only as an HMAC."""

    org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.cascade, index=True)
    key_id = Varchar(length=40, unique=True)
    secret_hmac = Varchar(length=64)  # hex HMAC-SHA256 of the secret under the server's credential key
    label = Varchar(length=120, default="")
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)


class XapiActivity(Table, tablename="xapi_activity"):
    """An activity of a partner's own content whose completion earns JP and XP (its IRI, per organisation)."""

    org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.cascade, index=True)
    iri = Varchar(length=512)
    title = Varchar(length=160)
    competency_type = Varchar(length=20)
    jp_centi = Integer()
    xp = Integer()
    active = Boolean(default=True)
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (org, iri)


class XapiStatement(Table, tablename="xapi_statement"):
    """A statement as a partner sent it (plus ``stored`` and ``authority``), and what it did to credit."""

    statement_id = Varchar(length=36, unique=True)
    org = ForeignKey(PartnerOrganisation, on_delete=OnDelete.cascade, index=True)
    body = Text()  # the statement JSON as stored and answered
    digest = Varchar(length=64)  # sha256 of its canonical content, to tell a resend from a different statement
    verb = Varchar(length=512)
    object_id = Varchar(length=512)
    actor_key = Varchar(length=300)  # the actor's identifier as sent (for the unmatched report)
    activity = ForeignKey(XapiActivity, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    credit = Varchar(length=24, index=True)  # domain.xapi.Credit
    source_key = Varchar(length=80, null=True, default=None)  # the fact it credited, when it did
    voided = Boolean(default=False)
    stored = Timestamptz()


class ServicePoint(Table, tablename="service_point"):
    """A service a unit offers citizens ("Perekaman KTP-el"), reached without sign-in by a QR/link."""

    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=120)
    description = Text(default="")
    public_key = Varchar(length=32, unique=True)  # in the QR/link; a new link replaces it, the old one stops
    site_code_secret = Varchar(length=64)  # HMAC key of the day's on-site code
    requires_site_code = Boolean(default=False)  # answers need the code shown at the counter today
    yearly_users = Integer(null=True, default=None)  # the unit's estimate: the survey's population (its sample size)
    complaint_answer_days = Integer(default=5)  # working days the unit has to answer a complaint
    active = Boolean(default=True)
    created_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    link_renewed_at = Timestamptz(null=True, default=None)


class SurveyAnswer(Table, tablename="survey_answer"):
    """One citizen's Survei Kepuasan Masyarakat (PermenPANRB 14/2017): elements U1..U9 scored 1-4."""

    service_point = ForeignKey(ServicePoint, on_delete=OnDelete.restrict, index=True)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, index=True)
    answered_at = Timestamptz()
    local_date = Date()  # in the region's zone: the device's day and the survey period
    device_key = Varchar(length=64)  # keyed hash of the device cookie; never the cookie itself
    u1 = Integer()  # persyaratan
    u2 = Integer()  # sistem, mekanisme dan prosedur
    u3 = Integer()  # waktu penyelesaian
    u4 = Integer()  # biaya/tarif
    u5 = Integer()  # produk spesifikasi jenis pelayanan
    u6 = Integer()  # kompetensi pelaksana
    u7 = Integer()  # perilaku pelaksana
    u8 = Integer()  # penanganan pengaduan, saran dan masukan
    u9 = Integer()  # sarana dan prasarana
    comment = Text(default="")
    comment_status = Varchar(length=10, default="none")  # none, pending, released, hidden
    comment_flagged = Boolean(default=False)  # the word filter matched: never released unread
    moderated_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    moderated_at = Timestamptz(null=True, default=None)
    moderation_reason = Varchar(length=300, default="")  # moderation: why it was released or hidden
    served_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    contact = Varchar(length=160, default="")  # only with consent, erased at contact_erase_at
    contact_consent = Boolean(default=False)
    contact_erase_at = Timestamptz(null=True, default=None)
    # unique (service_point, device_key, local_date)


class Complaint(Table, tablename="complaint"):
    """A citizen's pengaduan on a service point, followed by its tracking code."""

    service_point = ForeignKey(ServicePoint, on_delete=OnDelete.restrict, index=True)
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(Unit, on_delete=OnDelete.restrict, index=True)
    tracking_code = Varchar(length=16, unique=True)
    client_id = Varchar(length=64, null=True, default=None)  # a resent filing answers the first
    body = Text()
    status = Varchar(length=12, default="received", index=True)  # received, in_progress, answered, closed
    filed_at = Timestamptz()
    due_at = Timestamptz()
    answer = Text(default="")
    answered_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    answered_at = Timestamptz(null=True, default=None)
    closed_at = Timestamptz(null=True, default=None)
    overdue_notified_at = Timestamptz(null=True, default=None)
    initiative = ForeignKey(Initiative, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    contact = Varchar(length=160, default="")
    contact_consent = Boolean(default=False)
    contact_erase_at = Timestamptz(null=True, default=None)
    # unique (service_point, client_id)


class ComplaintEvent(Table, tablename="complaint_event"):
    """Every step of a complaint: who (None: the citizen), from what to what, and the note."""

    complaint = ForeignKey(Complaint, on_delete=OnDelete.cascade, index=True)
    actor = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    from_status = Varchar(length=12, null=True, default=None)
    to_status = Varchar(length=12)
    note = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class UnitBadge(Table, tablename="unit_badge"):
    """A badge a unit earns as a whole (citizens' scores of its services above a threshold)."""

    unit = ForeignKey(Unit, on_delete=OnDelete.cascade, index=True)
    badge = ForeignKey(Badge, on_delete=OnDelete.cascade)
    period_key = Varchar(length=20, default="")  # "2026-Q4", "2026-12", "2026"
    awarded_at = Timestamptz(default=TimestamptzNow())
    reason = JSON()
    # unique (unit, badge, period_key)


# initiatives: evidence files beside the report's links
class InitiativeEvidence(Table, tablename="initiative_evidence"):
    """A photo or PDF of an initiative, kept in the evidence store under ``key`` (made from its content)."""

    initiative = ForeignKey(Initiative, on_delete=OnDelete.cascade)
    key = Varchar(length=255)
    content_type = Varchar(length=40)
    size = Integer()
    uploaded_by = ForeignKey(Person, on_delete=OnDelete.set_null, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    # unique (initiative, key): the same file twice is one row


# credentials: the Ed25519 keys a region signs its Open Badges credentials with; a rotated key is retired,
# not deleted, so the credentials it signed still verify. The private key is a PKCS#8 PEM encrypted under a
# key derived from the settings (gamification/credentials/issuer_keys.py).
class IssuerKey(Table, tablename="issuer_key"):
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    kid = Varchar(length=80, unique=True)
    public_x = Varchar(length=64)  # the raw public key, base64url (a JWK's "x")
    private_pem = Text()
    created_at = Timestamptz(default=TimestamptzNow())
    retired_at = Timestamptz(null=True, default=None)


# credentials: every credential issued, for its revocation; ``status_index`` is its bit in the region's
# status list (Bitstring Status List), drawn at random so that the index says nothing of the issue order.
class IssuedCredential(Table, tablename="issued_credential"):
    region = ForeignKey(Region, on_delete=OnDelete.restrict, index=True)
    person = ForeignKey(Person, on_delete=OnDelete.restrict, index=True)
    person_badge = ForeignKey(PersonBadge, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    jti = Varchar(length=80, unique=True)
    kid = Varchar(length=80)
    status_index = Integer()
    issued_at = Timestamptz(default=TimestamptzNow())
    revoked_at = Timestamptz(null=True, default=None)
    revoked_reason = Varchar(length=40, null=True, default=None)
    jwt = Text(default="")  # what a share link answers
    # private until its holder shares it: the link's token, kept as a SHA-256 digest
    share_digest = Varchar(length=64, null=True, default=None, unique=True)
    # what else a credential may carry (issue 21): a verified certificate or an event completion
    certificate = ForeignKey(Certificate, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    event_registration = ForeignKey(EventRegistration, on_delete=OnDelete.set_null, null=True, default=None, index=True)
    # an admin's revocation (revoked_reason admin_revoked): why, in their words, as the holder reads it
    revoked_note = Text(null=True, default=None)
    # unique (region, status_index); unique (person_badge | certificate | event_registration, kid) while unrevoked


ALL_TABLES: list[type[Table]] = [
    Region,
    Agency,
    Unit,
    PartnerOrganisation,
    Person,
    RefreshToken,
    PartnerAdmission,
    Module,
    ModuleVersion,
    ModuleQuestion,
    ModuleOption,
    Attempt,
    Completion,
    JpCredit,
    Fact,
    PendingFact,
    PointRule,
    XpEntry,
    PointsTotal,
    PointsPeriod,
    PointsPeriodClosed,
    PointsPeriodArchived,
    FullCheck,
    LevelStep,
    Holiday,
    Streak,
    Badge,
    PersonBadge,
    JobRun,
    Display,
    PeriodClose,
    BoardSnapshot,
    Notification,
    PushDevice,  # push notifications
    Reward,
    Redemption,
    StreakFreeze,
    Initiative,
    InitiativeMember,
    InitiativeEvent,
    Replication,
    AuditEvent,
    Certificate,  # certificates
    # events
    Event,
    EventSession,
    EventRegistration,
    EventAttendance,
    EventFeedback,
    EventCodeViewer,  # events: code viewers
    # partners and xAPI
    PartnerRegion,
    PartnerCredential,
    XapiActivity,
    XapiStatement,
    # the citizens' voice
    ServicePoint,
    SurveyAnswer,
    Complaint,
    ComplaintEvent,
    UnitBadge,
    InitiativeEvidence,  # initiatives: evidence files
    IssuerKey,  # credentials
    IssuedCredential,  # credentials
]
VIEWS: list[type[Table]] = [PointsPeriodEvery]
