"""Who may call what: every route of the app against ten kinds of caller, as one table.

How to read POLICY
    One row per route (``METHOD path`` as the app spells it). The first number is the route's
    success status; then one cell per caller, in the order of the header comment:

    ``OK``    allowed: the route's success status
    ``AUTH``  401: sign in first (no token, or a display token used as a bearer)
    ``DENY``  403: known, but not allowed to do this
    ``HIDE``  404: out of reach, answered as if it did not exist

    Every request reaches for something of the *home*: Pontianak, its agency Dinas Kominfo and
    the unit Bidang E-Government (a module of the region, an initiative of the unit, the home
    ASN's redemption, a display of the region, …). The callers are ``Role`` in tests/authorization.py:
    anonymous; an ASN of the home unit; an ASN of another unit of the region; the manager of the
    home unit; the manager of another unit; an admin of the region; an admin of Palu; a partner
    admitted by the region; a superadmin; an office display (its token in the path of display
    routes, and as a bearer everywhere else; callers without it put a made-up token in the path).

    A route may have more rows, each naming after its path (``@name``) what else it reaches for
    (``@superadmin_in_a_home_unit``: a superadmin who has a unit in the home region).

    Batch routes (``POST /sync``, ``POST /manager/decisions``, the CSV import) answer 200 with a
    result per item; their cell is the status of the request's only item.

What the test checks
    For each row, one fresh world; each caller's request gets a fresh resource where the request
    changes it. Bodies are valid, so a 2xx means the caller was allowed; a refusal must carry an
    authorization code (``AUTHORIZATION_CODES``), never a validation one. Another test compares the
    rows with the app's routes: a route without a row fails it.

How to add a route
    1. Add its row to POLICY (copy the row of a route with the same guard and adjust).
    2. Unless it is a GET or POST without path parameters and without a body, write its request:
       a function decorated ``@builds("METHOD path")`` that takes the world (``Home``) and the caller
       and returns a ``Call`` with the concrete path and a valid body, reaching for a home resource.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from api.app import create_app
from domain.events import checkin_code, checkin_key, time_step  # events
from gamification.storage.tables import (
    Badge,  # BKPSDM admin (issue 19)
    EventRegistration,
    PartnerAdmission,
    PartnerCredential,
    PartnerOrganisation,
    PartnerRegion,
    Person,
    PersonBadge,  # credentials
    XapiActivity,
)  # partners and xAPI
from tests.authorization import (
    Call,
    Home,
    Outcome,
    Role,
    app_routes,
    build_home,
    first_item_outcome,
    import_outcome,
    route_pattern,
    serials,
)
from tests.awards import award
from tests.complaints.helpers import BODY as COMPLAINT_BODY  # complaints
from tests.complaints.helpers import add_service_point as add_complaint_service_point  # complaints
from tests.factories import PASSWORD, add_person, make_nip
from tests.module_payloads import attempt_body, create_module, module_payload, published_module
from tests.satisfaction.helpers import add_service_point  # satisfaction
from tests.surveys.moderation_helpers import add_answer  # moderation and praise


class Allowed:
    def __repr__(self) -> str:
        return "OK"


OK, AUTH, DENY, HIDE = Allowed(), 401, 403, 404

# fmt: off
# Columns: anon anonymous · asn ASN of the home unit · asn2 ASN of another unit of the region · mgr manager of
# the home unit · mgr2 manager of another unit · adm admin of the region · adm2 admin of another region (Palu) ·
# ptnr partner admitted by the region · sup superadmin · tv office display (its token)
#                                                        2xx  anon  asn   asn2  mgr   mgr2  adm   adm2  ptnr  sup   tv
POLICY = {
    "GET    /health":                                   (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /ready":                                    (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    # signing in and out
    "POST   /api/v1/auth/login":                        (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /api/v1/auth/refresh":                      (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /api/v1/auth/logout":                       (204, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    # one's own record
    "GET    /api/v1/me":                                (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/learning":                       (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/points":                         (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/badges":                         (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/notifications":                  (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "POST   /api/v1/me/notifications/read":             (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/redemptions":                    (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/export":                         (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    # learning: the catalogue is the caller's region's and the national one; staff with a unit take modules
    "GET    /api/v1/modules":                           (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/modules/{module_id:int}":           (200, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, HIDE, HIDE, AUTH),
    "POST   /api/v1/modules/{module_id:int}/attempts":  (201, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "POST   /api/v1/sync":                              (201, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    # authoring: admins of the region and the superadmin; an admitted partner drafts, and sees only its own
    "POST   /api/v1/admin/modules":                     (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, OK,   OK,   AUTH),
    "GET    /api/v1/admin/modules":                     (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, OK,   OK,   AUTH),
    "GET    /api/v1/admin/modules/{module_id:int}":     (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "PUT    /api/v1/admin/modules/{module_id:int}":     (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/admin/modules/{module_id:int}/publish":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/admin/modules/{module_id:int}/archive":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    # the region's structure: its admins (another region's admin is told it is outside their region)
    "POST   /api/v1/admin/regions":                     (201, AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/regions":                     (200, AUTH, DENY, DENY, DENY, DENY, OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/admin/regions/{region_id:int}":     (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/regions/{region_id:int}":     (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/agencies":                    (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/agencies":                    (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/agencies/{agency_id:int}":    (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/agencies/{agency_id:int}":    (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/units":                       (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/units":                       (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/units/{unit_id:int}":         (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/units/{unit_id:int}":         (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/regions/{region_id:int}/partners":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PUT    /api/v1/admin/regions/{region_id:int}/partners/{partner_id:int}":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "DELETE /api/v1/admin/regions/{region_id:int}/partners/{partner_id:int}":
                                                        (204, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    # the region's people: another region's people do not exist for an admin
    "POST   /api/v1/admin/users":                       (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/users":                       (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/users/import":                (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/users/{user_id:int}":         (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/users/{user_id:int}":         (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/users/{user_id:int}/deactivate":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/users/{user_id:int}/anonymise":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    # ... except people above the admin: a superadmin placed in a home unit is reached by superadmins alone
    "GET    /api/v1/admin/users/{user_id:int}  @superadmin_in_a_home_unit":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, DENY, HIDE, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/users/{user_id:int}  @superadmin_in_a_home_unit":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, DENY, HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/users/{user_id:int}/deactivate  @superadmin_in_a_home_unit":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, DENY, HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/users/{user_id:int}/anonymise  @superadmin_in_a_home_unit":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, DENY, HIDE, DENY, OK,   AUTH),
    # the region's audit log
    "GET    /api/v1/admin/audit":                       (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    # points, levels, badges and holidays of the region
    "GET    /api/v1/badges":                            (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "POST   /api/v1/admin/badges":                      (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/rules":                       (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/rules":                       (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/rules/preview":               (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/levels":                      (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PUT    /api/v1/admin/levels":                      (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/holidays":                    (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/holidays":                    (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "DELETE /api/v1/admin/holidays/{holiday_id:int}":   (204, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    # leaderboards: a unit's board for its staff, its managers and its region's admins
    "GET    /api/v1/leaderboards":                      (200, AUTH, OK,   DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/leaderboards/around-me":            (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    # office displays: made by admins (their region) and managers (their units); shown with the token alone
    "POST   /api/v1/admin/displays":                    (201, AUTH, DENY, DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    # the agency's board: its head (the home manager, of its top unit) too; the other agency's head not
    "POST   /api/v1/admin/displays  @home_agency":      (201, AUTH, DENY, DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/admin/displays":                    (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "DELETE /api/v1/admin/displays/{display_id:int}":   (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/displays/{token:str}/leaderboard":  (200, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, OK),
    "GET    /api/v1/displays/{token:str}/stream":       (200, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, OK),
    "GET    /display/{token:str}":                      (200, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, OK),
    # initiatives: the team moves its own, a decider over the unit (never on the team) decides; hidden from others
    "POST   /api/v1/initiatives":                       (201, AUTH, OK,   OK,   OK,   OK,   OK,   DENY, DENY, DENY, AUTH),
    "GET    /api/v1/initiatives":                       (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/initiatives/{initiative_id:int}":   (200, AUTH, OK,   HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "PATCH  /api/v1/initiatives/{initiative_id:int}":   (200, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "POST   /api/v1/initiatives/{initiative_id:int}/submit":
                                                        (200, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "POST   /api/v1/initiatives/{initiative_id:int}/review":
                                                        (200, AUTH, DENY, HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/initiatives/{initiative_id:int}/implementation":
                                                        (200, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "POST   /api/v1/initiatives/{initiative_id:int}/verify":  # implemented: in the showcase, seen by the region
                                                        (200, AUTH, DENY, DENY, OK,   DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/initiatives/{initiative_id:int}/replications":  # recorded for a home unit
                                                        (201, AUTH, DENY, DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    # rewards: staff redeem in their region; a decider over the person's unit (never the person) decides
    "POST   /api/v1/admin/rewards":                     (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/rewards":                           (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "POST   /api/v1/rewards/{reward_id:int}/redemptions":
                                                        (201, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "POST   /api/v1/redemptions/{redemption_id:int}/decision":
                                                        (200, AUTH, DENY, DENY, OK,   DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/redemptions/{redemption_id:int}/cancel":
                                                        (200, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    # the manager's desk: managers over their units, admins over their region
    "GET    /api/v1/manager/inbox":                     (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/manager/team":                      (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/manager/team.csv":                  (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "POST   /api/v1/manager/decisions":                 (200, AUTH, DENY, DENY, OK,   DENY, OK,   HIDE, DENY, OK,   AUTH),
    # JP per unit: the same reach; a region named is the home region, outside the reach of Palu's admin
    "GET    /api/v1/manager/units":                     (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/manager/units.csv":                 (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/manager/units  @home_region":       (200, AUTH, DENY, DENY, OK,   OK,   OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/manager/units.csv  @home_region":   (200, AUTH, DENY, DENY, OK,   OK,   OK,   DENY, DENY, OK,   AUTH),
    # certificates: staff record their own; the owner alone changes one; a decider over the owner (never the owner) decides
    "POST   /api/v1/certificates":                      (201, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    "GET    /api/v1/certificates":                      (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/certificates/{certificate_id:int}": (200, AUTH, OK,   HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "PUT    /api/v1/certificates/{certificate_id:int}/evidence":
                                                        (200, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "GET    /api/v1/certificates/{certificate_id:int}/evidence":
                                                        (200, AUTH, OK,   HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/certificates/{certificate_id:int}/resubmit":
                                                        (200, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "POST   /api/v1/certificates/{certificate_id:int}/verify":
                                                        (200, AUTH, DENY, HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/certificates/{certificate_id:int}/return":
                                                        (200, AUTH, DENY, HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/manager/certificates":              (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "POST   /api/v1/admin/certificates/import":         (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    # events: organised by the region's admins (a superadmin), or the admitted partner who made one; staff register,
    # check in and give feedback in their region; a manager nominates their staff
    "POST   /api/v1/admin/events":                      (201, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, OK,   OK,   AUTH),
    "GET    /api/v1/admin/events/{event_id:int}":       (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/admin/events/{event_id:int}/publish":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/admin/events/{event_id:int}/cancel":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/admin/events/{event_id:int}/sessions/{session_id:int}/code":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "POST   /api/v1/admin/events/{event_id:int}/sessions/{session_id:int}/attendance":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/admin/events/{event_id:int}/registrations":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/admin/events/{event_id:int}/feedback":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/events":                            (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    "GET    /api/v1/events/{event_id:int}":             (200, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "POST   /api/v1/events/{event_id:int}/registration":
                                                        (200, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "DELETE /api/v1/events/{event_id:int}/registration":
                                                        (200, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "POST   /api/v1/events/{event_id:int}/nominations":  # the home ASN, by a decider over the home unit
                                                        (200, AUTH, DENY, DENY, OK,   DENY, OK,   HIDE, HIDE, HIDE, AUTH),
    "POST   /api/v1/events/{event_id:int}/feedback":   (200, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "POST   /api/v1/events/checkins":                   (201, AUTH, OK,   OK,   OK,   OK,   OK,   HIDE, DENY, DENY, AUTH),
    "GET    /api/v1/me/events":                         (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    # partners and xAPI: organisations (admins create, superadmins update), their page (their people, the admins of
    # admitting regions), their keys and activities (their people only), admissions by a region, the LRS (Basic keys)
    "POST   /api/v1/partners":                          (201, AUTH, DENY, DENY, DENY, DENY, OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/partners":                          (200, AUTH, DENY, DENY, DENY, DENY, OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/partners/{org_id:int}":             (200, AUTH, HIDE, HIDE, HIDE, HIDE, OK,   HIDE, OK,   OK,   AUTH),
    "PATCH  /api/v1/partners/{org_id:int}":             (200, AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY, OK,   AUTH),
    "PUT    /api/v1/partners/{org_id:int}/people/{person_id:int}":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "DELETE /api/v1/partners/{org_id:int}/people/{person_id:int}":
                                                        (204, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/partners/{org_id:int}/credentials": (201, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "GET    /api/v1/partners/{org_id:int}/credentials": (200, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "DELETE /api/v1/partners/{org_id:int}/credentials/{key_id:str}":
                                                        (204, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "POST   /api/v1/partners/{org_id:int}/xapi/activities":
                                                        (201, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "GET    /api/v1/partners/{org_id:int}/xapi/activities":
                                                        (200, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "PATCH  /api/v1/partners/{org_id:int}/xapi/activities/{activity_id:int}":
                                                        (200, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "DELETE /api/v1/partners/{org_id:int}/xapi/activities/{activity_id:int}":
                                                        (204, AUTH, HIDE, HIDE, HIDE, HIDE, DENY, HIDE, OK,   OK,   AUTH),
    "GET    /api/v1/partners/{org_id:int}/xapi/unmatched":
                                                        (200, AUTH, HIDE, HIDE, HIDE, HIDE, OK,   HIDE, OK,   OK,   AUTH),
    "GET    /api/v1/admin/regions/{region_id:int}/partner-orgs":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PUT    /api/v1/admin/regions/{region_id:int}/partner-orgs/{org_id:int}":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "DELETE /api/v1/admin/regions/{region_id:int}/partner-orgs/{org_id:int}":
                                                        (204, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /xapi/about":                               (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /xapi/statements":                          (200, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH),
    "POST   /xapi/statements":                          (200, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH),
    "PUT    /xapi/statements":                          (204, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH, AUTH),
    # satisfaction: the IKM of the home unit for its staff, managers over it and the region's admins; an agency's for
    # the manager of one of its top units; the region's for its admins; unit badges previewed by admins; the IKM line
    # of a display switched by whoever may revoke it
    "GET    /api/v1/ikm":                               (200, AUTH, OK,   DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/ikm.csv":                           (200, AUTH, OK,   DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/ikm  @home_service":                (200, AUTH, OK,   DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/ikm  @home_agency":                 (200, AUTH, DENY, DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/ikm  @home_region":                 (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/ikm.csv  @home_region":             (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/units/{unit_id:int}/badges":        (200, AUTH, OK,   DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "POST   /api/v1/admin/unit-badges/preview":         (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/unit-badges/preview  @home_region":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/displays/{display_id:int}":   (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    # moderation and praise: deciders over the unit see and decide its citizens' comments; the ASN named never decides
    "GET    /api/v1/survey-comments":                   (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "POST   /api/v1/survey-comments/{answer_id:int}/decision":  # praise of the home ASN
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/survey-comments/{answer_id:int}/decision  @naming_the_home_manager":
                                                        (200, AUTH, DENY, DENY, DENY, HIDE, OK,   HIDE, DENY, OK,   AUTH),
    # service points: the home unit's managers and the region's admins; staff opt in to be named; citizens answer
    # with no sign-in (a fresh service point each, so that every caller's device answers it once)
    "POST   /api/v1/service-points":                    (201, AUTH, DENY, DENY, OK,   DENY, OK,   DENY, DENY, OK,   AUTH),
    "GET    /api/v1/service-points":                    (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/service-points/{point_id:int}":     (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "PATCH  /api/v1/service-points/{point_id:int}":     (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/service-points/{point_id:int}/link":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/service-points/{point_id:int}/site-code":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/service-points/{point_id:int}/qr.svg":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/me/citizen-naming":                 (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    "PUT    /api/v1/me/citizen-naming":                 (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    "GET    /api/v1/public/services/{public_key:str}":  (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /api/v1/public/services/{public_key:str}/answers":
                                                        (201, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /layanan/{public_key:str}":                 (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /layanan/{public_key:str}":                 (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    # complaints: citizens file and follow them without signing in (a token sent along changes nothing); the home
    # unit's managers and the region's admins handle them, anyone else is told they do not exist
    "POST   /api/v1/public/services/{public_key:str}/complaints":
                                                        (201, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /api/v1/public/complaints/{code:str}":      (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /layanan/{public_key:str}/pengaduan":       (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /layanan/{public_key:str}/pengaduan":       (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /pengaduan":                                (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /pengaduan/{code:str}":                     (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /api/v1/complaints":                        (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "GET    /api/v1/complaints/{complaint_id:int}":     (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/complaints/{complaint_id:int}/progress":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/complaints/{complaint_id:int}/answer":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/complaints/{complaint_id:int}/close":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/complaints/{complaint_id:int}/initiative":  # an initiative of the home unit
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    "DELETE /api/v1/complaints/{complaint_id:int}/initiative":
                                                        (200, AUTH, DENY, DENY, OK,   HIDE, OK,   HIDE, DENY, OK,   AUTH),
    # initiatives: evidence files (the team adds and removes them; whoever may see the initiative reads them);
    # a partial edit; the team's manager decides nothing of their own
    "POST   /api/v1/initiatives/{initiative_id:int}/evidence":
                                                        (201, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "GET    /api/v1/initiatives/{initiative_id:int}/evidence":
                                                        (200, AUTH, OK,   HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/initiatives/{initiative_id:int}/evidence/{evidence_id:int}":
                                                        (200, AUTH, OK,   HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    "GET    /api/v1/initiatives/{initiative_id:int}/evidence/{evidence_id:int}  @in_the_showcase":
                                                        (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "DELETE /api/v1/initiatives/{initiative_id:int}/evidence/{evidence_id:int}":
                                                        (204, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "PATCH  /api/v1/initiatives/{initiative_id:int}  @only_the_title":
                                                        (200, AUTH, OK,   HIDE, DENY, HIDE, DENY, HIDE, HIDE, DENY, AUTH),
    "POST   /api/v1/initiatives/{initiative_id:int}/review  @drafted_by_the_home_manager":
                                                        (200, AUTH, HIDE, HIDE, DENY, HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    # BKPSDM admin (issue 19): the staff export in the import's format
    "GET    /api/v1/admin/users/export.csv":            (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    # BKPSDM admin (issue 19): rewards and badges kept by the region's admins; approved rewards handed out by deciders
    "GET    /api/v1/admin/rewards":                     (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/rewards/{reward_id:int}":     (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/rewards/{reward_id:int}/retire":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/admin/badges":                      (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    "PATCH  /api/v1/admin/badges/{badge_id:int}":       (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/badges/{badge_id:int}/retire":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/redemptions/hand-outs":             (200, AUTH, DENY, DENY, OK,   OK,   OK,   OK,   DENY, OK,   AUTH),
    "POST   /api/v1/redemptions/{redemption_id:int}/handed-out":  # the home ASN's approved redemption
                                                        (200, AUTH, DENY, DENY, OK,   DENY, OK,   HIDE, HIDE, OK,   AUTH),
    # metrics: for operators, open like /health (TANGKAS_METRICS_TOKEN puts it behind a bearer token: tests/metrics)
    "GET    /metrics":                                  (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    # PATCH /me and push devices: one's own, whoever one is; another's device is not there
    "PATCH  /api/v1/me":                                (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/settings":                       (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "POST   /api/v1/me/devices":                        (201, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "GET    /api/v1/me/devices":                        (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "DELETE /api/v1/me/devices/{device_id:int}":        (204, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "DELETE /api/v1/me/devices/{device_id:int}  @home_asn_device":
                                                        (204, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    # credentials: one's own badge as a credential (another's award does not exist); keys, issuer profiles and
    # verification for anyone; a region's key rotated by its admin
    "POST   /api/v1/me/badges/{award_id:int}/credential":
                                                        (201, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    "GET    /.well-known/jwks.json":                    (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /issuers/{region_slug:str}":                (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /issuers/{region_slug:str}/status/revocation":
                                                        (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /api/v1/credentials/verify":                (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    # credentials: the DID document, and the verification page for people (the shared one behind its link)
    "GET    /issuers/{region_slug:str}/did.json":       (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /verifikasi":                               (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /verifikasi":                               (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "GET    /kredensial/{token:str}":                   (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /api/v1/me/credentials/{credential_id:int}/share":
                                                        (200, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    "DELETE /api/v1/me/credentials/{credential_id:int}/share":
                                                        (204, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    "GET    /api/v1/public/credentials/{token:str}":    (200, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK),
    "POST   /api/v1/admin/regions/{region_id:int}/issuer-key/rotate":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   DENY, DENY, OK,   AUTH),
    # credentials: one's own verified certificate or completed event (anyone else's does not exist); a certificate's
    # verification withdrawn by a decider over its owner, never the owner
    "POST   /api/v1/me/certificates/{certificate_id:int}/credential":
                                                        (201, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    "POST   /api/v1/me/events/{event_id:int}/credential":
                                                        (201, AUTH, OK,   HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, HIDE, AUTH),
    "POST   /api/v1/certificates/{certificate_id:int}/withdraw":
                                                        (200, AUTH, DENY, HIDE, OK,   HIDE, OK,   HIDE, HIDE, OK,   AUTH),
    # credentials: one's own JP transcript, for anyone with a unit (a partner or a superadmin has none)
    "POST   /api/v1/me/jp-transcript/credential":     (201, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    "GET    /api/v1/me/jp-transcript/pdf":            (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY, DENY, AUTH),
    # credentials: one's own list; the home ASN's credential revoked and listed by the issuing region's admin, and
    # the home admin's own credential by nobody of the region (self_decision) but a superadmin
    "GET    /api/v1/me/credentials":                    (200, AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK,   OK,   AUTH),
    "POST   /api/v1/admin/credentials/{credential_id:int}/revoke":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
    "POST   /api/v1/admin/credentials/{credential_id:int}/revoke  @home_admin_credential":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, DENY, HIDE, DENY, OK,   AUTH),
    "GET    /api/v1/admin/users/{user_id:int}/credentials":
                                                        (200, AUTH, DENY, DENY, DENY, DENY, OK,   HIDE, DENY, OK,   AUTH),
}
# fmt: on
ROUTES = {" ".join(key.split()): cells for key, cells in POLICY.items()}

# Refusals that mean "not you" or "not here": a refusal with any other code was not about authorization.
AUTHORIZATION_CODES = {
    401: {"not_authenticated", "token_invalid", "xapi_credentials_invalid"},  # partners and xAPI: the last
    403: {
        "admin_required",
        "superadmin_required",
        "author_required",
        "display_maker_required",
        "manager_required",
        "outside_region",
        "person_out_of_reach",
        "learner_only",
        "self_decision",
        "decision_out_of_scope",
        "initiative_team_only",
        "initiative_unit_outside_region",
        "board_out_of_reach",
        "display_out_of_reach",
        "certificate_owner_only",  # certificates
        "certificate_person_unknown",  # certificates: an import row for someone out of the admin's reach
        "organiser_required",  # events
        "partner_not_admitted",  # events
        "partner_org_members_only",  # partners and xAPI
        "partner_org_attach_superadmin",  # partners and xAPI
        "ikm_out_of_reach",  # satisfaction
        "service_point_out_of_reach",  # service points
    },
    404: {
        "user_not_found",
        "module_not_found",
        "initiative_not_found",
        "redemption_not_found",
        "reward_not_found",
        "display_not_found",
        "holiday_not_found",
        "certificate_not_found",  # certificates
        "event_not_found",  # events
        "session_not_found",  # events
        "partner_org_not_found",  # partners and xAPI
        "badge_not_found",  # satisfaction: another region's unit badge, previewed
        "survey_comment_not_found",  # moderation and praise
        "service_point_not_found",  # service points
        "complaint_not_found",  # complaints
        "device_not_found",  # push devices
        "badge_award_not_found",  # credentials
        "credential_not_found",  # credentials
    },
}
HTML_ROUTES = {"GET /display/{token:str}"}  # a page for a TV: refusals carry no problem body
HTML_ROUTES |= {"GET /layanan/{public_key:str}", "POST /layanan/{public_key:str}"}  # service points and surveys

# --- requests ---------------------------------------------------------------------------------------------------------

BUILDERS = {}


def builds(route: str):
    """Registers the request of a row: ``async def (home, role) -> Call``."""

    def register(function):
        BUILDERS[" ".join(route.split())] = function
        return function

    return register


async def request_for(route: str, home: Home, role: Role) -> Call:
    if route in BUILDERS:
        return await BUILDERS[route](home, role)
    path = route.split(" ")[1]
    assert "{" not in path, f"{route} has path parameters: write its request with @builds"
    return Call(path)


def today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


LOGIN = {"login": "asn@pontianak.test", "password": PASSWORD}


@builds("POST /api/v1/auth/login")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/auth/login", json=LOGIN)


@builds("POST /api/v1/auth/refresh")
async def _(home: Home, role: Role) -> Call:
    login = await home.ok("POST", "/api/v1/auth/login", Role.ANONYMOUS, json=LOGIN)
    return Call("/api/v1/auth/refresh", json={"refresh_token": login["refresh_token"]})


@builds("POST /api/v1/me/notifications/read")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/me/notifications/read", json={})  # all of the caller's own


# learning and authoring


async def home_module(home: Home, published: bool = True) -> dict:
    """A new module of the home region, made by its admin (the author's view, with the answer key)."""
    make = published_module if published else create_module
    return await make(home.client, home.headers(Role.ADMIN), title=f"Modul Pontianak {next(serials)}")


@builds("GET /api/v1/modules/{module_id:int}")
async def _(home: Home, role: Role) -> Call:
    module = await home.shared("published module", lambda: home_module(home))
    return Call(f"/api/v1/modules/{module['id']}")


@builds("POST /api/v1/modules/{module_id:int}/attempts")
async def _(home: Home, role: Role) -> Call:
    module = await home.shared("published module", lambda: home_module(home))
    return Call(f"/api/v1/modules/{module['id']}/attempts", json=attempt_body(module))


@builds("POST /api/v1/sync")
async def _(home: Home, role: Role) -> Call:
    module = await home.shared("published module", lambda: home_module(home))
    item = {"module_id": module["id"]} | attempt_body(module)
    return Call("/api/v1/sync", json={"attempts": [item]}, outcome=first_item_outcome)


@builds("POST /api/v1/admin/modules")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/modules", json=module_payload(region_id=home.region.region_id))


@builds("GET /api/v1/admin/modules")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/modules", params={"region_id": home.region.region_id})


@builds("GET /api/v1/admin/modules/{module_id:int}")
async def _(home: Home, role: Role) -> Call:
    module = await home.shared("draft module", lambda: home_module(home, published=False))
    return Call(f"/api/v1/admin/modules/{module['id']}")


@builds("PUT /api/v1/admin/modules/{module_id:int}")
async def _(home: Home, role: Role) -> Call:
    module = await home_module(home, published=False)
    return Call(f"/api/v1/admin/modules/{module['id']}", json=module_payload(title="Mengenali Email Phishing (revisi)"))


@builds("POST /api/v1/admin/modules/{module_id:int}/publish")
async def _(home: Home, role: Role) -> Call:
    module = await home_module(home, published=False)
    return Call(f"/api/v1/admin/modules/{module['id']}/publish")


@builds("POST /api/v1/admin/modules/{module_id:int}/archive")
async def _(home: Home, role: Role) -> Call:
    module = await home_module(home)
    return Call(f"/api/v1/admin/modules/{module['id']}/archive")


# the region's structure and people


@builds("POST /api/v1/admin/regions")
async def _(home: Home, role: Role) -> Call:
    n = next(serials)
    return Call(
        "/api/v1/admin/regions", json={"name": f"Kota Uji {n}", "slug": f"kota-uji-{n}", "timezone": "Asia/Jakarta"}
    )


@builds("GET /api/v1/admin/regions/{region_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}")


@builds("PATCH /api/v1/admin/regions/{region_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}", json={"name": "Kota Pontianak"})


@builds("POST /api/v1/admin/agencies")
async def _(home: Home, role: Role) -> Call:
    return Call(
        "/api/v1/admin/agencies", json={"region_id": home.region.region_id, "name": f"Dinas Uji {next(serials)}"}
    )


@builds("GET /api/v1/admin/agencies")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/agencies", params={"region_id": home.region.region_id})


@builds("GET /api/v1/admin/agencies/{agency_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/agencies/{home.region.agency_id}")


@builds("PATCH /api/v1/admin/agencies/{agency_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/agencies/{home.region.agency_id}", json={"name": f"Dinas Kominfo {next(serials)}"})


@builds("POST /api/v1/admin/units")
async def _(home: Home, role: Role) -> Call:
    p = home.region
    body = {"agency_id": p.agency_id, "parent_id": p.head_unit, "name": f"Seksi Uji {next(serials)}"}
    return Call("/api/v1/admin/units", json=body)


@builds("GET /api/v1/admin/units")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/units", params={"region_id": home.region.region_id})


@builds("GET /api/v1/admin/units/{unit_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/units/{home.region.head_unit}")


@builds("PATCH /api/v1/admin/units/{unit_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/units/{home.region.head_unit}", json={"name": f"Bidang E-Government {next(serials)}"})


@builds("GET /api/v1/admin/regions/{region_id:int}/partners")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/partners")


async def new_partner(home: Home, admitted: bool) -> int:
    n = next(serials)
    partner = await add_person(f"Politeknik {n}", None, None, "partner", email=f"mitra{n}@kampus.test")
    if admitted:
        await PartnerAdmission.insert(
            PartnerAdmission(region=home.region.region_id, partner=partner, admitted_by=home.region.admin)
        )
    return partner


@builds("PUT /api/v1/admin/regions/{region_id:int}/partners/{partner_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/partners/{await new_partner(home, admitted=False)}")


@builds("DELETE /api/v1/admin/regions/{region_id:int}/partners/{partner_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/partners/{await new_partner(home, admitted=True)}")


@builds("POST /api/v1/admin/users")
async def _(home: Home, role: Role) -> Call:
    body = {"name": "Pegawai Baru", "roles": ["asn"], "nip": make_nip(), "unit_id": home.region.child_unit}
    return Call("/api/v1/admin/users", json=body)


@builds("GET /api/v1/admin/users")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/users", params={"region_id": home.region.region_id})


@builds("POST /api/v1/admin/users/import")
async def _(home: Home, role: Role) -> Call:
    csv = f"name,nip,email,staff_type,unit_id,roles\nPegawai Impor,{make_nip()},,PNS,{home.region.child_unit},asn\n"
    return Call(
        "/api/v1/admin/users/import", files={"file": ("pegawai.csv", csv.encode(), "text/csv")}, outcome=import_outcome
    )


@builds("GET /api/v1/admin/users/{user_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/users/{home.region.asn}")


@builds("PATCH /api/v1/admin/users/{user_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/users/{home.region.asn}", json={"name": "ASN Kota Pontianak"})


@builds("POST /api/v1/admin/users/{user_id:int}/deactivate")
async def _(home: Home, role: Role) -> Call:
    person = await add_person("Pegawai Pensiun", home.region.child_unit, home.region.region_id)
    return Call(f"/api/v1/admin/users/{person}/deactivate")


@builds("POST /api/v1/admin/users/{user_id:int}/anonymise")
async def _(home: Home, role: Role) -> Call:
    person = await add_person("Pegawai Pindah", home.region.child_unit, home.region.region_id)
    await Person.update({Person.active: False}).where(Person.id == person)
    return Call(f"/api/v1/admin/users/{person}/anonymise")


async def superadmin_in_a_home_unit(home: Home, active: bool = True) -> int:
    """A superadmin who also has a home unit (``tangkas user create --role superadmin --unit N``)."""
    p = home.region
    return await add_person("Super Admin Pontianak", p.child_unit, p.region_id, "asn;superadmin", active=active)


@builds("GET /api/v1/admin/users/{user_id:int} @superadmin_in_a_home_unit")
async def _(home: Home, role: Role) -> Call:
    root = await home.shared("superadmin in a home unit", lambda: superadmin_in_a_home_unit(home))
    return Call(f"/api/v1/admin/users/{root}")


@builds("PATCH /api/v1/admin/users/{user_id:int} @superadmin_in_a_home_unit")
async def _(home: Home, role: Role) -> Call:
    root = await superadmin_in_a_home_unit(home)
    return Call(f"/api/v1/admin/users/{root}", json={"password": "sandi-pengambil-alih"})


@builds("POST /api/v1/admin/users/{user_id:int}/deactivate @superadmin_in_a_home_unit")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/users/{await superadmin_in_a_home_unit(home)}/deactivate")


@builds("POST /api/v1/admin/users/{user_id:int}/anonymise @superadmin_in_a_home_unit")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/users/{await superadmin_in_a_home_unit(home, active=False)}/anonymise")


@builds("GET /api/v1/admin/audit")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/audit", params={"region_id": home.region.region_id})


# points, levels, badges, holidays


@builds("POST /api/v1/admin/badges")
async def _(home: Home, role: Role) -> Call:
    body = {
        "code": f"lencana-uji-{next(serials)}",
        "name": "Pembelajar Pontianak",
        "criteria": {"kind": "completions", "count": 2},
        "region_id": home.region.region_id,
    }
    return Call("/api/v1/admin/badges", json=body)


def rule_change(home: Home) -> dict:
    return {
        "code": "module_xp",
        "formula": "fact_xp",
        "params": {"multiplier_percent": 120},
        "effective_from": today().isoformat(),
        "region_id": home.region.region_id,
    }


@builds("GET /api/v1/admin/rules")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/rules", params={"region_id": home.region.region_id})


@builds("POST /api/v1/admin/rules")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/rules", json=rule_change(home))


@builds("POST /api/v1/admin/rules/preview")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/rules/preview", json=rule_change(home))


@builds("GET /api/v1/admin/levels")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/levels", params={"region_id": home.region.region_id})


@builds("PUT /api/v1/admin/levels")
async def _(home: Home, role: Role) -> Call:
    levels = [{"min_xp": 0, "name": "Tunas"}, {"min_xp": 100, "name": "Bintang Khatulistiwa"}]
    return Call("/api/v1/admin/levels", json={"levels": levels, "region_id": home.region.region_id})


def holiday(home: Home) -> dict:
    day = dt.date(2031, 1, 1) + dt.timedelta(days=next(serials))
    return {"day": day.isoformat(), "name": "Cuti Bersama", "region_id": home.region.region_id}


@builds("GET /api/v1/admin/holidays")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/holidays", params={"year": today().year, "region_id": home.region.region_id})


@builds("POST /api/v1/admin/holidays")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/holidays", json=holiday(home))


@builds("DELETE /api/v1/admin/holidays/{holiday_id:int}")
async def _(home: Home, role: Role) -> Call:
    made = await home.ok("POST", "/api/v1/admin/holidays", json=holiday(home))
    return Call(f"/api/v1/admin/holidays/{made['id']}")


# leaderboards and displays


@builds("GET /api/v1/leaderboards")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/leaderboards", params={"scope": "unit", "scope_id": home.region.head_unit, "period": "week"})


@builds("GET /api/v1/leaderboards/around-me")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/leaderboards/around-me", params={"scope": "unit", "period": "week"})


def home_display() -> dict:
    return {"scope": "unit", "name": f"Layar Bidang {next(serials)}", "period": "week"}


@builds("POST /api/v1/admin/displays")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/displays", json=home_display() | {"scope_id": home.region.head_unit})


@builds("POST /api/v1/admin/displays @home_agency")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/displays", json=home_display() | {"scope": "agency", "scope_id": home.region.agency_id})


@builds("DELETE /api/v1/admin/displays/{display_id:int}")
async def _(home: Home, role: Role) -> Call:
    body = home_display() | {"scope_id": home.region.head_unit}
    made = await home.ok("POST", "/api/v1/admin/displays", Role.MANAGER, json=body)  # the home unit's manager's
    return Call(f"/api/v1/admin/displays/{made['id']}")


@builds("GET /api/v1/displays/{token:str}/leaderboard")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/displays/{home.token_in_path(role)}/leaderboard")


@builds("GET /api/v1/displays/{token:str}/stream")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/displays/{home.token_in_path(role)}/stream", streamed=True)


@builds("GET /display/{token:str}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/display/{home.token_in_path(role)}")


# initiatives

INITIATIVES = "/api/v1/initiatives"
INITIATIVE_TEXT = {
    "title": "Antrean Daring Kominfo",
    "problem": "Warga mengantre berjam-jam untuk layanan tanpa kepastian jadwal.",
    "solution": "Pendaftaran antrean lewat WhatsApp dengan jadwal dan pengingat otomatis.",
    "category": "citizen_channel",
}
EVIDENCE = {
    "summary": "Antrean daring berjalan sejak Oktober.",
    "metrics": {"antrean_menit_sebelum": 180, "sesudah": 20},
    "links": ["https://antrean.example.go.id"],
}
STEPS = {  # the move that reaches each state, and who makes it
    "submitted": ("submit", "team", {}),
    "approved": ("review", Role.ADMIN, {"decision": "approve", "comment": "Lanjutkan"}),
    "implemented": ("implementation", "team", EVIDENCE),
}


async def initiative(home: Home, status: str, by: Role = Role.ASN, unit: int | None = None) -> int:
    """An initiative (of the home unit unless ``unit`` says otherwise) with ``by`` as its only team member,
    moved on to ``status``."""
    body = INITIATIVE_TEXT | {"unit_id": unit or home.region.head_unit, "team": []}
    initiative_id = (await home.ok("POST", INITIATIVES, by, json=body))["id"]
    states = ["draft", *STEPS]
    for state in states[1 : states.index(status) + 1]:
        move, who, step = STEPS[state]
        await home.ok("POST", f"{INITIATIVES}/{initiative_id}/{move}", by if who == "team" else who, json=step)
    return initiative_id


@builds("POST /api/v1/initiatives")
async def _(home: Home, role: Role) -> Call:
    return Call(INITIATIVES, json=INITIATIVE_TEXT | {"unit_id": home.region.head_unit, "team": []})


@builds("GET /api/v1/initiatives/{initiative_id:int}")
async def _(home: Home, role: Role) -> Call:
    initiative_id = await home.shared("submitted initiative", lambda: initiative(home, "submitted"))
    return Call(f"{INITIATIVES}/{initiative_id}")


@builds("PATCH /api/v1/initiatives/{initiative_id:int}")
async def _(home: Home, role: Role) -> Call:
    initiative_id = await home.shared("draft initiative", lambda: initiative(home, "draft"))
    return Call(f"{INITIATIVES}/{initiative_id}", json=INITIATIVE_TEXT | {"title": "Antrean Daring Kominfo 2.0"})


@builds("POST /api/v1/initiatives/{initiative_id:int}/submit")
async def _(home: Home, role: Role) -> Call:
    return Call(f"{INITIATIVES}/{await initiative(home, 'draft')}/submit", json={})


@builds("POST /api/v1/initiatives/{initiative_id:int}/review")
async def _(home: Home, role: Role) -> Call:
    body = {"decision": "approve", "comment": "Lanjutkan"}
    return Call(f"{INITIATIVES}/{await initiative(home, 'submitted')}/review", json=body)


@builds("POST /api/v1/initiatives/{initiative_id:int}/implementation")
async def _(home: Home, role: Role) -> Call:
    return Call(f"{INITIATIVES}/{await initiative(home, 'approved')}/implementation", json=EVIDENCE)


@builds("POST /api/v1/initiatives/{initiative_id:int}/verify")
async def _(home: Home, role: Role) -> Call:
    body = {"decision": "verify", "impact": "unit", "comment": "Dampak nyata"}
    return Call(f"{INITIATIVES}/{await initiative(home, 'implemented')}/verify", json=body)


@builds("POST /api/v1/initiatives/{initiative_id:int}/replications")
async def _(home: Home, role: Role) -> Call:
    """Another unit's initiative in the showcase, taken up by a home unit (the one below the head unit)."""
    p = home.region
    initiative_id = await initiative(home, "implemented", by=Role.ASN_OTHER_UNIT, unit=p.other_unit)
    return Call(f"{INITIATIVES}/{initiative_id}/replications", json={"unit_id": p.child_unit, "note": "Dipakai juga"})


# rewards and the manager's desk


async def home_reward(home: Home) -> dict:
    body = {"name": "Piagam Penghargaan Digital", "kind": "certificate", "cost": 10, "region_id": home.region.region_id}
    return await home.ok("POST", "/api/v1/admin/rewards", json=body)


async def give_points(home: Home, *roles: Role) -> None:
    for role in roles:
        await award(home.people[role], 1000, dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1))


