"""Piccolo tables. Services turn rows into plain values; no row object leaves the service layer."""

from __future__ import annotations

from piccolo.columns import Boolean, ForeignKey, OnDelete, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Region(Table, tablename="region"):
    name = Varchar(length=120)
    slug = Varchar(length=64, unique=True)
    timezone = Varchar(length=64)
    created_at = Timestamptz(default=TimestamptzNow())


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


class RefreshToken(Table, tablename="refresh_token"):
    person = ForeignKey(Person, on_delete=OnDelete.cascade, index=True)
    family = Varchar(length=36, index=True)
    token_hash = Varchar(length=64, unique=True)
    issued_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    rotated_at = Timestamptz(null=True, default=None)  # spent by a refresh (vs. revoked by logout)
    revoked_at = Timestamptz(null=True, default=None)


ALL_TABLES: list[type[Table]] = [Region, Agency, Unit, Person, RefreshToken]
