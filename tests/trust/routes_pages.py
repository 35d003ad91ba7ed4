"""The matrix's rows for the web pages: for every route of urls.py (as written there), the
calls made and the status each role gets. Roles: anonymous, mentor, mentee, other_member (a
member of another pair), coach, other_manager (manages another program), manager, sponsor,
outsider, superuser (an administrator with no person). ``LOGIN``: redirected to sign in."""

from tests.trust.matrix import LOGIN, Call


def E(rest, anonymous=LOGIN, **roles) -> dict:
    """Expected statuses: ``rest`` for every role not named."""
    return {"anonymous": anonymous, "*": rest, **roles}


PAIR = ("mentor", "mentee")
MGR = {"manager": 200, "superuser": 200}
MGR302 = {"manager": 302, "superuser": 302}
PERSON = 200  # any signed-in role with a person (everyone but the superuser)
P = "/programs/{slug}"
M = "/mentorships"
MEET = "/mentorships/meetings/{meeting}"


def _get_post(path, get, post, data=None, shows=()) -> list[Call]:
    return [
        Call(path, get, shows=shows),
        Call(path, post, method="post", data=data or {}, shows=shows),
    ]


PAGES: dict[str, list[Call]] = {
    # Public or sign-in pages.
    "i18n/setlang/": [Call("/i18n/setlang/", E(302, 302), "post", {"language": "fr"})],
    "accounts/login/": [Call("/accounts/login/", E(302, 200))],
    "accounts/logout/": [Call("/accounts/logout/", E(302, 302), "post", {})],
    # Password reset: the same pages signed in or not; the answer never says if the email exists.
    "accounts/password/reset/": _get_post(
        "/accounts/password/reset/", E(200, 200), E(302, 302), {"email": "nobody@example.com"}
    ),
    "accounts/password/reset/sent/": [Call("/accounts/password/reset/sent/", E(200, 200))],
    "accounts/password/reset/<uidb64>/<token>/": [
        Call("/accounts/password/reset/MQ/not-a-token/", E(200, 200))
    ],
    "accounts/password/reset/complete/": [Call("/accounts/password/reset/complete/", E(200, 200))],
    "accounts/two-factor/verify/": [Call("/accounts/two-factor/verify/", E(302, 302))],
    # One's own password, sessions and two-factor sign-in.
    "accounts/password/change/": [Call("/accounts/password/change/", E(200))],
    "accounts/sessions/": [Call("/accounts/sessions/", E(200))],
    "accounts/sessions/<int:pk>/end/": [Call("/accounts/sessions/999999/end/", E(404), "post", {})],
    "accounts/sessions/end-others/": [Call("/accounts/sessions/end-others/", E(302), "post", {})],
    "accounts/two-factor/": [Call("/accounts/two-factor/", E(200))],
    "accounts/two-factor/setup/": [Call("/accounts/two-factor/setup/", E(200))],
    # The mentee of the matrix's world has an authenticator (see conftest): new codes shown.
    "accounts/two-factor/codes/": [
        Call("/accounts/two-factor/codes/", E(302, mentee=200), "post", {})
    ],
    "accounts/two-factor/disable/": [Call("/accounts/two-factor/disable/", E(302), "post", {})],
    "invitations/<str:token>/": [Call("/invitations/{invitation}/", E(200, 200))],
    "verify/<str:code>/": [Call("/verify/{code}/", E(200, 200))],
    "calendar/<str:token>.ics": [Call("/calendar/{calendar}.ics", E(200, 200))],
    "": [Call("/", E(200))],
    "sponsor/": [Call("/sponsor/", E(200))],
    "favicon.ico": [Call("/favicon.ico", E(301, 301))],
    # Single sign-on: a 404 for everyone unless it is configured.
    "oidc/authenticate/": [Call("/oidc/authenticate/", E(404, 404))],
    "oidc/callback/": [Call("/oidc/callback/", E(404, 404))],
    "saml2/login/": [Call("/saml2/login/", E(404, 404))],
    "saml2/acs/": [Call("/saml2/acs/", E(404, 404), "post", {"SAMLResponse": "x"})],
    "saml2/metadata/": [Call("/saml2/metadata/", E(404, 404))],
    # SCIM provisioning: a directory's bearer token only (a session gets a SCIM 401).
    **{
        f"scim/v2/{route}": [Call(f"/scim/v2/{path}", E(401, 401))]
        for route, path in (
            ("ServiceProviderConfig", "ServiceProviderConfig"),
            ("ResourceTypes", "ResourceTypes"),
            ("ResourceTypes/<str:name>", "ResourceTypes/User"),
            ("Schemas", "Schemas"),
            ("Schemas/<str:name>", "Schemas/x"),
            (".search", ".search"),
            ("Users/.search", "Users/.search"),
            ("Groups/.search", "Groups/.search"),
            ("Users", "Users"),
            ("Users/<str:scim_id>", "Users/x"),
            ("Groups", "Groups"),
            ("Groups/<str:scim_id>", "Groups/x"),
            ("^(?P<rest>.*)$", "anything"),
        )
    },
    # SCIM directories and what their groups mean: HR program managers and superusers.
    "people/directories/": _get_post(
        "/people/directories/",
        E(404, other_manager=200, **MGR),
        E(404, other_manager=200, **MGR),
        data={"action": "create"},
    ),
    "programs/directory-groups/<int:directory_id>/": _get_post(
        "/programs/directory-groups/{directory}/",
        E(404, other_manager=200, **MGR),
        E(404, other_manager=200, **MGR),
    ),
    # Personal data: one's own export; erasure by the directory's managers.
    "privacy/export/": [Call("/privacy/export/", E(200), "post", {}, shows=PAIR)],
    "privacy/erase/": _get_post(
        "/privacy/erase/",
        E(404, other_manager=200, **MGR),
        E(404, other_manager=200, **MGR),
    ),
    # The audit trail: HR program managers (the directory's) and superusers; 403 for others.
    "audit/": [Call("/audit/", E(403, other_manager=200, **MGR))],
    "audit/export.csv": [Call("/audit/export.csv", E(403, other_manager=200, **MGR))],
    # The program manager's pages.
    "programs/": [Call("/programs/", E(200))],
    "programs/new/": _get_post(
        "/programs/new/",
        E(404, other_manager=200, **MGR),
        E(404, other_manager=200, **MGR),
    ),
    "programs/<slug:slug>/": [Call(P + "/", E(404, **MGR))],
    "programs/<slug:slug>/status/": [
        Call(P + "/status/", E(404, **MGR302), "post", {"status": "closed"})
    ],
    "programs/<slug:slug>/close/": [Call(P + "/close/", E(404, **MGR))],
    "programs/<slug:slug>/setup/<str:step>/": _get_post(
        P + "/setup/charter/", E(404, **MGR), E(404, **MGR)
    ),
    "programs/<slug:slug>/import/": _get_post(P + "/import/", E(404, **MGR), E(404, **MGR)),
    "programs/<slug:slug>/invite/": [Call(P + "/invite/", E(404, **MGR302), "post", {})],
    "programs/<slug:slug>/invite/<int:person_id>/": [
        Call(P + "/invite/{mentee_person}/", E(404, **MGR302), "post", {})
    ],
    "programs/<slug:slug>/competences/": [Call(P + "/competences/", E(404, coach=200, **MGR))],
    "programs/<slug:slug>/integrations/": _get_post(
        P + "/integrations/", E(404, **MGR), E(404, manager=400, superuser=400)
    ),
    "programs/<slug:slug>/matching/": [Call(P + "/matching/", E(404, **MGR))],
    "programs/<slug:slug>/matching/run/": [
        Call(P + "/matching/run/", E(404, **MGR302), "post", {"dry_run": "1"})
    ],
    "programs/<slug:slug>/matching/run/<str:task_id>/": [
        Call(P + "/matching/run/{task}/", E(404, **MGR))
    ],
    "programs/<slug:slug>/matching/runs/<int:run_id>/": [
        Call(P + "/matching/runs/{run}/", E(404, **MGR))
    ],
    "programs/<slug:slug>/matching/runs/<int:run_id>/decide/": [
        Call(
            P + "/matching/runs/{run}/decide/",
            E(404, **MGR302),
            "post",
            {"proposal": "{proposal}", "mentor": "{proposal_mentor}", "kind": "lock"},
        )
    ],
    "programs/<slug:slug>/matching/runs/<int:run_id>/swap/": [
        Call(P + "/matching/runs/{run}/swap/", E(404, **MGR302), "post", {"proposal": "{proposal}"})
    ],
    "programs/<slug:slug>/matching/runs/<int:run_id>/proposals/<int:proposal_id>/mentors/": [
        Call(P + "/matching/runs/{run}/proposals/{proposal}/mentors/", E(404, **MGR))
    ],
    "programs/<slug:slug>/matching/runs/<int:run_id>/choose/": [
        Call(
            P + "/matching/runs/{run}/choose/",
            E(404, **MGR302),
            "post",
            {"mentee": "{proposal_mentee}", "mentor": "{proposal_mentor}", "action": "lock"},
        )
    ],
    "programs/<slug:slug>/matching/runs/<int:run_id>/publish/": [
        Call(P + "/matching/runs/{run}/publish/", E(404, **MGR302), "post", {})
    ],
    # The cockpit: the program's pairs for its managers; a pair's page for them and its coaches.
    "programs/<slug:slug>/pairs/": [Call(P + "/pairs/", E(404, **MGR))],
    "programs/<slug:slug>/pairs/export.csv": [Call(P + "/pairs/export.csv", E(404, **MGR))],
    "programs/<slug:slug>/pairs/<int:pk>/": [Call(P + "/pairs/{pair}/", E(404, coach=200, **MGR))],
    "people/competences/": [
        Call("/people/competences/", E(404, other_manager=200, **MGR)),
    ],
    "people/competences/<int:pk>/assess/": [
        Call(
            "/people/competences/{competence}/assess/",
            E(404, other_manager=302, **MGR302),
            "post",
            {"note": "Seen at work"},
        )
    ],
    "people/competences/<int:pk>/certify/": [
        Call(
            "/people/competences/{competence}/certify/",
            E(404, other_manager=302, **MGR302),
            "post",
            {"name": "PIX", "obtained_on": "2025-01-02"},
        )
    ],
    "programs/<slug:slug>/competences/<int:pk>/assess/": [
        Call(P + "/competences/{competence}/assess/", E(404, coach=302, **MGR302), "post", {})
    ],
    "programs/<slug:slug>/competences/<int:pk>/certify/": [
        Call(P + "/competences/{competence}/certify/", E(404, coach=302, **MGR302), "post", {})
    ],
    "programs/<slug:slug>/training/": [Call(P + "/training/", E(404, coach=200, **MGR))],
    "programs/<slug:slug>/training/<int:person_id>/<slug:module_slug>/sign-off/": [
        Call(
            P + "/training/{mentor_person}/{module}/sign-off/",
            E(404, coach=302, **MGR302),
            "post",
            {},
        )
    ],
    # Endorsements: asked by a person, answered by the colleague asked (the outsider).
    "people/endorsements/": [Call("/people/endorsements/", E(PERSON, superuser=404))],
    "people/endorsements/ask/": _get_post(
        "/people/endorsements/ask/", E(PERSON, superuser=404), E(400, superuser=404)
    ),
    "people/endorsements/<int:pk>/give/": [
        Call("/people/endorsements/{endorsement}/give/", E(404, outsider=302), "post", {})
    ],
    "people/endorsements/<int:pk>/decline/": [
        Call("/people/endorsements/{endorsement}/decline/", E(404, outsider=302), "post", {})
    ],
    # A person's own pages.
    "people/profile/": [Call("/people/profile/", E(PERSON, superuser=404))],
    "people/profile/settings/": [
        Call("/people/profile/settings/", E(400, superuser=404), "post", {})
    ],
    "people/profile/competences/": [
        Call("/people/profile/competences/", E(400, superuser=404), "post", {})
    ],
    "people/profile/needs/": [Call("/people/profile/needs/", E(400, superuser=404), "post", {})],
    "people/profile/<str:prefix>/row/": [
        Call("/people/profile/needs/row/", E(400, superuser=404), "post", {})
    ],
    "people/profile/notices/": _get_post(
        "/people/profile/notices/", E(PERSON, superuser=404), E(400, superuser=404)
    ),
    "people/profile/busy-calendar/": [
        Call("/people/profile/busy-calendar/", E(400, superuser=404), "post", {})
    ],
    "people/profile/busy-calendar/remove/": [
        Call("/people/profile/busy-calendar/remove/", E(302, superuser=404), "post", {})
    ],
    "people/profile/linkedin/": _get_post(
        "/people/profile/linkedin/", E(PERSON, superuser=404), E(400, superuser=404)
    ),
    "people/profile/linkedin/confirm/": [
        Call("/people/profile/linkedin/confirm/", E(302, superuser=404), "post", {})
    ],
    "me/programs/": [Call("/me/programs/", E(PERSON, superuser=404))],
    "me/programs/<slug:slug>/apply/": _get_post(
        "/me/programs/{other_slug}/apply/", E(200, superuser=404), E(400, superuser=404)
    ),
    "me/programs/<slug:slug>/training/": [
        Call("/me/programs/{slug}/training/", E(404, mentor=200, other_member=200))
    ],
    "me/programs/<slug:slug>/training/<slug:module_slug>/": [
        Call("/me/programs/{slug}/training/{module}/", E(404, mentor=200, other_member=200))
    ],
    "me/programs/<slug:slug>/training/<slug:module_slug>/quiz/": [
        Call(
            "/me/programs/{slug}/training/{module}/quiz/",
            E(404, mentor=400, other_member=400),
            "post",
            {},
        )
    ],
    "me/enrolments/<int:pk>/": _get_post(
        "/me/enrolments/{mentor_enrolment}/", E(404, mentor=200), E(404, mentor=400)
    ),
    "me/enrolments/<int:pk>/withdraw/": [
        Call("/me/enrolments/{mentor_enrolment}/withdraw/", E(404, mentor=302), "post", {})
    ],
    # The pair's pages: metadata for supervisors, what the pair writes for the pair alone.
    "mentorships/": [Call(M + "/", E(200))],
    "mentorships/<int:pk>/": [Call(M + "/{pair}/", E(404, mentor=200, mentee=200))],
    "mentorships/<int:pk>/accept/": [
        Call(M + "/{pair}/accept/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/<int:pk>/decline/": _get_post(
        M + "/{pair}/decline/", E(404, mentor=200, mentee=200), E(404, mentor=200, mentee=200)
    ),
    "mentorships/<int:pk>/charter/": _get_post(
        M + "/{pair}/charter/", E(404, mentor=200, mentee=200), E(404, mentor=200, mentee=200)
    ),
    "mentorships/<int:pk>/end/": _get_post(
        M + "/{pair}/end/", E(404, mentor=200, mentee=200), E(404, mentor=200, mentee=200)
    ),
    "mentorships/<int:pk>/complete/": [
        Call(M + "/{pair}/complete/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/<int:pk>/closing/": _get_post(
        M + "/{pair}/closing/",
        E(404, mentor=200, mentee=200),
        E(404, mentor=200, mentee=200),
        shows=("mentee",),
    ),
    "mentorships/<int:pk>/goals/new/": _get_post(
        M + "/{pair}/goals/new/", E(404, mentor=200, mentee=200), E(404, mentor=200, mentee=200)
    ),
    "mentorships/goals/<int:pk>/": _get_post(
        M + "/goals/{goal}/",
        E(404, mentor=200, mentee=200),
        E(404, mentor=200, mentee=200),
        shows=PAIR,
    ),
    "mentorships/goals/<int:pk>/milestones/": [
        Call(M + "/goals/{goal}/milestones/", E(404, mentor=200, mentee=200), "post", {}, PAIR)
    ],
    "mentorships/milestones/<int:pk>/reach/": [
        Call(M + "/milestones/{milestone}/reach/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/<int:pk>/project/": _get_post(
        M + "/{pair}/project/",
        E(404, **{r: 200 for r in PAIR}),
        E(404, **{r: 302 for r in PAIR}),
        shows=PAIR,
    ),
    "mentorships/<int:pk>/project/milestones/": [
        Call(
            M + "/{pair}/project/milestones/",
            E(404, mentor=400, mentee=400),
            "post",
            {},
            shows=PAIR,
        )
    ],
    "mentorships/project-milestones/<int:pk>/": [
        Call(
            M + "/project-milestones/{project_milestone}/",
            E(404, mentor=302, mentee=302),
            "post",
            {},
        )
    ],
    "mentorships/project-milestones/<int:pk>/delete/": [
        Call(
            M + "/project-milestones/{project_milestone}/delete/",
            E(404, mentor=302, mentee=302),
            "post",
            {},
        )
    ],
    "mentorships/meetings/<int:pk>/": [
        Call(MEET + "/", E(404, mentor=200, mentee=200), shows=PAIR)
    ],
    "mentorships/meetings/<int:pk>/agenda/": [
        Call(MEET + "/agenda/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/meetings/<int:pk>/prepare/": _get_post(
        MEET + "/prepare/",
        E(404, mentor=200, mentee=200),
        E(404, mentor=200, mentee=200),
        shows=("mentee",),
    ),
    "mentorships/meetings/<int:pk>/log/": _get_post(
        MEET + "/log/",
        E(404, mentor=200, mentee=200),
        E(404, mentor=200, mentee=200),
        shows=PAIR,
    ),
    "mentorships/meetings/<int:pk>/move/": _get_post(
        MEET + "/move/", E(404, mentor=200, mentee=200), E(404, mentor=200, mentee=200)
    ),
    "mentorships/meetings/<int:pk>/status/": [
        Call(MEET + "/status/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/meetings/<int:pk>/invite.ics": [
        Call(MEET + "/invite.ics", E(404, mentor=200, mentee=200))
    ],
    "mentorships/meetings/<int:pk>/reply/": [
        Call(MEET + "/reply/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/<int:pk>/video/": [
        Call(M + "/{pair}/video/", E(404, mentor=302, mentee=302), "post", {})
    ],
    "mentorships/calendar/": [Call(M + "/calendar/", E(PERSON, superuser=404))],
    "mentorships/calendar/link/": [Call(M + "/calendar/link/", E(200, superuser=404), "post", {})],
    "mentorships/calendar/revoke/": [
        Call(M + "/calendar/revoke/", E(302, superuser=404), "post", {})
    ],
    "coach/": [Call("/coach/", E(200))],
    # Self-matching: the mentee chooses, the mentor answers, the program's managers approve.
    "me/mentors/<slug:slug>/": _get_post(
        "/me/mentors/{slug}/", E(404, mentee=200), E(404, mentee=200)
    ),
    "me/requests/": [Call("/me/requests/", E(PERSON, superuser=404), shows=("mentor",))],
    "me/requests/<int:pk>/accept/": [
        Call(
            "/me/requests/{mentor_request}/accept/",
            E(404, mentor=302, mentee=302, **MGR302),
            "post",
            {},
        )
    ],
    "me/requests/<int:pk>/decline/": [
        Call(
            "/me/requests/{mentor_request}/decline/",
            E(404, mentor=302, mentee=302, **MGR302),
            "post",
            {},
        )
    ],
    "me/requests/<int:pk>/withdraw/": [
        Call(
            "/me/requests/{mentor_request}/withdraw/",
            E(404, mentor=302, mentee=302, **MGR302),
            "post",
            {},
        )
    ],
    "programs/<slug:slug>/requests/": [Call(P + "/requests/", E(404, **MGR))],
    "programs/<slug:slug>/requests/<int:pk>/approve/": [
        Call(P + "/requests/{mentor_request}/approve/", E(404, **MGR302), "post", {})
    ],
    "programs/<slug:slug>/requests/<int:pk>/refuse/": [
        Call(P + "/requests/{mentor_request}/refuse/", E(404, **MGR302), "post", {})
    ],
    # Insights: aggregates for the program's managers and its sponsor.
    "insights/programs/<int:pk>/": [
        Call("/insights/programs/{program}/", E(404, sponsor=200, **MGR))
    ],
    "insights/programs/<int:pk>/aggregates.csv": [
        Call("/insights/programs/{program}/aggregates.csv", E(404, sponsor=200, **MGR))
    ],
    "insights/programs/<int:pk>/impact-report.pdf": _get_post(
        "/insights/programs/{program}/impact-report.pdf",
        E(404, sponsor=200, **MGR),
        E(404, sponsor=200, **MGR),
    ),
    "insights/programs/<int:pk>/impact-report/<str:task_id>/": [
        Call(
            "/insights/programs/{program}/impact-report/{report_task}/", E(404, sponsor=200, **MGR)
        )
    ],
    "insights/programs/<int:pk>/impact-report/<str:task_id>/report.pdf": [
        Call(
            "/insights/programs/{program}/impact-report/{report_task}/report.pdf",
            E(404, sponsor=200, **MGR),
        )
    ],
    "insights/programs/<int:pk>/questions/": _get_post(
        "/insights/programs/{program}/questions/", E(404, **MGR), E(404, **MGR)
    ),
    "insights/alerts/": [Call("/insights/alerts/", E(200))],
    "surveys/": [Call("/surveys/", E(200))],
    "surveys/<int:pk>/": _get_post("/surveys/{due}/", E(404, mentee=200), E(404, mentee=200)),
    # Recognition.
    "certificates/": [Call("/certificates/", E(200))],
    "certificates/<int:pk>.pdf": [Call("/certificates/{certificate}.pdf", E(404, mentee=200))],
    "testimonials/<int:pk>/": _get_post(
        "/testimonials/{program}/",
        E(302, mentor=200, mentee=200, other_member=200),
        E(302, mentor=200, mentee=200, other_member=200),
    ),
    "recognition/programs/<int:pk>/testimonials/": [
        Call("/recognition/programs/{program}/testimonials/", E(404, **MGR))
    ],
    "recognition/testimonials/<int:pk>/decide/": [
        Call("/recognition/testimonials/{testimonial}/decide/", E(404, **MGR302), "post", {})
    ],
    r"^recognition/programs/(?P<pk>\d+)/story\.(?P<fmt>md|html)$": [
        Call("/recognition/programs/{program}/story.md", E(404, sponsor=200, **MGR)),
        Call("/recognition/programs/{program}/story.html", E(404, sponsor=200, **MGR)),
    ],
}