async def home_redemption(home: Home) -> int:
    """A new pending redemption of the home ASN."""
    await home.shared("the home ASN's points", lambda: give_points(home, Role.ASN))
    reward = await home.shared("reward", lambda: home_reward(home))
    body = {"client_id": f"hp-tukar-{next(serials):06d}"}
    return (await home.ok("POST", f"/api/v1/rewards/{reward['id']}/redemptions", Role.ASN, json=body))["id"]


@builds("POST /api/v1/admin/rewards")
async def _(home: Home, role: Role) -> Call:
    body = {"name": "Kursi Pelatihan Analitik Data", "kind": "training_seat", "cost": 50, "stock": 5}
    return Call("/api/v1/admin/rewards", json=body | {"region_id": home.region.region_id})


@builds("POST /api/v1/rewards/{reward_id:int}/redemptions")
async def _(home: Home, role: Role) -> Call:
    reward = await home.shared("reward", lambda: home_reward(home))
    learners = [r for r in home.people if r not in (Role.PARTNER, Role.SUPERADMIN)]
    await home.shared("everyone's points", lambda: give_points(home, *learners))
    return Call(f"/api/v1/rewards/{reward['id']}/redemptions", json={"client_id": f"hp-tukar-{next(serials):06d}"})


@builds("POST /api/v1/redemptions/{redemption_id:int}/decision")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/redemptions/{await home_redemption(home)}/decision", json={"decision": "approve"})


