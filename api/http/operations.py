"""Every operation of the API document named for the clients generated from it, in one table.

``(METHOD, path) → Operation``: a stable ``operationId`` (a camelCase verb: the method name in a generated
Dart, Kotlin or Python client, so never renamed once published), a one-line summary, and a description
of what it answers and who may call it, with the main problem codes it answers (each a key of
``api.http.messages.MESSAGES``; every operation may also answer ``validation_failed``, and a signed-in one
``not_authenticated``). The handler's docstring is what the code does; this text is what a client
developer reads, in English like every generated client's docs. ``finish_document`` applies it;
tests/http/test_operation_names.py fails naming any route without an entry. A new route adds its entry at
the end, under a comment naming the feature.
"""

from __future__ import annotations

from typing import NamedTuple


class Operation(NamedTuple):
    operation_id: str
    summary: str
    description: str
    problems: tuple[str, ...] = ()

    def full_description(self) -> str:
        if not self.problems:
            return self.description
        return f"{self.description}\n\nMain problems: {', '.join(f'`{code}`' for code in self.problems)}."


ANYONE = "No sign-in needed."
SIGNED_IN = "Any signed-in person."
ADMIN = "A region admin (their region) or a superadmin."
SUPERADMIN = "A superadmin."
AUTHOR = "A region admin, an admitted partner or a superadmin."
DECIDER = "A manager over the person's unit, or their region's admin; never the person themself."
MANAGER = "A manager (their units) or a region admin (their region)."
PARTNER_ORG = "The organisation's own partner people, or a superadmin."