@builds("POST /api/v1/redemptions/{redemption_id:int}/cancel")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/redemptions/{await home_redemption(home)}/cancel")


@builds("POST /api/v1/manager/decisions")
async def _(home: Home, role: Role) -> Call:
    item = {"kind": "redemption", "id": await home_redemption(home), "decision": "approve"}
    return Call("/api/v1/manager/decisions", json={"items": [item]}, outcome=first_item_outcome)


@builds("GET /api/v1/manager/units @home_region")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/manager/units", params={"region_id": home.region.region_id})


@builds("GET /api/v1/manager/units.csv @home_region")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/manager/units.csv", params={"region_id": home.region.region_id})


# certificates

CERTIFICATES = "/api/v1/certificates"
PDF = b"%PDF-1.4\n%%EOF\n"


def certificate_body() -> dict:
    return {
        "issuer": "BPSDM Provinsi Kalimantan Barat",
        "number": f"MATRIKS/{next(serials):05d}",
        "title": "Pelatihan Analisis Data",
        "completed_on": dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date().isoformat(),
        "jp_claimed": 8,
        "competency_type": "teknis",
    }


async def home_certificate(home: Home, status: str = "submitted") -> int:
    """A record of the home ASN with its evidence, submitted (or returned by the home unit's manager)."""
    made = await home.ok("POST", CERTIFICATES, Role.ASN, json=certificate_body())
    files = {"file": ("sertifikat.pdf", PDF, "application/pdf")}
    await home.ok("PUT", f"{CERTIFICATES}/{made['id']}/evidence", Role.ASN, files=files)
    if status == "returned":
        await home.ok("POST", f"{CERTIFICATES}/{made['id']}/return", Role.MANAGER, json={"reason": "Kurang jelas"})
    return made["id"]


@builds("POST /api/v1/certificates")
async def _(home: Home, role: Role) -> Call:
    return Call(CERTIFICATES, json=certificate_body())


@builds("GET /api/v1/certificates/{certificate_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"{CERTIFICATES}/{await home.shared('certificate', lambda: home_certificate(home))}")


@builds("PUT /api/v1/certificates/{certificate_id:int}/evidence")
async def _(home: Home, role: Role) -> Call:
    certificate = await home.shared("certificate", lambda: home_certificate(home))
    files = {"file": ("sertifikat.pdf", PDF, "application/pdf")}
    return Call(f"{CERTIFICATES}/{certificate}/evidence", files=files)


@builds("GET /api/v1/certificates/{certificate_id:int}/evidence")
async def _(home: Home, role: Role) -> Call:
    return Call(f"{CERTIFICATES}/{await home.shared('certificate', lambda: home_certificate(home))}/evidence")


@builds("POST /api/v1/certificates/{certificate_id:int}/resubmit")
async def _(home: Home, role: Role) -> Call:
    body = certificate_body()
    return Call(f"{CERTIFICATES}/{await home_certificate(home, 'returned')}/resubmit", json=body)


@builds("POST /api/v1/certificates/{certificate_id:int}/verify")
async def _(home: Home, role: Role) -> Call:
    body = {"jp_granted": 6, "reason": "Dua JP tanpa bukti kehadiran"}
    return Call(f"{CERTIFICATES}/{await home_certificate(home)}/verify", json=body)


@builds("POST /api/v1/certificates/{certificate_id:int}/return")
async def _(home: Home, role: Role) -> Call:
    return Call(f"{CERTIFICATES}/{await home_certificate(home)}/return", json={"reason": "Halaman kedua kurang"})


@builds("POST /api/v1/admin/certificates/import")
async def _(home: Home, role: Role) -> Call:
    nip = (await Person.select(Person.nip).where(Person.id == home.region.asn).first())["nip"]
    body = certificate_body()
    csv = (
        "nip,title,issuer,number,completed_on,jp\n"
        f"{nip},{body['title']},{body['issuer']},{body['number']},{body['completed_on']},{body['jp_claimed']}\n"
    )
    files = {"file": ("lulusan.csv", csv.encode(), "text/csv")}
    return Call("/api/v1/admin/certificates/import", files=files, outcome=import_outcome)


# events


def event_body(home: Home, start: dt.datetime, **extra) -> dict:
    """A workshop of the home region, one session of two hours."""
    session = {"starts_at": start.isoformat(), "ends_at": (start + dt.timedelta(hours=2)).isoformat()}
    body = {"title": "Lokakarya Keamanan Siber", "kind": "workshop", "competency_type": "teknis", "jp": 4}
    return body | {"xp": 40, "sessions": [session], "region_id": home.region.region_id} | extra


async def home_event(home: Home, start: dt.datetime | None = None, publish: bool = True, **extra) -> dict:
    """Made by a superadmin (so that the region's admin is not its organiser), published unless asked."""
    start = start or dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    event = await home.ok("POST", "/api/v1/admin/events", Role.SUPERADMIN, json=event_body(home, start, **extra))
    if publish:
        event = await home.ok("POST", f"/api/v1/admin/events/{event['id']}/publish", Role.SUPERADMIN)
    return event


async def ongoing_event(home: Home) -> dict:
    """Its session began ten minutes ago and registration stays open until it ends."""
    start = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10)
    closes = (start + dt.timedelta(hours=2)).isoformat()
    return await home.shared("ongoing event", lambda: home_event(home, start, registration_closes_at=closes))