OPERATIONS: dict[tuple[str, str], Operation] = {
    # probes and sign-in
    ("GET", "/health"): Operation("getHealth", "Check that the process answers", f"Liveness probe. {ANYONE}"),
    ("GET", "/ready"): Operation(
        "getReadiness",
        "Check that the database and Redis answer",
        f"Readiness probe: 200 when the database (and Redis, when configured) answers, 503 otherwise. {ANYONE}",
    ),
    ("POST", "/api/v1/auth/login"): Operation(
        "signIn",
        "Sign in with a NIP or email and a password",
        f"Answers a short-lived access token (JWT) and a rotating refresh token. {ANYONE}",
        ("login_failed", "login_throttled", "account_unavailable"),
    ),
    ("POST", "/api/v1/auth/logout"): Operation(
        "signOut",
        "End a session or every session",
        f"Revokes the given refresh token's session, or every session of the caller when none is sent. {SIGNED_IN}",
        ("refresh_token_invalid",),
    ),
    ("POST", "/api/v1/auth/refresh"): Operation(
        "refreshTokens",
        "Trade a refresh token for a new pair",
        f"Answers a new access and refresh token; a refresh token used twice ends its whole family. {ANYONE}",
        ("refresh_token_invalid", "refresh_token_reused", "account_unavailable"),
    ),
    # me
    ("GET", "/api/v1/me"): Operation(
        "getMe", "Get the signed-in person", f"The caller with roles, unit, agency and region. {SIGNED_IN}"
    ),
    ("GET", "/api/v1/me/badges"): Operation(
        "listMyBadges", "List the badges I earned", f"The caller's badges, each with why it was earned. {SIGNED_IN}"
    ),
    ("GET", "/api/v1/me/export"): Operation(
        "exportMyData",
        "Export everything held about me",
        f"Every record about the caller, table by table (UU PDP), without secrets. {SIGNED_IN}",
        ("rate_limited",),
    ),
    ("GET", "/api/v1/me/learning"): Operation(
        "getMyLearning",
        "Get my lesson hours this year",
        f"JP earned in the region's calendar year against the 20 JP target, and that year's completions. {SIGNED_IN}",
        ("year_out_of_range",),
    ),
    ("GET", "/api/v1/me/points"): Operation(
        "listMyPoints",
        "List my XP ledger entries",
        f"The caller's XP ledger, newest first, each entry naming its fact, rule and rule version. {SIGNED_IN}",
        ("cursor_invalid",),
    ),
    # organisation
    ("GET", "/api/v1/admin/regions"): Operation(
        "listRegions", "List the regions I administer", f"Regions (tenants) in the caller's reach. {ADMIN}"
    ),
    ("POST", "/api/v1/admin/regions"): Operation(
        "createRegion",
        "Create a region (tenant)",
        f"A new region with its slug and time zone. {SUPERADMIN}",
        ("superadmin_required", "slug_taken", "timezone_unknown"),
    ),
    ("GET", "/api/v1/admin/regions/{region_id}"): Operation(
        "getRegion", "Get one region", f"One region. {ADMIN}", ("region_not_found", "outside_region")
    ),
    ("PATCH", "/api/v1/admin/regions/{region_id}"): Operation(
        "updateRegion",
        "Rename a region or change its time zone",
        f"Changes the fields sent. {ADMIN}",
        ("region_not_found", "outside_region", "timezone_unknown"),
    ),
    ("GET", "/api/v1/admin/agencies"): Operation(
        "listAgencies", "List the agencies of my region", f"Agencies (OPD) in the caller's reach. {ADMIN}"
    ),
    ("POST", "/api/v1/admin/agencies"): Operation(
        "createAgency",
        "Create an agency in a region",
        f"A new agency (OPD). {ADMIN}",
        ("region_not_found", "outside_region", "agency_exists"),
    ),
    ("GET", "/api/v1/admin/agencies/{agency_id}"): Operation(
        "getAgency", "Get one agency", f"One agency (OPD). {ADMIN}", ("agency_not_found", "outside_region")
    ),
    ("PATCH", "/api/v1/admin/agencies/{agency_id}"): Operation(
        "updateAgency", "Rename an agency", f"Changes the fields sent. {ADMIN}", ("agency_not_found", "agency_exists")
    ),
    ("GET", "/api/v1/admin/units"): Operation(
        "listUnits", "List the units of my region", f"Units in the caller's reach, filterable by agency. {ADMIN}"
    ),
    ("POST", "/api/v1/admin/units"): Operation(
        "createUnit",
        "Create a unit in an agency",
        f"A new unit, optionally under a parent unit of the same agency. {ADMIN}",
        ("agency_not_found", "parent_unit_outside_agency"),
    ),
    ("GET", "/api/v1/admin/units/{unit_id}"): Operation(
        "getUnit", "Get one unit", f"One unit. {ADMIN}", ("unit_not_found", "outside_region")
    ),
    ("PATCH", "/api/v1/admin/units/{unit_id}"): Operation(
        "updateUnit",
        "Rename or move a unit",
        f"Changes the fields sent. {ADMIN}",
        ("unit_not_found", "parent_unit_outside_agency"),
    ),
    # people
    ("GET", "/api/v1/admin/users"): Operation(
        "listUsers",
        "List the people of my region",
        f"People filtered by unit, region and text, paged. {ADMIN}",
        ("cursor_invalid",),
    ),
    ("POST", "/api/v1/admin/users"): Operation(
        "createUser",
        "Create a person in a unit",
        f"A new person with a validated NIP, roles and a first password. {ADMIN}",
        ("nip_format", "nip_taken", "email_taken", "role_grant_forbidden", "unit_unknown"),
    ),
    ("GET", "/api/v1/admin/users/{user_id}"): Operation(
        "getUser", "Get one person", f"One person's record. {ADMIN}", ("user_not_found", "person_out_of_reach")
    ),
    ("PATCH", "/api/v1/admin/users/{user_id}"): Operation(
        "updateUser",
        "Change a person's record",
        f"Changes the fields sent; deactivating ends the person's sessions. {ADMIN}",
        ("user_not_found", "person_out_of_reach", "cannot_change_own_access", "role_grant_forbidden"),
    ),
    ("POST", "/api/v1/admin/users/{user_id}/deactivate"): Operation(
        "deactivateUser",
        "Deactivate a person",
        f"The person can no longer sign in; their history stays. {ADMIN}",
        ("user_not_found", "cannot_change_own_access"),
    ),
    ("POST", "/api/v1/admin/users/{user_id}/anonymise"): Operation(
        "anonymiseUser",
        "Erase a departed person's identity",
        f"Erases the name, NIP, email and sign-in of a deactivated person; points and history stay. {ADMIN}",
        ("user_not_found", "person_still_active", "person_anonymised"),
    ),
    ("POST", "/api/v1/admin/users/import"): Operation(
        "importUsers",
        "Import people from a CSV file",
        f"Creates the people of an uploaded CSV file, answering a report per row. {ADMIN}",
        ("csv_file_required", "csv_header", "csv_encoding", "csv_too_many_rows"),
    ),
    ("PUT", "/api/v1/admin/regions/{region_id}/partners/{partner_id}"): Operation(
        "admitPartner",
        "Admit a partner account to a region",
        f"The partner may author modules for this region (idempotent). {ADMIN}",
        ("region_not_found", "partner_not_found"),
    ),
    ("DELETE", "/api/v1/admin/regions/{region_id}/partners/{partner_id}"): Operation(
        "revokePartner",
        "Withdraw a partner account from a region",
        f"The partner may no longer author modules for this region. {ADMIN}",
        ("region_not_found", "partner_not_found"),
    ),
    ("GET", "/api/v1/admin/regions/{region_id}/partners"): Operation(
        "listRegionPartners", "List the partners admitted to a region", f"Admitted partner accounts. {ADMIN}"
    ),
    # modules
    ("GET", "/api/v1/admin/modules"): Operation(
        "listAuthoredModules", "List the modules I may author", f"Drafts, published and archived modules. {AUTHOR}"
    ),
    ("POST", "/api/v1/admin/modules"): Operation(
        "createModule",
        "Create a draft module",
        f"A draft with lessons and questions, for the author's region or national. {AUTHOR}",
        ("author_required", "module_title_required", "module_questions_required"),
    ),
    ("GET", "/api/v1/admin/modules/{module_id}"): Operation(
        "getAuthoredModule",
        "Get a module with its answer key",
        f"The module as authored. {AUTHOR}",
        ("module_not_found",),
    ),
    ("PUT", "/api/v1/admin/modules/{module_id}"): Operation(
        "replaceModule",
        "Replace a module's content",
        f"A draft changes in place; a published module gets a new version. {AUTHOR}",
        ("module_not_found", "module_archived", "module_published_admin_edits"),
    ),
    ("POST", "/api/v1/admin/modules/{module_id}/publish"): Operation(
        "publishModule",
        "Publish a module to the catalogue",
        f"Puts the module in its region's catalogue (every region's, for a national one). {AUTHOR}",
        ("module_not_found", "module_publish_forbidden"),
    ),
    ("POST", "/api/v1/admin/modules/{module_id}/archive"): Operation(
        "archiveModule",
        "Take a module out of the catalogue",
        f"Attempts finished before still count when synced. {AUTHOR}",
        ("module_not_found",),
    ),
    ("GET", "/api/v1/modules"): Operation(
        "listModules",
        "List the modules I can learn",
        f"Published modules of the caller's region and national ones, newest first, with the caller's progress. {SIGNED_IN}",
        ("cursor_invalid", "progress_unknown"),
    ),
    ("GET", "/api/v1/modules/{module_id}"): Operation(
        "getModule",
        "Get a module's lessons and questions",
        f"Without the answers; send the ETag back in If-None-Match for a 304. {SIGNED_IN}",
        ("module_not_found",),
    ),
    ("POST", "/api/v1/modules/{module_id}/attempts"): Operation(
        "submitAttempt",
        "Submit a quiz attempt for grading",
        f"201 for a new attempt; the same client_id again answers 200 with the first result. {SIGNED_IN}",
        ("module_not_found", "client_id_reused", "attempt_too_fast", "answer_question_unknown", "rate_limited"),
    ),
    ("POST", "/api/v1/sync"): Operation(
        "syncAttempts",
        "Send attempts made offline",
        f"Up to 50 attempts, each answered 201, 200 (a replay) or a problem; resending is safe. {SIGNED_IN}",
        ("sync_batch_empty", "sync_batch_too_large", "rate_limited"),
    ),
    # points
    ("GET", "/api/v1/badges"): Operation(
        "listBadges", "List the badges I can earn", f"Badges of the caller's region with their criteria. {SIGNED_IN}"
    ),
    ("POST", "/api/v1/admin/badges"): Operation(
        "createBadge",
        "Create a badge with criteria",
        f"A badge with declarative criteria. {ADMIN}",
        ("badge_code_taken", "badge_criterion_unknown", "badge_criterion_params"),
    ),
    ("GET", "/api/v1/admin/rules"): Operation(
        "listRules", "List every version of the rules", f"Rule versions of the region, newest first. {ADMIN}"
    ),
    ("POST", "/api/v1/admin/rules"): Operation(
        "changeRule",
        "Save a new version of a rule",
        f"Applies to facts from effective_from on, at the next recalculation. {ADMIN}",
        ("rule_unknown", "rule_params", "rule_effective_from_range"),
    ),
    ("POST", "/api/v1/admin/rules/preview"): Operation(
        "previewRule",
        "Preview a rule change",
        f"Who would gain or lose how much XP; nothing is saved. {ADMIN}",
        ("rule_unknown", "rule_params"),
    ),
    ("GET", "/api/v1/admin/levels"): Operation(
        "listLevels", "List the region's levels", f"Levels by threshold. {ADMIN}"
    ),
    ("PUT", "/api/v1/admin/levels"): Operation(
        "replaceLevels",
        "Replace the region's levels",
        f"Thresholds from 0, rising, with names. {ADMIN}",
        ("levels_count", "levels_thresholds", "levels_name"),
    ),
    ("GET", "/api/v1/admin/holidays"): Operation(
        "listHolidays", "List the region's holidays", f"Holidays of a year, which streaks skip. {ADMIN}"
    ),
    ("POST", "/api/v1/admin/holidays"): Operation(
        "addHoliday",
        "Add a holiday",
        f"A day streaks do not count as missed. {ADMIN}",
        ("holiday_exists", "holiday_name_required"),
    ),
    ("DELETE", "/api/v1/admin/holidays/{holiday_id}"): Operation(
        "removeHoliday", "Remove a holiday", f"The day counts as a working day again. {ADMIN}", ("holiday_not_found",)
    ),
    # boards and displays
    ("GET", "/api/v1/leaderboards"): Operation(
        "getLeaderboard",
        "Get the top of a leaderboard",
        f"The top of a board (default: the caller's unit, this week) and the caller's own place. {SIGNED_IN}",
        ("board_scope_unknown", "board_period_unknown", "board_out_of_reach", "board_limit_out_of_range"),
    ),
    ("GET", "/api/v1/leaderboards/around-me"): Operation(
        "getLeaderboardAroundMe",
        "Get my neighbours on a leaderboard",
        f"The caller and up to radius people above and below them on their own board. {SIGNED_IN}",
        ("board_not_on_it", "board_radius_out_of_range"),
    ),
    ("GET", "/api/v1/admin/displays"): Operation(
        "listDisplays",
        "List office displays",
        "Displays of the admin's region, or those the manager made. A region admin or a manager.",
        ("display_maker_required",),
    ),
    ("POST", "/api/v1/admin/displays"): Operation(
        "createDisplay",
        "Create an office display of a board",
        (
            "The token in the answer is shown once; open path on the TV. A region admin (boards of the region), "
            "a manager (units in their scope) or the head of an agency (its agency's board too)."
        ),
        ("display_maker_required", "display_out_of_reach", "board_scope_unknown"),
    ),
    ("DELETE", "/api/v1/admin/displays/{display_id}"): Operation(
        "revokeDisplay",
        "Revoke an office display",
        "The page and its live stream stop at once. Its maker or the region's admin.",
        ("display_not_found",),
    ),
    ("GET", "/api/v1/displays/{token}/leaderboard"): Operation(
        "getDisplayBoard",
        "Get what an office display shows",
        f"The top 10 with levels and badges, and the latest achievements; the token is in the path. {ANYONE}",
        ("display_not_found", "display_revoked"),
    ),
    ("GET", "/api/v1/displays/{token}/stream"): Operation(
        "streamDisplayBoard",
        "Stream an office display's changes",
        f"Server-sent events: screen whenever the board changes, revoked when the token is revoked. {ANYONE}",
        ("display_not_found", "display_revoked", "display_streams_exhausted"),
    ),
    # notifications
    ("GET", "/api/v1/me/notifications"): Operation(
        "listNotifications",
        "List my notifications",
        f"Decisions, badges and level-ups, newest first, with the number unread. {SIGNED_IN}",
        ("cursor_invalid",),
    ),
    ("POST", "/api/v1/me/notifications/read"): Operation(
        "markNotificationsRead",
        "Mark notifications as read",
        f"The given ids, or every notification when none are sent. {SIGNED_IN}",
        ("notification_ids_count",),
    ),
    # rewards
    ("POST", "/api/v1/admin/rewards"): Operation(
        "createReward",
        "Create a reward",
        f"A reward with its cost, stock and limits. {ADMIN}",
        ("reward_kind_unknown", "reward_cost_range", "reward_stock_range"),
    ),
    ("GET", "/api/v1/rewards"): Operation(
        "listRewards", "List the rewards I can redeem", f"Rewards open now, with the stock remaining. {SIGNED_IN}"
    ),
    ("POST", "/api/v1/rewards/{reward_id}/redemptions"): Operation(
        "redeemReward",
        "Redeem a reward",
        f"Holds the points and reserves the stock (201); the same client_id again answers the first. {SIGNED_IN}",
        ("reward_not_found", "balance_insufficient", "reward_out_of_stock", "reward_limit_reached"),
    ),
    ("POST", "/api/v1/redemptions/{redemption_id}/cancel"): Operation(
        "cancelRedemption",
        "Take back my pending redemption",
        "Points and stock are released. Only the person who redeemed it.",
        ("redemption_not_found", "redemption_already_decided"),
    ),
    ("POST", "/api/v1/redemptions/{redemption_id}/decision"): Operation(
        "decideRedemption",
        "Approve or reject a redemption",
        f"Approve spends the held points; reject releases them. {DECIDER}",
        ("redemption_not_found", "redemption_already_decided", "self_decision", "decision_out_of_scope"),
    ),
    ("GET", "/api/v1/me/redemptions"): Operation(
        "listMyRedemptions", "List my redemptions", f"The caller's redemptions, newest first. {SIGNED_IN}"
    ),
    # initiatives
    ("GET", "/api/v1/initiatives"): Operation(
        "listInitiatives",
        "List innovation initiatives",
        f"status=verified (or implemented) is every region's showcase; other states list what the caller may see. {SIGNED_IN}",
        ("initiative_status_unknown", "cursor_invalid"),
    ),
    ("POST", "/api/v1/initiatives"): Operation(
        "createInitiative",
        "Start a draft initiative",
        f"A draft with its team and category. {SIGNED_IN}",
        ("initiative_category_unknown", "initiative_team_size", "initiative_team_unknown"),
    ),
    ("GET", "/api/v1/initiatives/{initiative_id}"): Operation(
        "getInitiative",
        "Get one initiative",
        f"With its team and every move (who, when, comment). {SIGNED_IN}",
        ("initiative_not_found",),
    ),
    ("PATCH", "/api/v1/initiatives/{initiative_id}"): Operation(
        "updateInitiative",
        "Edit a draft initiative",
        "The team edits a draft, or one sent back for revision. A member of its team.",
        ("initiative_not_found", "initiative_team_only", "initiative_wrong_state"),
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/submit"): Operation(
        "submitInitiative",
        "Submit an initiative for review",
        "The team submits (again, after a revision). A member of its team.",
        ("initiative_not_found", "initiative_team_only", "initiative_wrong_state"),
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/review"): Operation(
        "reviewInitiative",
        "Review an initiative",
        "approve, reject or revise. A manager over the unit or the region's admin, never a team member.",
        ("initiative_not_found", "initiative_wrong_state", "self_decision", "decision_out_of_scope"),
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/implementation"): Operation(
        "reportImplementation",
        "Report an initiative's implementation",
        "A summary, before/after metrics and links. A member of its team.",
        ("initiative_not_found", "initiative_wrong_state", "initiative_links"),
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/verify"): Operation(
        "verifyInitiative",
        "Verify an implemented initiative",
        "verify with its impact, or reject. A decider at the impact's level, never a team member.",
        ("initiative_not_found", "initiative_wrong_state", "impact_out_of_reach", "self_decision"),
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/replications"): Operation(
        "recordReplication",
        "Record that another unit replicated an initiative",
        "The team earns a bonus once per unit. The other unit's manager or the region's admin.",
        ("initiative_not_found", "replication_same_unit", "replication_exists"),
    ),
    # manager
    ("GET", "/api/v1/manager/inbox"): Operation(
        "listManagerInbox",
        "List what waits for my decision",
        f"Initiatives to review or verify and redemptions to decide in the caller's scope. {MANAGER}",
        ("manager_required",),
    ),
    ("POST", "/api/v1/manager/decisions"): Operation(
        "decideInBulk",
        "Decide several items at once",
        f"Up to 50 decisions, each answered on its own. {MANAGER}",
        ("bulk_size", "bulk_kind_unknown", "manager_required"),
    ),
    ("GET", "/api/v1/manager/team"): Operation(
        "listTeam",
        "List my team's progress",
        f"Each person in scope: JP this year against 20, completions, XP, streak. {MANAGER}",
        ("manager_required", "cursor_invalid"),
    ),
    ("GET", "/api/v1/manager/team.csv"): Operation(
        "exportTeamCsv",
        "Export my team's progress as CSV",
        f"The team view as UTF-8 CSV. {MANAGER}",
        ("manager_required",),
    ),
    ("GET", "/api/v1/manager/units"): Operation(
        "listUnitProgress",
        "List lesson hours per unit",
        f"JP this year per unit in the caller's reach. {MANAGER}",
        ("manager_required", "unit_sort_unknown", "units_cursor_unknown"),
    ),
    ("GET", "/api/v1/manager/units.csv"): Operation(
        "exportUnitProgressCsv",
        "Export lesson hours per unit as CSV",
        f"Every unit of the JP breakdown as UTF-8 CSV. {MANAGER}",
        ("manager_required",),
    ),
    ("GET", "/api/v1/admin/audit"): Operation(
        "listAuditEntries",
        "List the audit trail",
        f"Who changed what and from where, newest first. {ADMIN}",
        ("cursor_invalid",),
    ),
    # certificates
    ("GET", "/api/v1/certificates"): Operation(
        "listMyCertificates", "List my certificates", f"The caller's own records, newest first. {SIGNED_IN}"
    ),
    ("POST", "/api/v1/certificates"): Operation(
        "createCertificate",
        "Record a certificate from elsewhere",
        f"Training done outside the app, to be verified by a manager. {SIGNED_IN}",
        ("certificate_duplicate", "certificate_date_format", "certificate_jp_range"),
    ),
    ("GET", "/api/v1/certificates/{certificate_id}"): Operation(
        "getCertificate",
        "Get one certificate",
        "Its owner's, or one a manager over them or their region's admin may decide.",
        ("certificate_not_found",),
    ),
    ("GET", "/api/v1/certificates/{certificate_id}/evidence"): Operation(
        "getCertificateEvidence",
        "Download a certificate's evidence file",
        "The file with its own content type. The owner, a manager over them or their region's admin.",
        ("certificate_not_found", "certificate_evidence_not_found"),
    ),
    ("PUT", "/api/v1/certificates/{certificate_id}/evidence"): Operation(
        "attachCertificateEvidence",
        "Attach a certificate's evidence file",
        "multipart/form-data with one part named file. The owner.",
        ("evidence_file_required", "evidence_too_large", "evidence_type_not_allowed", "certificate_owner_only"),
    ),
    ("POST", "/api/v1/certificates/{certificate_id}/resubmit"): Operation(
        "resubmitCertificate",
        "Resubmit a returned certificate",
        "Every field again, corrected. The owner.",
        ("certificate_not_found", "certificate_owner_only", "already_decided"),
    ),
    ("POST", "/api/v1/certificates/{certificate_id}/return"): Operation(
        "returnCertificate",
        "Return a certificate for correction",
        f"With a reason; the owner may resubmit. {DECIDER}",
        ("certificate_not_found", "certificate_return_reason_required", "self_decision"),
    ),
    ("POST", "/api/v1/certificates/{certificate_id}/verify"): Operation(
        "verifyCertificate",
        "Verify a certificate and grant its JP",
        f"jp_granted other than claimed only with a reason. {DECIDER}",
        ("certificate_not_found", "certificate_grant_range", "certificate_evidence_missing", "self_decision"),
    ),
    ("GET", "/api/v1/manager/certificates"): Operation(
        "listCertificateQueue",
        "List certificates waiting for my decision",
        f"Oldest first. {MANAGER}",
        ("manager_required",),
    ),
    ("POST", "/api/v1/admin/certificates/import"): Operation(
        "importCertificates",
        "Import a training's completion list",
        f"CSV rows become verified certificates, answering a report per row. {ADMIN}",
        ("csv_file_required", "csv_header", "certificate_person_unknown"),
    ),
    # events
    ("POST", "/api/v1/admin/events"): Operation(
        "createEvent",
        "Create a draft event",
        "A workshop, seminar, webinar or diklat with its sessions. An organiser (a region admin).",
        ("organiser_required", "event_kind_unknown", "event_session_times"),
    ),
    ("GET", "/api/v1/admin/events/{event_id}"): Operation(
        "getOrganisedEvent",
        "Get an event as its organiser",
        "With its sessions and the seats taken. An organiser.",
        ("event_not_found", "organiser_required"),
    ),
    ("POST", "/api/v1/admin/events/{event_id}/publish"): Operation(
        "publishEvent",
        "Open an event for registration",
        "Again: no change. An organiser.",
        ("event_not_found", "event_cancelled"),
    ),
    ("POST", "/api/v1/admin/events/{event_id}/cancel"): Operation(
        "cancelEvent",
        "Call off an event",
        "Those registered are told. An organiser.",
        ("event_not_found", "event_started"),
    ),
    ("GET", "/api/v1/admin/events/{event_id}/registrations"): Operation(
        "listEventRegistrations",
        "List an event's registrations",
        "In the order they came. An organiser.",
        ("event_not_found", "registration_status_unknown"),
    ),
    ("GET", "/api/v1/admin/events/{event_id}/feedback"): Operation(
        "listEventFeedback",
        "List an event's feedback",
        "Ratings and comments without names. An organiser.",
        ("event_not_found",),
    ),
    ("GET", "/api/v1/admin/events/{event_id}/sessions/{session_id}/code"): Operation(
        "getCheckinCode",
        "Get a session's current check-in code",
        "The code to show now (as a QR code); it changes every step_seconds. An organiser.",
        ("event_not_found", "session_not_found"),
    ),
    ("POST", "/api/v1/admin/events/{event_id}/sessions/{session_id}/attendance"): Operation(
        "recordAttendance",
        "Record a session's attendance list",
        "The NIPs who attended, answered one by one. An organiser.",
        ("session_not_found", "attendance_list_duplicates", "session_not_started"),
    ),
    ("GET", "/api/v1/events"): Operation(
        "listEvents",
        "List the events open to me",
        f"Published events of the caller's region and national ones, not yet over. {SIGNED_IN}",
    ),
    ("GET", "/api/v1/events/{event_id}"): Operation(
        "getEvent",
        "Get an event open to me",
        f"With my_registration. {SIGNED_IN}",
        ("event_not_found", "event_not_open_to_you"),
    ),
    ("POST", "/api/v1/events/{event_id}/registration"): Operation(
        "registerForEvent",
        "Register for an event",
        f"registered, or waitlisted when the seats are taken; again: the same answer. {SIGNED_IN}",
        ("event_not_found", "registration_closed", "event_not_open_to_you"),
    ),
    ("DELETE", "/api/v1/events/{event_id}/registration"): Operation(
        "cancelEventRegistration",
        "Cancel my registration",
        f"Until the first session starts; the first person waiting moves up. {SIGNED_IN}",
        ("event_not_found", "not_registered", "event_started"),
    ),
    ("POST", "/api/v1/events/checkins"): Operation(
        "checkIn",
        "Check in to a session with its code",
        f"The code shown by the organiser with the moment it was scanned (offline phones send it later). {SIGNED_IN}",
        ("checkin_code_invalid", "checkin_code_expired", "checkin_attempts_exhausted", "not_registered"),
    ),
    ("POST", "/api/v1/events/{event_id}/feedback"): Operation(
        "giveEventFeedback",
        "Rate an event I attended",
        f"A rating 1-5 and a comment, after the last session; again, it replaces the first. {SIGNED_IN}",
        ("event_not_found", "feedback_too_early", "feedback_rating"),
    ),
    ("POST", "/api/v1/events/{event_id}/nominations"): Operation(
        "nominateForEvent",
        "Register a member of my staff",
        "Or put them on the waiting list. A manager over the person.",
        ("event_not_found", "event_not_open_to_person", "manager_required"),
    ),
    ("GET", "/api/v1/me/events"): Operation(
        "listMyEvents",
        "List my event registrations",
        f"Sessions attended and whether JP and XP were credited. {SIGNED_IN}",
    ),
    # partners and xAPI
    ("GET", "/api/v1/partners"): Operation(
        "listPartnerOrgs", "List partner organisations", f"Every organisation, for choosing one to admit. {ADMIN}"
    ),
    ("POST", "/api/v1/partners"): Operation(
        "createPartnerOrg",
        "Create a partner organisation",
        "A superadmin's, or a region admin's (admitted to their region at once). A region admin or a superadmin.",
        ("partner_org_name_required", "partner_org_kind_unknown", "partner_org_contact_email"),
    ),
    ("GET", "/api/v1/partners/{org_id}"): Operation(
        "getPartnerOrg",
        "Get a partner organisation's page",
        f"Its regions, people, modules and xAPI activities. {PARTNER_ORG}",
        ("partner_org_not_found", "partner_org_members_only"),
    ),
    ("PATCH", "/api/v1/partners/{org_id}"): Operation(
        "updatePartnerOrg",
        "Update or deactivate a partner organisation",
        f"Deactivated, its keys fail. {SUPERADMIN}",
        ("partner_org_not_found", "superadmin_required"),
    ),
    ("PUT", "/api/v1/partners/{org_id}/people/{person_id}"): Operation(
        "attachPartnerPerson",
        "Add a partner account to an organisation",
        f"The person becomes one of the organisation's people. {SUPERADMIN}",
        ("partner_org_not_found", "partner_role_required", "partner_org_attach_superadmin"),
    ),
    ("DELETE", "/api/v1/partners/{org_id}/people/{person_id}"): Operation(
        "detachPartnerPerson",
        "Remove a partner account from an organisation",
        f"The person is no longer one of its people. {SUPERADMIN}",
        ("partner_org_not_found", "user_not_found"),
    ),
    ("GET", "/api/v1/partners/{org_id}/credentials"): Operation(
        "listPartnerCredentials",
        "List an organisation's xAPI keys",
        f"Without their secrets. {PARTNER_ORG}",
        ("partner_org_not_found", "partner_org_members_only"),
    ),
    ("POST", "/api/v1/partners/{org_id}/credentials"): Operation(
        "createPartnerCredential",
        "Create an xAPI machine key",
        f"HTTP Basic for /xapi; the secret is shown once. {PARTNER_ORG}",
        ("partner_org_not_found", "partner_credential_label_too_long"),
    ),
    ("DELETE", "/api/v1/partners/{org_id}/credentials/{key_id}"): Operation(
        "revokePartnerCredential",
        "Revoke an xAPI machine key",
        f"The key fails from now on. {PARTNER_ORG}",
        ("partner_org_not_found", "partner_credential_not_found"),
    ),
    ("GET", "/api/v1/partners/{org_id}/xapi/activities"): Operation(
        "listXapiActivities", "List an organisation's xAPI activities", f"Registered activities. {PARTNER_ORG}"
    ),
    ("POST", "/api/v1/partners/{org_id}/xapi/activities"): Operation(
        "registerXapiActivity",
        "Register an xAPI activity",
        f"Its completed/passed statements credit JP and XP in the admitting regions. {PARTNER_ORG}",
        ("xapi_activity_registered", "xapi_activity_iri_invalid", "xapi_activity_xp_range"),
    ),
    ("PATCH", "/api/v1/partners/{org_id}/xapi/activities/{activity_id}"): Operation(
        "updateXapiActivity",
        "Update an xAPI activity",
        f"Changes the fields sent. {PARTNER_ORG}",
        ("xapi_activity_not_found", "xapi_activity_title_too_long"),
    ),
    ("DELETE", "/api/v1/partners/{org_id}/xapi/activities/{activity_id}"): Operation(
        "retireXapiActivity",
        "Retire an xAPI activity",
        f"Later completions credit nothing; earlier credits stand. {PARTNER_ORG}",
        ("xapi_activity_not_found",),
    ),
    ("GET", "/api/v1/partners/{org_id}/xapi/unmatched"): Operation(
        "listUnmatchedStatements",
        "List statements that matched nobody",
        f"Kept with an actor Tangkas could not map to a person (never credited), newest first. {PARTNER_ORG}",
        ("partner_org_not_found",),
    ),
    ("PUT", "/api/v1/admin/regions/{region_id}/partner-orgs/{org_id}"): Operation(
        "admitPartnerOrg",
        "Admit an organisation to a region",
        f"The organisation and its people may work in this region (idempotent). {ADMIN}",
        ("region_not_found", "partner_org_not_found"),
    ),
    ("DELETE", "/api/v1/admin/regions/{region_id}/partner-orgs/{org_id}"): Operation(
        "withdrawPartnerOrg",
        "Withdraw an organisation from a region",
        f"Its later statements credit nothing here. {ADMIN}",
        ("region_not_found", "partner_org_not_found"),
    ),
    ("GET", "/api/v1/admin/regions/{region_id}/partner-orgs"): Operation(
        "listRegionPartnerOrgs", "List the organisations admitted to a region", f"Admitted organisations. {ADMIN}"
    ),
    ("GET", "/xapi/about"): Operation("getXapiAbout", "Get the xAPI versions spoken", f"xAPI 1.0.x. {ANYONE}"),
    ("GET", "/xapi/statements"): Operation(
        "getXapiStatements",
        "Get xAPI statements",
        "One of the caller's by statementId (or voidedStatementId), else a page. A partner organisation's key (HTTP Basic).",
        ("xapi_credentials_invalid", "xapi_statement_not_found", "xapi_version_header"),
    ),
    ("PUT", "/xapi/statements"): Operation(
        "storeXapiStatement",
        "Store an xAPI statement under its id",
        "The same again is 204, different content 409. A partner organisation's key (HTTP Basic).",
        ("xapi_credentials_invalid", "xapi_statement_conflict", "xapi_statement_id_required"),
    ),
    ("POST", "/xapi/statements"): Operation(
        "storeXapiStatements",
        "Store one or more xAPI statements",
        "One statement or an array; answers their ids. A partner organisation's key (HTTP Basic).",
        ("xapi_credentials_invalid", "xapi_too_many_statements", "xapi_statement_conflict"),
    ),
    # satisfaction: the IKM and unit badges
    ("GET", "/api/v1/ikm"): Operation(
        "getIkm",
        "Get the citizens' satisfaction index of a scope",
        "The IKM (PermenPANRB 14/2017) of a service point, unit, agency or region for a month, quarter or year: the"
        " index, its grade, each element's mean, the answers, the population and whether the minimum sample is"
        " reached. Region admins their region, managers their units, staff their own unit.",
        ("ikm_out_of_reach",),
    ),
    ("GET", "/api/v1/ikm.csv"): Operation(
        "exportIkm",
        "Export the satisfaction index of a scope as CSV",
        "One row per service point of the scope and one for the whole, with Indonesian headers. Who may: as getIkm.",
        ("ikm_out_of_reach",),
    ),
    ("GET", "/api/v1/units/{unit_id}/badges"): Operation(
        "listUnitBadges",
        "List the badges a unit earned for its service",
        "Unit badges by period, for whoever may see the unit's IKM.",
        ("ikm_out_of_reach",),
    ),
    ("POST", "/api/v1/admin/unit-badges/preview"): Operation(
        "previewUnitBadge",
        "Preview which units would earn a unit badge",
        f"For a badge code or unsaved criteria and a period; awards nothing. {ADMIN}",
        ("badge_not_found", "badge_not_unit_service", "unit_badge_preview_input"),
    ),
    ("PATCH", "/api/v1/admin/displays/{display_id}"): Operation(
        "updateDisplay",
        "Change an office display's settings",
        "Switches the IKM line of the display on or off. Whoever may revoke the display.",
        ("display_not_found",),
    ),
    # moderation and praise
    ("GET", "/api/v1/survey-comments"): Operation(
        "listSurveyComments",
        "List citizens' comments waiting for moderation or decided",
        f"Pending, released or hidden comments of the units in reach, oldest first, paged. {MANAGER}",
        ("manager_required", "survey_comment_status_unknown"),
    ),
    ("POST", "/api/v1/survey-comments/{answer_id}/decision"): Operation(
        "decideSurveyComment",
        "Release or hide a citizen's comment",
        "Releasing praise pays the named ASN through the capped rule; hiding a released one takes it back. A manager"
        " over the unit or a region admin; never the ASN the answer names.",
        ("survey_comment_not_found", "survey_comment_decided", "survey_comment_flagged", "self_decision"),
    ),
    # service points and surveys
    ("GET", "/api/v1/service-points"): Operation(
        "listServicePoints",
        "List the service points in reach",
        f"Service points of the units in reach, paged. {MANAGER}",
    ),
    ("POST", "/api/v1/service-points"): Operation(
        "createServicePoint",
        "Publish a service for citizens to rate",
        f"A unit's service with a public link and a daily site code. {MANAGER}",
        ("service_point_out_of_reach", "service_point_name_length"),
    ),
    ("GET", "/api/v1/service-points/{point_id}"): Operation(
        "getServicePoint",
        "Get a service point",
        f"Its settings and public link. {MANAGER}",
        ("service_point_not_found",),
    ),
    ("PATCH", "/api/v1/service-points/{point_id}"): Operation(
        "updateServicePoint",
        "Change a service point's settings",
        f"Only the fields sent change. {MANAGER}",
        ("service_point_not_found", "service_point_yearly_users", "service_point_answer_days"),
    ),
    ("POST", "/api/v1/service-points/{point_id}/link"): Operation(
        "replaceServicePointLink",
        "Replace a service point's public link",
        f"A new link and site-code key; the old link stops working at once. {MANAGER}",
        ("service_point_not_found",),
    ),
    ("GET", "/api/v1/service-points/{point_id}/site-code"): Operation(
        "getServicePointSiteCode",
        "Get today's site code of a service point",
        f"The day's code and the link that carries it, for the counter's QR. {MANAGER}",
        ("service_point_not_found",),
    ),
    ("GET", "/api/v1/service-points/{point_id}/qr.svg"): Operation(
        "getServicePointQr",
        "Get the QR code of a service point's link",
        f"A printable SVG of today's link. {MANAGER}",
        ("service_point_not_found",),
    ),
    ("GET", "/api/v1/me/citizen-naming"): Operation(
        "getCitizenNaming",
        "Get whether citizens may name me",
        f"Whether the caller is listed by first name on their unit's survey forms. {SIGNED_IN}",
        ("learner_only",),
    ),
    ("PUT", "/api/v1/me/citizen-naming"): Operation(
        "changeCitizenNaming",
        "Let citizens name me on surveys, or stop it",
        f"Opts the caller in or out of being picked by first name on their unit's survey forms. {SIGNED_IN}",
        ("learner_only",),
    ),
    ("GET", "/api/v1/public/services/{public_key}"): Operation(
        "getPublicService",
        "Get a service's survey for a citizen",
        f"The service, its nine SKM elements and the staff who may be named, by first name. {ANYONE}",
        ("service_not_found",),
    ),
    ("POST", "/api/v1/public/services/{public_key}/answers"): Operation(
        "submitSurveyAnswer",
        "Answer a service's satisfaction survey",
        f"Nine scores 1-4, an optional comment, named staff and consented contact; one per device and day. {ANYONE}",
        (
            "service_not_found",
            "survey_already_answered",
            "survey_device_unknown",
            "survey_form_token_invalid",
            "site_code_invalid",
            "site_code_attempts_exhausted",
            "survey_served_by_invalid",
            "survey_contact_invalid",
            "survey_contact_consent_required",
            "survey_address_daily_cap",
            "cross_site_request",
        ),
    ),
    # complaints
    ("POST", "/api/v1/public/services/{public_key}/complaints"): Operation(
        "submitComplaint",
        "File a complaint about a service",
        f"Answers a tracking code; the same client_id again answers the same complaint. {ANYONE}",
        (
            "complaint_service_not_found",
            "complaint_body_length",
            "complaint_control_character",
            "complaint_daily_cap",
            "cross_site_request",
        ),
    ),
    ("GET", "/api/v1/public/complaints/{code}"): Operation(
        "getComplaintStatus",
        "Follow a complaint by its tracking code",
        f"Its status, dates, due date and the unit's answer; never the contact. {ANYONE}",
        ("complaint_not_found",),
    ),
    ("GET", "/api/v1/complaints"): Operation(
        "listComplaints",
        "List complaints about the units in reach",
        f"Filtered by status, overdue and unit, paged. {MANAGER}",
    ),
    ("GET", "/api/v1/complaints/{complaint_id}"): Operation(
        "getComplaint",
        "Get a complaint and its history",
        f"With each step by name. {MANAGER}",
        ("complaint_not_found",),
    ),
    ("POST", "/api/v1/complaints/{complaint_id}/progress"): Operation(
        "markComplaintInProgress",
        "Mark a complaint as being handled",
        f"Received to in progress. {MANAGER}",
        ("complaint_not_found", "complaint_wrong_state"),
    ),
    ("POST", "/api/v1/complaints/{complaint_id}/answer"): Operation(
        "answerComplaint",
        "Answer a complaint",
        f"The unit's answer, which the citizen reads by the tracking code. {MANAGER}",
        ("complaint_not_found", "complaint_wrong_state"),
    ),
    ("POST", "/api/v1/complaints/{complaint_id}/close"): Operation(
        "closeComplaint",
        "Close an answered complaint",
        f"Answered to closed. {MANAGER}",
        ("complaint_not_found", "complaint_wrong_state"),
    ),
    ("POST", "/api/v1/complaints/{complaint_id}/initiative"): Operation(
        "attachComplaintToInitiative",
        "Link a complaint to the initiative that solves it",
        f"The initiative shows the complaints it closes. {MANAGER}",
        ("complaint_not_found", "initiative_not_found"),
    ),
    ("DELETE", "/api/v1/complaints/{complaint_id}/initiative"): Operation(
        "detachComplaintFromInitiative",
        "Unlink a complaint from its initiative",
        f"The complaint keeps its history. {MANAGER}",
        ("complaint_not_found",),
    ),
    # initiatives (issue 19)
    ("GET", "/api/v1/initiatives/{initiative_id}/evidence"): Operation(
        "listInitiativeEvidence",
        "List an initiative's evidence files",
        "Photos and PDFs beside the links. Whoever may see the initiative.",
        ("initiative_not_found",),
    ),
    ("POST", "/api/v1/initiatives/{initiative_id}/evidence"): Operation(
        "addInitiativeEvidence",
        "Add an evidence file to an initiative",
        "Multipart, one part `file` (JPEG, PNG, WebP or PDF, judged by its bytes); the same file again answers the"
        " first. The initiative's team, while it may still change.",
        ("initiative_not_found", "initiative_evidence_full", "evidence_type_not_allowed", "evidence_too_large"),
    ),
    ("GET", "/api/v1/initiatives/{initiative_id}/evidence/{evidence_id}"): Operation(
        "getInitiativeEvidence",
        "Download an initiative's evidence file",
        "The file as an attachment. Whoever may see the initiative.",
        ("initiative_evidence_not_found",),
    ),
    ("DELETE", "/api/v1/initiatives/{initiative_id}/evidence/{evidence_id}"): Operation(
        "removeInitiativeEvidence",
        "Remove an evidence file from an initiative",
        "The initiative's team, while it may still change.",
        ("initiative_evidence_not_found",),
    ),
    # BKPSDM admin (issue 19)
    ("GET", "/api/v1/admin/users/export.csv"): Operation(
        "exportUsers",
        "Export a region's staff in the import's format",
        f"name, nip, email, staff_type, unit, roles: the file the CSV import reads back unedited. {ADMIN}",
    ),
    ("GET", "/api/v1/admin/rewards"): Operation(
        "listAdminRewards",
        "List a region's rewards for their admin",
        f"With pending redemptions per reward; retired ones on request. {ADMIN}",
    ),
    ("PATCH", "/api/v1/admin/rewards/{reward_id}"): Operation(
        "updateReward",
        "Change a reward",
        f"Only the fields sent change; pending redemptions keep the cost they hold. {ADMIN}",
        ("reward_not_found", "reward_stock_below_reserved"),
    ),
    ("POST", "/api/v1/admin/rewards/{reward_id}/retire"): Operation(
        "retireReward",
        "Retire a reward from the catalogue",
        f"Pending redemptions stay decidable, or are released with `release_pending=true`. {ADMIN}",
        ("reward_not_found",),
    ),
    ("GET", "/api/v1/redemptions/hand-outs"): Operation(
        "listHandOuts",
        "List approved redemptions to hand out",
        f"Oldest first, never the caller's own. {MANAGER}",
    ),
    ("POST", "/api/v1/redemptions/{redemption_id}/handed-out"): Operation(
        "markRedemptionHandedOut",
        "Mark an approved redemption as handed out",
        "The person is told once; marking again answers the first mark. Whoever may decide it, never the person"
        " who redeemed it.",
        ("redemption_not_found", "redemption_not_approved", "self_decision"),
    ),
    ("GET", "/api/v1/admin/badges"): Operation(
        "listAdminBadges",
        "List a region's badges for their admin",
        f"With how many people hold each; retired ones on request. {ADMIN}",
    ),
    ("PATCH", "/api/v1/admin/badges/{badge_id}"): Operation(
        "updateBadge",
        "Change a badge",
        f"Name, description, value or criteria; new criteria apply to later awards. {ADMIN}",
        ("badge_not_found",),
    ),
    ("POST", "/api/v1/admin/badges/{badge_id}/retire"): Operation(
        "retireBadge",
        "Retire a badge",
        f"No longer awarded; those who earned it keep it. {ADMIN}",
        ("badge_not_found",),
    ),
    # metrics, push devices and my settings (issue 19)
    ("GET", "/metrics"): Operation(
        "getMetrics",
        "Get the Prometheus metrics",
        "Requests per route template and status class, job runs, the recalculation backlog, the board store in use"
        " and open display streams, in Prometheus text. No sign-in needed. Open like /health unless"
        " TANGKAS_METRICS_TOKEN is set, then that bearer token.",
        ("metrics_token_invalid",),
    ),
    ("PATCH", "/api/v1/me"): Operation(
        "updateMe",
        "Change my own settings",
        f"Only the fields sent change: hiding my name on boards and displays, push on or off, muted kinds. {SIGNED_IN}",
    ),
    ("GET", "/api/v1/me/settings"): Operation(
        "getMySettings", "Get my own settings", f"Whether my name is hidden, push, muted kinds. {SIGNED_IN}"
    ),
    ("GET", "/api/v1/me/devices"): Operation(
        "listMyDevices", "List the phones that receive my notifications", f"My registered devices. {SIGNED_IN}"
    ),
    ("POST", "/api/v1/me/devices"): Operation(
        "registerMyDevice",
        "Register a phone for push notifications",
        f"A token moves to the newest person who registers it; at most ten devices a person. {SIGNED_IN}",
        ("push_token_invalid",),
    ),
    ("DELETE", "/api/v1/me/devices/{device_id}"): Operation(
        "removeMyDevice",
        "Stop push notifications to a phone",
        f"Removes one of my devices. {SIGNED_IN}",
        ("device_not_found",),
    ),
    # credentials: Open Badges 3.0 as VC-JWTs
    ("POST", "/api/v1/me/badges/{award_id}/credential"): Operation(
        "createMyBadgeCredential",
        "Get one of my badges as an Open Badges 3.0 credential",
        "An OpenBadgeCredential for one of the caller's own badge awards, signed (EdDSA, Ed25519) by the key of "
        f"the caller's region: the VC-JWT to hand to a verifier and the credential as JSON. {SIGNED_IN}",
        ("badge_award_not_found", "credential_without_region", "credential_revoked_by_admin"),
    ),
    ("GET", "/.well-known/jwks.json"): Operation(
        "getCredentialKeys",
        "Get the keys credentials are signed with",
        "Every region's current and retired Ed25519 public keys as a JWK set, each with its `kid`: a credential "
        f"verifies with the key its header names. {ANYONE}",
    ),
    ("GET", "/issuers/{region_slug}"): Operation(
        "getCredentialIssuer",
        "Get a region's issuer profile",
        f"The Open Badges 3.0 `Profile` of a region that issues credentials. {ANYONE}",
        ("issuer_not_found",),
    ),
    ("GET", "/issuers/{region_slug}/status/revocation"): Operation(
        "getCredentialRevocations",
        "Get a region's revocation list",
        "The region's revoked credentials as a Bitstring Status List credential signed as a VC-JWT "
        "(`application/vc+jwt`): a credential is revoked when its `credentialStatus.statusListIndex` bit is set. "
        f"{ANYONE}",
        ("issuer_not_found",),
    ),
    ("GET", "/issuers/{region_slug}/did.json"): Operation(  # credentials: did:web
        "getCredentialIssuerDid",
        "Get a region's DID document",
        "The `did:web` DID document of a region that issues credentials (`did:web:<host>:issuers:<slug>`, named in "
        "its profile's `otherIdentifier`): every current and retired Ed25519 key as a `JsonWebKey2020` verification "
        f"method `<did>#<kid>`, each listed in `assertionMethod`. {ANYONE}",
        ("issuer_not_found",),
    ),
    ("POST", "/api/v1/credentials/verify"): Operation(
        "verifyCredential",
        "Verify a credential",
        "Checks a VC-JWT against the published keys and the issuer's revocations: `valid`, `revoked`, `tampered`, `unknown_key`, `expired` or "
        f"`not_yet_valid`, with who, what, when and by whom, and a message in Indonesian. {ANYONE}",
        ("credential_malformed", "rate_limited"),
    ),
    ("POST", "/api/v1/me/credentials/{credential_id}/share"): Operation(
        "createCredentialShareLink",
        "Share one of my credentials by a link",
        "A credential is private until its holder shares it: answers a link anyone can open to read and verify "
        f"it. A new link replaces the previous one. {SIGNED_IN}",
        ("credential_not_found", "credential_revoked"),
    ),
    ("DELETE", "/api/v1/me/credentials/{credential_id}/share"): Operation(
        "removeCredentialShareLink",
        "Stop sharing one of my credentials",
        f"The credential's share link stops working. {SIGNED_IN}",
        ("credential_not_found",),
    ),
    ("GET", "/api/v1/public/credentials/{token}"): Operation(
        "getSharedCredential",
        "Get a credential shared by its holder",
        f"The VC-JWT its holder shared, with its verification (as `verifyCredential` answers). {ANYONE}",
        ("credential_not_found", "rate_limited"),
    ),
    ("POST", "/api/v1/admin/regions/{region_id}/issuer-key/rotate"): Operation(
        "replaceIssuerKey",
        "Rotate a region's credential signing key",
        "New credentials are signed with a new key; the old one is retired and stays published, so the "
        f"credentials it signed still verify. {ADMIN}",
        ("outside_region", "region_not_found"),
    ),
    # credentials: verified certificates and event completions, and a certificate's verification withdrawn
    ("POST", "/api/v1/me/certificates/{certificate_id}/credential"): Operation(
        "createMyCertificateCredential",
        "Get one of my verified certificates as an Open Badges 3.0 credential",
        "An OpenBadgeCredential for one of the caller's own verified certificates: the training, its provider, "
        "the competency type and the JP granted (`creditsAvailable`, `creditsEarned`), signed like badge "
        "credentials. Asked again, the credential already issued (200) while the region's key is the same. "
        f"{SIGNED_IN}",
        (
            "certificate_not_found",
            "certificate_not_verified",
            "credential_without_region",
            "credential_revoked_by_admin",
        ),
    ),
    ("POST", "/api/v1/me/events/{event_id}/credential"): Operation(
        "createMyEventCredential",
        "Get an event I completed as an Open Badges 3.0 credential",
        "An OpenBadgeCredential for an event the caller completed (enough sessions attended, JP credited): the "
        "event, its organiser, the competency type and the JP. Asked again, the credential already issued (200) "
        f"while the region's key is the same. {SIGNED_IN}",
        ("event_not_found", "event_not_completed", "credential_without_region", "credential_revoked_by_admin"),
    ),
    ("POST", "/api/v1/certificates/{certificate_id}/withdraw"): Operation(
        "withdrawCertificateVerification",
        "Withdraw a certificate's verification",
        "A verified certificate found false, with a reason: its JP and XP are taken back through the ledgers, "
        f"its credentials revoked, its owner told. Again: answered as it stands. {DECIDER}",
        ("certificate_not_found", "certificate_not_verified", "certificate_withdraw_reason_required", "self_decision"),
    ),
    # credentials: the JP transcript
    ("POST", "/api/v1/me/jp-transcript/credential"): Operation(
        "createMyJpTranscriptCredential",
        "Get my JP transcript of a year as a signed credential",
        "My JP record of the calendar year in my region's time zone (default: this year): every module completed, "
        "event attended, verified certificate and partner activity credited, each with its date and JP, the JP per "
        "competency type and the total against the 20 JP target, as a Comprehensive Learner Record 2.0 "
        "`ClrCredential` wrapping one Open Badges 3.0 `AchievementCredential` per item, signed (EdDSA) by my "
        "region's current key as a VC-JWT and revocable through its status list. An unchanged transcript already "
        "issued is answered again. Share it with `createCredentialShareLink`. A year not begun yet, or before my "
        f"first year in Tangkas, is refused. {SIGNED_IN} (with a unit)",
        ("learner_only", "transcript_year_in_future", "transcript_year_before_record", "credential_revoked"),
    ),
    ("GET", "/api/v1/me/jp-transcript/pdf"): Operation(
        "getMyJpTranscriptPdf",
        "Print my JP transcript of a year",
        "The same transcript as `createMyJpTranscriptCredential`, as an A4 PDF in Indonesian with a QR code. "
        "Printing it is sharing it: the transcript credential is issued (or the unchanged one reused) and shared "
        "under a link derived from it, which the QR code carries to the page where anyone verifies it; printing "
        "again gives the same link, and `removeCredentialShareLink` stops it. "
        f"{SIGNED_IN} (with a unit)",
        ("learner_only", "transcript_year_in_future", "transcript_year_before_record", "credential_revoked"),
    ),
    # credentials: the holder's list, and a revocation by the issuing region's admin
    ("GET", "/api/v1/me/credentials"): Operation(
        "listMyCredentials",
        "List my credentials",
        "Every credential issued to me, newest first: its kind (`badge`, `certificate`, `event` or `transcript`), "
        "the achievement's name, when and under which key it was issued, whether it is revoked (when, and why in "
        "Indonesian) and whether a share link is live. The link itself is not answered: only a digest of its token "
        "is kept, so it cannot be recovered; `createCredentialShareLink` makes a new one (the old one stops "
        f"working). {SIGNED_IN}",
        ("cursor_invalid",),
    ),
    ("POST", "/api/v1/admin/credentials/{credential_id}/revoke"): Operation(
        "revokeCredential",
        "Revoke a credential",
        "Revoke a credential my region issued, with a `reason` in Indonesian its holder reads: its status list bit "
        "is set (every verifier then reports it revoked), its share link stops working and the holder is told in "
        "their inbox. Never my own credential. Revoked already (for any reason): answered as it stands, nobody is "
        f"told again. Another region's credential is not found. {ADMIN}",
        ("credential_not_found", "credential_revoke_reason_required", "self_decision"),
    ),
    ("GET", "/api/v1/admin/users/{user_id}/credentials"): Operation(
        "listPersonCredentials",
        "List a person's credentials",
        "The credentials my region issued to a person (a superadmin: every region's), newest first, as "
        "`listMyCredentials` shows them; the person is found when they belong to my region or hold a credential it "
        f"issued. {ADMIN}",
        ("user_not_found", "cursor_invalid"),
    ),
}