async def enrolled(home: Home, event: dict, role: Role) -> None:
    """The caller registered, written directly: the registration window may be over."""
    if role in home.people and not await EventRegistration.exists().where(
        (EventRegistration.event == event["id"]) & (EventRegistration.person == home.people[role])
    ):
        await EventRegistration.insert(
            EventRegistration(event=event["id"], person=home.people[role], status="registered")
        )


@builds("POST /api/v1/admin/events")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/events", json=event_body(home, dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)))


@builds("GET /api/v1/admin/events/{event_id:int}")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/admin/events/{event['id']}")


@builds("POST /api/v1/admin/events/{event_id:int}/publish")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/events/{(await home_event(home, publish=False))['id']}/publish")


@builds("POST /api/v1/admin/events/{event_id:int}/cancel")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/events/{(await home_event(home))['id']}/cancel")


@builds("GET /api/v1/admin/events/{event_id:int}/sessions/{session_id:int}/code")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/admin/events/{event['id']}/sessions/{event['sessions'][0]['id']}/code")


@builds("POST /api/v1/admin/events/{event_id:int}/sessions/{session_id:int}/attendance")
async def _(home: Home, role: Role) -> Call:
    event = await ongoing_event(home)
    nip = (await Person.select(Person.nip).where(Person.id == home.people[Role.ASN]).first())["nip"]
    path = f"/api/v1/admin/events/{event['id']}/sessions/{event['sessions'][0]['id']}/attendance"
    return Call(path, json={"nips": [nip]})


@builds("GET /api/v1/admin/events/{event_id:int}/registrations")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/admin/events/{event['id']}/registrations")


@builds("GET /api/v1/admin/events/{event_id:int}/feedback")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/admin/events/{event['id']}/feedback")


@builds("GET /api/v1/events/{event_id:int}")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/events/{event['id']}")


@builds("POST /api/v1/events/{event_id:int}/registration")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/events/{event['id']}/registration")


@builds("DELETE /api/v1/events/{event_id:int}/registration")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    await enrolled(home, event, role)
    return Call(f"/api/v1/events/{event['id']}/registration")


@builds("POST /api/v1/events/{event_id:int}/nominations")
async def _(home: Home, role: Role) -> Call:
    event = await home.shared("event", lambda: home_event(home))
    return Call(f"/api/v1/events/{event['id']}/nominations", json={"person_id": home.people[Role.ASN]})


@builds("POST /api/v1/events/{event_id:int}/feedback")
async def _(home: Home, role: Role) -> Call:
    """An event that ended yesterday, the caller registered."""
    yesterday = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    event = await home.shared("past event", lambda: home_event(home, yesterday))
    await enrolled(home, event, role)
    return Call(f"/api/v1/events/{event['id']}/feedback", json={"rating": 5, "comment": "Bermanfaat"})


@builds("POST /api/v1/events/checkins")
async def _(home: Home, role: Role) -> Call:
    """The code the ongoing session shows now, the caller registered."""
    event = await ongoing_event(home)
    await enrolled(home, event, role)
    session, moment = event["sessions"][0]["id"], dt.datetime.now(dt.timezone.utc)
    code = checkin_code(checkin_key(home.settings.jwt_secret), session, time_step(moment))
    body = {
        "session_id": session,
        "code": code,
        "scanned_at": moment.isoformat(),
        "client_id": f"hp-hadir-{next(serials):06d}",
    }
    return Call("/api/v1/events/checkins", json=body)


# --- the tests --------------------------------------------------------------------------------------------------------


# partners and xAPI ----------------------------------------------------------------------------------------------------


async def home_org(home: Home) -> int:
    """A fresh organisation admitted by the home region alone, with the home partner as one of its people."""
    rows = await PartnerOrganisation.insert(
        PartnerOrganisation(name=f"Universitas {next(serials)}", kind="university")
    ).returning(PartnerOrganisation.id)
    org_id = rows[0]["id"]
    await PartnerRegion.insert(PartnerRegion(org=org_id, region=home.region.region_id, admitted_by=home.region.admin))
    await Person.update({Person.partner_org: org_id}).where(Person.id == home.people[Role.PARTNER])
    return org_id


async def home_activity(org_id: int) -> int:
    rows = await XapiActivity.insert(
        XapiActivity(
            org=org_id,
            iri=f"https://lms.test/{next(serials)}",
            title="Kursus",
            competency_type="teknis",
            jp_centi=100,
            xp=10,
        )
    ).returning(XapiActivity.id)
    return rows[0]["id"]


ORG_BODY = {"name": "Universitas Terbuka", "kind": "university"}
ACTIVITY_BODY = {"title": "Kursus Data", "competency_type": "teknis", "jp": 1, "xp": 10}


@builds("POST /api/v1/partners")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/partners", json=ORG_BODY)


@builds("GET /api/v1/partners/{org_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/partners/{await home_org(home)}")


@builds("PATCH /api/v1/partners/{org_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/partners/{await home_org(home)}", json=ORG_BODY | {"active": True})


@builds("PUT /api/v1/partners/{org_id:int}/people/{person_id:int}")
async def _(home: Home, role: Role) -> Call:
    person = await add_person("Dosen", None, None, "partner", email=f"dosen{next(serials)}@kampus.test")
    return Call(f"/api/v1/partners/{await home_org(home)}/people/{person}")


@builds("DELETE /api/v1/partners/{org_id:int}/people/{person_id:int}")
async def _(home: Home, role: Role) -> Call:
    org_id = await home_org(home)
    person = await add_person("Dosen", None, None, "partner", email=f"dosen{next(serials)}@kampus.test")
    await Person.update({Person.partner_org: org_id}).where(Person.id == person)
    return Call(f"/api/v1/partners/{org_id}/people/{person}")


@builds("POST /api/v1/partners/{org_id:int}/credentials")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/partners/{await home_org(home)}/credentials", json={"label": "LMS"})


@builds("GET /api/v1/partners/{org_id:int}/credentials")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/partners/{await home_org(home)}/credentials")


@builds("DELETE /api/v1/partners/{org_id:int}/credentials/{key_id:str}")
async def _(home: Home, role: Role) -> Call:
    org_id, key_id = await home_org(home), f"tkx_{next(serials):016d}"
    await PartnerCredential.insert(PartnerCredential(org=org_id, key_id=key_id, secret_hmac="0" * 64))
    return Call(f"/api/v1/partners/{org_id}/credentials/{key_id}")


@builds("POST /api/v1/partners/{org_id:int}/xapi/activities")
async def _(home: Home, role: Role) -> Call:
    body = ACTIVITY_BODY | {"iri": f"https://lms.test/{next(serials)}"}
    return Call(f"/api/v1/partners/{await home_org(home)}/xapi/activities", json=body)


@builds("GET /api/v1/partners/{org_id:int}/xapi/activities")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/partners/{await home_org(home)}/xapi/activities")


@builds("PATCH /api/v1/partners/{org_id:int}/xapi/activities/{activity_id:int}")
async def _(home: Home, role: Role) -> Call:
    org_id = await home_org(home)
    return Call(f"/api/v1/partners/{org_id}/xapi/activities/{await home_activity(org_id)}", json=ACTIVITY_BODY)


@builds("DELETE /api/v1/partners/{org_id:int}/xapi/activities/{activity_id:int}")
async def _(home: Home, role: Role) -> Call:
    org_id = await home_org(home)
    return Call(f"/api/v1/partners/{org_id}/xapi/activities/{await home_activity(org_id)}")


@builds("GET /api/v1/partners/{org_id:int}/xapi/unmatched")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/partners/{await home_org(home)}/xapi/unmatched")


@builds("GET /api/v1/admin/regions/{region_id:int}/partner-orgs")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/partner-orgs")


@builds("PUT /api/v1/admin/regions/{region_id:int}/partner-orgs/{org_id:int}")
async def _(home: Home, role: Role) -> Call:
    rows = await PartnerOrganisation.insert(PartnerOrganisation(name="Vendor", kind="vendor")).returning(
        PartnerOrganisation.id
    )
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/partner-orgs/{rows[0]['id']}")


@builds("DELETE /api/v1/admin/regions/{region_id:int}/partner-orgs/{org_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/partner-orgs/{await home_org(home)}")


@builds("PUT /xapi/statements")
async def _(home: Home, role: Role) -> Call:
    return Call("/xapi/statements", params={"statementId": "0b3a3a3e-7b0c-4b5e-9d0e-2f1e6c1a0a01"}, json={})


# satisfaction

UNIT_SERVICE = {"kind": "unit_service", "element": "U7", "min": 3.5, "period": "quarter", "min_answers": 1}


async def home_service_point(home: Home) -> int:
    return await home.shared("service_point", lambda: add_service_point(home.region.head_unit, yearly_users=120))


def ikm_call(path: str, scope: str, scope_id: int) -> Call:
    return Call(path, params={"scope": scope, "scope_id": scope_id, "period": "quarter", "at": "2026-Q4"})


@builds("GET /api/v1/ikm")
async def _(home: Home, role: Role) -> Call:
    return ikm_call("/api/v1/ikm", "unit", home.region.head_unit)


@builds("GET /api/v1/ikm.csv")
async def _(home: Home, role: Role) -> Call:
    return ikm_call("/api/v1/ikm.csv", "unit", home.region.head_unit)


@builds("GET /api/v1/ikm @home_service")
async def _(home: Home, role: Role) -> Call:
    return ikm_call("/api/v1/ikm", "service", await home_service_point(home))


@builds("GET /api/v1/ikm @home_agency")
async def _(home: Home, role: Role) -> Call:
    return ikm_call("/api/v1/ikm", "agency", home.region.agency_id)


@builds("GET /api/v1/ikm @home_region")
async def _(home: Home, role: Role) -> Call:
    return ikm_call("/api/v1/ikm", "region", home.region.region_id)


@builds("GET /api/v1/ikm.csv @home_region")
async def _(home: Home, role: Role) -> Call:
    return ikm_call("/api/v1/ikm.csv", "region", home.region.region_id)


@builds("GET /api/v1/units/{unit_id:int}/badges")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/units/{home.region.head_unit}/badges")


@builds("POST /api/v1/admin/unit-badges/preview")
async def _(home: Home, role: Role) -> Call:
    async def make() -> str:
        body = {"code": "layanan-teladan", "name": "Layanan Teladan", "criteria": UNIT_SERVICE}
        await home.ok("POST", "/api/v1/admin/badges", json=body)
        return body["code"]

    return Call("/api/v1/admin/unit-badges/preview", json={"code": await home.shared("unit_badge", make)})


@builds("POST /api/v1/admin/unit-badges/preview @home_region")
async def _(home: Home, role: Role) -> Call:
    body = {"criteria": UNIT_SERVICE, "region_id": home.region.region_id, "at": "2026-Q4"}
    return Call("/api/v1/admin/unit-badges/preview", json=body)


@builds("PATCH /api/v1/admin/displays/{display_id:int}")
async def _(home: Home, role: Role) -> Call:
    body = home_display() | {"scope_id": home.region.head_unit}
    made = await home.ok("POST", "/api/v1/admin/displays", Role.MANAGER, json=body)  # the home unit's manager's
    return Call(f"/api/v1/admin/displays/{made['id']}", json={"show_ikm": True})


# moderation and praise


async def home_comment(home: Home, served_by: int) -> int:
    """A citizen's praise of ``served_by`` on a service of the home unit, waiting for moderation."""
    p = home.region
    point = await home.shared("service_point", lambda: add_service_point(p.head_unit, yearly_users=120))
    return await add_answer(point, p.region_id, p.head_unit, served_by=served_by)


@builds("POST /api/v1/survey-comments/{answer_id:int}/decision")
async def _(home: Home, role: Role) -> Call:
    answer_id = await home_comment(home, home.region.asn)
    return Call(f"/api/v1/survey-comments/{answer_id}/decision", json={"decision": "release"})


@builds("POST /api/v1/survey-comments/{answer_id:int}/decision @naming_the_home_manager")
async def _(home: Home, role: Role) -> Call:
    answer_id = await home_comment(home, home.region.manager)
    return Call(f"/api/v1/survey-comments/{answer_id}/decision", json={"decision": "release"})


# service points and surveys


async def home_point(home: Home) -> dict:
    """A new service point of the home unit, made by the region's admin."""
    body = {"unit_id": home.region.head_unit, "name": f"Perekaman KTP-el {next(serials)}"}
    return await home.ok("POST", "/api/v1/service-points", json=body)


async def point_id(home: Home) -> int:
    return (await home.shared("service point", lambda: home_point(home)))["id"]


@builds("POST /api/v1/service-points")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/service-points", json={"unit_id": home.region.head_unit, "name": "Legalisir Dokumen"})


@builds("GET /api/v1/service-points/{point_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/service-points/{await point_id(home)}")


@builds("PATCH /api/v1/service-points/{point_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/service-points/{await point_id(home)}", json={"description": "Loket 2"})


@builds("POST /api/v1/service-points/{point_id:int}/link")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/service-points/{(await home_point(home))['id']}/link")


@builds("GET /api/v1/service-points/{point_id:int}/site-code")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/service-points/{await point_id(home)}/site-code")


@builds("GET /api/v1/service-points/{point_id:int}/qr.svg")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/service-points/{await point_id(home)}/qr.svg")


@builds("PUT /api/v1/me/citizen-naming")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/me/citizen-naming", json={"opt_in": True})


SURVEY_SCORES = {f"u{n}": 4 for n in range(1, 10)}


@builds("GET /api/v1/public/services/{public_key:str}")
async def _(home: Home, role: Role) -> Call:
    point = await home.shared("service point", lambda: home_point(home))
    return Call(f"/api/v1/public/services/{point['public_key']}")


@builds("POST /api/v1/public/services/{public_key:str}/answers")
async def _(home: Home, role: Role) -> Call:
    key = (await home_point(home))["public_key"]
    form = await home.ok(
        "GET", f"/api/v1/public/services/{key}", Role.ANONYMOUS
    )  # the device cookie, kept by the client
    return Call(f"/api/v1/public/services/{key}/answers", json={"form_token": form["form_token"]} | SURVEY_SCORES)


@builds("GET /layanan/{public_key:str}")
async def _(home: Home, role: Role) -> Call:
    point = await home.shared("service point", lambda: home_point(home))
    return Call(f"/layanan/{point['public_key']}")


@builds("POST /layanan/{public_key:str}")
async def _(home: Home, role: Role) -> Call:
    key = (await home_point(home))["public_key"]
    form = await home.ok("GET", f"/api/v1/public/services/{key}", Role.ANONYMOUS)
    fields = {"form_token": form["form_token"]} | {name: str(score) for name, score in SURVEY_SCORES.items()}
    return Call(f"/layanan/{key}", data=fields)


def route_of(row: str) -> str:
    """``METHOD path`` of a row, without the name of what else it reaches for."""
    return " ".join(row.split(" ")[:2])


def test_every_route_of_the_app_has_a_row_and_every_row_a_route(settings):
    served = app_routes(create_app(settings))
    rows = {route_of(row) for row in ROUTES}
    missing = sorted(served - rows)
    stale = sorted(rows - served)
    assert not missing, (
        f"Routes without a row in the authorization matrix: {missing}. Add each to POLICY in {Path(__file__).name} "
        "(and its request with @builds unless it is a GET/POST without path parameters or body)."
    )
    assert not stale, f"Rows of the authorization matrix for routes the app does not serve: {stale}"
    assert set(BUILDERS) <= set(ROUTES), f"@builds for routes without a row: {sorted(set(BUILDERS) - set(ROUTES))}"
    assert all(len(cells) == 1 + len(Role) for cells in ROUTES.values()), (
        "a row needs its success status and a cell per role"
    )


@pytest.mark.matrix
@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_each_caller_gets_what_the_policy_says(route, client, app, settings, world):
    home = await build_home(client, app, settings, world)
    method, path = route_of(route).split(" ")
    success, *cells = ROUTES[route]
    wrong = []
    for role, cell in zip(Role, cells, strict=True):
        expected = success if cell is OK else cell
        call = await request_for(route, home, role)
        assert route_pattern(path).match(call.path), f"{route}: the request for {role} went to {call.path}"
        got = await home.send(method, call, role)
        if (problem := mismatch(route, expected, got)) is not None:
            wrong.append(f"  {role:<22} expected {expected}, got {got} ({problem})")
    assert not wrong, f"{route}:\n" + "\n".join(wrong)


def mismatch(route: str, expected: int, got: Outcome) -> str | None:
    """Why the cell does not hold; None when it does."""
    if got.status != expected:
        return "another status"
    if expected < 400:
        return None
    if route in HTML_ROUTES and got.code is None:
        return None
    if got.code not in AUTHORIZATION_CODES.get(expected, set()):
        return f"the right status, but {got.code!r} is not an authorization code"
    return None


# complaints


async def home_complaint_service_point(home: Home) -> str:
    """The public key of a service point of the home unit."""
    return await home.shared(
        "complaint service point", lambda: add_complaint_service_point(home.region.region_id, home.region.head_unit)
    )


async def home_complaint(home: Home, answered: bool = False) -> tuple[int, str]:
    """A fresh complaint on the home unit's service point, filed by a citizen (answered by the admin): id, code."""
    key = await home_complaint_service_point(home)
    body = {"body": COMPLAINT_BODY}
    code = (await home.ok("POST", f"/api/v1/public/services/{key}/complaints", Role.ANONYMOUS, json=body))[
        "tracking_code"
    ]
    listed = await home.ok("GET", "/api/v1/complaints", params={"limit": 100})
    complaint_id = next(item["id"] for item in listed["items"] if item["tracking_code"] == code)
    if answered:
        await home.ok("POST", f"/api/v1/complaints/{complaint_id}/answer", json={"answer": "Sudah ditangani."})
    return complaint_id, code


@builds("POST /api/v1/public/services/{public_key:str}/complaints")
async def _(home: Home, role: Role) -> Call:
    return Call(
        f"/api/v1/public/services/{await home_complaint_service_point(home)}/complaints", json={"body": COMPLAINT_BODY}
    )


@builds("GET /api/v1/public/complaints/{code:str}")
async def _(home: Home, role: Role) -> Call:
    _, code = await home.shared("complaint", lambda: home_complaint(home))
    return Call(f"/api/v1/public/complaints/{code}")


@builds("GET /layanan/{public_key:str}/pengaduan")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/layanan/{await home_complaint_service_point(home)}/pengaduan")


@builds("POST /layanan/{public_key:str}/pengaduan")
async def _(home: Home, role: Role) -> Call:
    form = {
        "isi": (None, "Loket tutup sebelum jam pelayanan berakhir."),
        "client_id": (None, f"matrix-{next(serials)}"),
    }
    return Call(f"/layanan/{await home_complaint_service_point(home)}/pengaduan", files=form)


@builds("GET /pengaduan/{code:str}")
async def _(home: Home, role: Role) -> Call:
    _, code = await home.shared("complaint", lambda: home_complaint(home))
    return Call(f"/pengaduan/{code}")


@builds("GET /api/v1/complaints/{complaint_id:int}")
async def _(home: Home, role: Role) -> Call:
    complaint_id, _ = await home.shared("complaint", lambda: home_complaint(home))
    return Call(f"/api/v1/complaints/{complaint_id}")


@builds("POST /api/v1/complaints/{complaint_id:int}/progress")
async def _(home: Home, role: Role) -> Call:
    complaint_id, _ = await home_complaint(home)
    return Call(f"/api/v1/complaints/{complaint_id}/progress", json={"note": "Dicek"})


@builds("POST /api/v1/complaints/{complaint_id:int}/answer")
async def _(home: Home, role: Role) -> Call:
    complaint_id, _ = await home_complaint(home)
    return Call(f"/api/v1/complaints/{complaint_id}/answer", json={"answer": "Sudah kami tindak lanjuti."})


@builds("POST /api/v1/complaints/{complaint_id:int}/close")
async def _(home: Home, role: Role) -> Call:
    complaint_id, _ = await home_complaint(home, answered=True)
    return Call(f"/api/v1/complaints/{complaint_id}/close", json={})


@builds("POST /api/v1/complaints/{complaint_id:int}/initiative")
async def _(home: Home, role: Role) -> Call:
    complaint_id, _ = await home_complaint(home)
    initiative_id = await home.shared("draft initiative", lambda: initiative(home, "draft"))
    return Call(f"/api/v1/complaints/{complaint_id}/initiative", json={"initiative_id": initiative_id})


@builds("DELETE /api/v1/complaints/{complaint_id:int}/initiative")
async def _(home: Home, role: Role) -> Call:
    complaint_id, _ = await home_complaint(home)
    return Call(f"/api/v1/complaints/{complaint_id}/initiative")


# initiatives: evidence files, a partial edit, a manager's own initiative

INITIATIVE_PDF = {"file": ("bukti.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}


async def initiative_with_evidence(home: Home, status: str = "draft") -> tuple[int, int]:
    """A home initiative of the home ASN's with one evidence file, moved on to ``status`` (draft or implemented)."""
    initiative_id = await initiative(home, "approved" if status == "implemented" else status)
    added = await home.ok("POST", f"{INITIATIVES}/{initiative_id}/evidence", Role.ASN, files=INITIATIVE_PDF)
    if status == "implemented":
        await home.ok("POST", f"{INITIATIVES}/{initiative_id}/implementation", Role.ASN, json=EVIDENCE)
    return initiative_id, added["id"]


@builds("POST /api/v1/initiatives/{initiative_id:int}/evidence")
async def _(home: Home, role: Role) -> Call:
    initiative_id = await home.shared("draft initiative", lambda: initiative(home, "draft"))
    return Call(f"{INITIATIVES}/{initiative_id}/evidence", files=INITIATIVE_PDF)


@builds("GET /api/v1/initiatives/{initiative_id:int}/evidence")
async def _(home: Home, role: Role) -> Call:
    initiative_id, _ = await home.shared("initiative with evidence", lambda: initiative_with_evidence(home))
    return Call(f"{INITIATIVES}/{initiative_id}/evidence")


@builds("GET /api/v1/initiatives/{initiative_id:int}/evidence/{evidence_id:int}")
async def _(home: Home, role: Role) -> Call:
    initiative_id, evidence_id = await home.shared("initiative with evidence", lambda: initiative_with_evidence(home))
    return Call(f"{INITIATIVES}/{initiative_id}/evidence/{evidence_id}")


@builds("GET /api/v1/initiatives/{initiative_id:int}/evidence/{evidence_id:int} @in_the_showcase")
async def _(home: Home, role: Role) -> Call:
    made = await home.shared("showcase evidence", lambda: initiative_with_evidence(home, "implemented"))
    return Call(f"{INITIATIVES}/{made[0]}/evidence/{made[1]}")


@builds("DELETE /api/v1/initiatives/{initiative_id:int}/evidence/{evidence_id:int}")
async def _(home: Home, role: Role) -> Call:
    initiative_id, evidence_id = await initiative_with_evidence(home)
    return Call(f"{INITIATIVES}/{initiative_id}/evidence/{evidence_id}")


@builds("PATCH /api/v1/initiatives/{initiative_id:int} @only_the_title")
async def _(home: Home, role: Role) -> Call:
    initiative_id = await home.shared("draft initiative", lambda: initiative(home, "draft"))
    return Call(f"{INITIATIVES}/{initiative_id}", json={"title": "Antrean Daring Kominfo 3.0"})


@builds("POST /api/v1/initiatives/{initiative_id:int}/review @drafted_by_the_home_manager")
async def _(home: Home, role: Role) -> Call:
    """Self-approval through a second role: the home unit's manager drafted it (alone on its team)."""
    body = {"decision": "approve", "comment": "Lanjutkan"}
    return Call(f"{INITIATIVES}/{await initiative(home, 'submitted', by=Role.MANAGER)}/review", json=body)


# BKPSDM admin (issue 19)
@builds("GET /api/v1/admin/users/export.csv")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/users/export.csv", params={"region_id": home.region.region_id})


@builds("GET /api/v1/admin/rewards")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/rewards", params={"region_id": home.region.region_id})


@builds("PATCH /api/v1/admin/rewards/{reward_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/rewards/{(await home_reward(home))['id']}", json={"cost": 12, "stock": 3})


@builds("POST /api/v1/admin/rewards/{reward_id:int}/retire")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/rewards/{(await home_reward(home))['id']}/retire")


@builds("GET /api/v1/admin/badges")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/admin/badges", params={"region_id": home.region.region_id})


async def home_badge(home: Home) -> int:
    code = f"lencana-uji-{next(serials)}"
    body = {"code": code, "name": "Pembelajar", "criteria": {"kind": "completions", "count": 2}}
    await home.ok("POST", "/api/v1/admin/badges", json=body | {"region_id": home.region.region_id})
    return (await Badge.select(Badge.id).where(Badge.code == code).first())["id"]


@builds("PATCH /api/v1/admin/badges/{badge_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/badges/{await home_badge(home)}", json={"name": "Pembelajar Tekun"})


@builds("POST /api/v1/admin/badges/{badge_id:int}/retire")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/badges/{await home_badge(home)}/retire")


@builds("POST /api/v1/redemptions/{redemption_id:int}/handed-out")
async def _(home: Home, role: Role) -> Call:
    redemption_id = await home_redemption(home)
    await home.ok("POST", f"/api/v1/redemptions/{redemption_id}/decision", json={"decision": "approve"})
    return Call(f"/api/v1/redemptions/{redemption_id}/handed-out")


# PATCH /me and push devices


@builds("PATCH /api/v1/me")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/me", json={"push_enabled": False})


@builds("POST /api/v1/me/devices")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/me/devices", json={"token": f"fcm-token-{next(serials)}", "platform": "android"})


async def device_of(home: Home, role: Role) -> int:
    made = await home.ok(
        "POST", "/api/v1/me/devices", role, json={"token": f"fcm-token-{next(serials)}", "platform": "android"}
    )
    return made["id"]


@builds("DELETE /api/v1/me/devices/{device_id:int}")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/me/devices/{await device_of(home, role if role in home.people else Role.ASN)}")


@builds("DELETE /api/v1/me/devices/{device_id:int} @home_asn_device")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/me/devices/{await device_of(home, Role.ASN)}")


# credentials


async def home_award(home: Home) -> int:
    """A badge the home ASN holds."""

    async def make() -> int:
        badge_id = await home_badge(home)
        row = await PersonBadge.insert(
            PersonBadge(person=home.people[Role.ASN], badge=badge_id, period_key="", reason={"count": 2})
        ).returning(PersonBadge.id)
        return row[0]["id"]

    return await home.shared("home_award", make)


@builds("POST /api/v1/me/badges/{award_id:int}/credential")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/me/badges/{await home_award(home)}/credential")


@builds("GET /issuers/{region_slug:str}")
async def _(home: Home, role: Role) -> Call:
    return Call("/issuers/pontianak")


@builds("GET /issuers/{region_slug:str}/status/revocation")
async def _(home: Home, role: Role) -> Call:
    return Call("/issuers/pontianak/status/revocation")


async def home_credential(home: Home) -> dict:
    """A credential the home ASN holds."""

    async def make() -> dict:
        return await home.ok("POST", f"/api/v1/me/badges/{await home_award(home)}/credential", Role.ASN)

    return await home.shared("home_credential", make)


@builds("POST /api/v1/credentials/verify")
async def _(home: Home, role: Role) -> Call:
    return Call("/api/v1/credentials/verify", json={"credential": (await home_credential(home))["jwt"]})


@builds("POST /api/v1/me/credentials/{credential_id:int}/share")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/me/credentials/{(await home_credential(home))['id']}/share")


@builds("DELETE /api/v1/me/credentials/{credential_id:int}/share")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/me/credentials/{(await home_credential(home))['id']}/share")


@builds("GET /api/v1/public/credentials/{token:str}")
async def _(home: Home, role: Role) -> Call:
    credential_id = (await home_credential(home))["id"]
    link = await home.ok("POST", f"/api/v1/me/credentials/{credential_id}/share", Role.ASN)
    return Call("/api/v1/public/credentials/" + link["url"].rsplit("/", 1)[1])


@builds("POST /api/v1/admin/regions/{region_id:int}/issuer-key/rotate")
async def _(home: Home, role: Role) -> Call:
    return Call(f"/api/v1/admin/regions/{home.region.region_id}/issuer-key/rotate")


# credentials: the DID document and the verification page


@builds("GET /issuers/{region_slug:str}/did.json")
async def _(home: Home, role: Role) -> Call:
    return Call("/issuers/pontianak/did.json")


@builds("POST /verifikasi")
async def _(home: Home, role: Role) -> Call:
    return Call("/verifikasi", files={"kredensial": (None, (await home_credential(home))["jwt"])})


@builds("GET /kredensial/{token:str}")
async def _(home: Home, role: Role) -> Call:
    credential_id = (await home_credential(home))["id"]
    link = await home.ok("POST", f"/api/v1/me/credentials/{credential_id}/share", Role.ASN)
    return Call("/kredensial/" + link["page_url"].rsplit("/", 1)[1])


# credentials: an admin's revocation and a person's credentials


@builds("POST /api/v1/admin/credentials/{credential_id:int}/revoke")
async def _(home: Home, role: Role) -> Call:
    credential_id = (await home_credential(home))["id"]
    return Call(f"/api/v1/admin/credentials/{credential_id}/revoke", json={"reason": "Diterbitkan karena kekeliruan"})


@builds("POST /api/v1/admin/credentials/{credential_id:int}/revoke @home_admin_credential")
async def _(home: Home, role: Role) -> Call:
    async def make() -> int:
        row = await PersonBadge.insert(
            PersonBadge(person=home.people[Role.ADMIN], badge=await home_badge(home), period_key="", reason={})
        ).returning(PersonBadge.id)
        issued = await home.ok("POST", f"/api/v1/me/badges/{row[0]['id']}/credential", Role.ADMIN)
        return issued["id"]

    credential_id = await home.shared("home_admin_credential", make)
    return Call(f"/api/v1/admin/credentials/{credential_id}/revoke", json={"reason": "Diterbitkan karena kekeliruan"})


@builds("GET /api/v1/admin/users/{user_id:int}/credentials")
async def _(home: Home, role: Role) -> Call:
    await home_credential(home)
    return Call(f"/api/v1/admin/users/{home.people[Role.ASN]}/credentials")


# credentials: verified certificates and completed events; a verification withdrawn


async def verified_home_certificate(home: Home) -> int:
    """A record of the home ASN verified by the home unit's manager."""
    certificate = await home_certificate(home)
    await home.ok("POST", f"{CERTIFICATES}/{certificate}/verify", Role.MANAGER, json={"jp_granted": 8})
    return certificate


@builds("POST /api/v1/me/certificates/{certificate_id:int}/credential")
async def _(home: Home, role: Role) -> Call:
    certificate = await home.shared("verified certificate", lambda: verified_home_certificate(home))
    return Call(f"/api/v1/me/certificates/{certificate}/credential")


@builds("POST /api/v1/me/events/{event_id:int}/credential")
async def _(home: Home, role: Role) -> Call:
    async def completed() -> int:
        """An event of the home region the home ASN completed (its credit written directly)."""
        event = await home_event(home)
        now = dt.datetime.now(dt.timezone.utc)
        await EventRegistration.insert(
            EventRegistration(event=event["id"], person=home.people[Role.ASN], status="registered", credited_at=now)
        )
        return event["id"]

    return Call(f"/api/v1/me/events/{await home.shared('completed event', completed)}/credential")


@builds("POST /api/v1/certificates/{certificate_id:int}/withdraw")
async def _(home: Home, role: Role) -> Call:
    reason = {"reason": "Nomor sertifikat tidak terdaftar"}
    return Call(f"{CERTIFICATES}/{await verified_home_certificate(home)}/withdraw", json=reason)
