"""The matrix's rows for the admin: the site's own pages, and for every registered model its
list, add, change, history and delete pages on a real row. Only the superuser gets in (nobody
else is staff); everyone else is sent to the admin's sign-in page. None of these pages may show
what a pair wrote — not even to the superuser."""

from django.contrib import admin
from django.test import RequestFactory

from tandem.accounts.models import User
from tests.trust.matrix import LOGIN, Call

STAFF_ONLY = {"*": LOGIN}


def _su(status) -> dict:
    return {"*": LOGIN, "superuser": status}


def site_rows() -> dict[str, list[Call]]:
    return {
        "admin/": [Call("/admin/", _su(200))],
        "admin/login/": [Call("/admin/login/", {"*": 200, "superuser": 302})],
        "admin/logout/": [Call("/admin/logout/", {"*": 302}, "post", {})],
        "admin/password_change/": [Call("/admin/password_change/", _su(200))],
        "admin/password_change/done/": [Call("/admin/password_change/done/", _su(200))],
        "admin/autocomplete/": [
            Call(
                "/admin/autocomplete/?app_label=people&model_name=person&field_name=manager",
                _su(200),
            )
        ],
        "admin/jsi18n/": [Call("/admin/jsi18n/", _su(200))],
        # django-otp's admin: a device's set-up page and QR code (resetting a lost phone).
        "admin/otp_totp/totpdevice/<int:pk>/config/": [
            Call("/admin/otp_totp/totpdevice/{pk:otp_totp.TOTPDevice}/config/", _su(200))
        ],
        "admin/otp_totp/totpdevice/<int:pk>/qrcode/": [
            Call("/admin/otp_totp/totpdevice/{pk:otp_totp.TOTPDevice}/qrcode/", _su(200))
        ],
        "admin/r/<path:content_type_id>/<path:object_id>/": [
            Call("/admin/r/{pair_type}/{pair}/", _su(404))
        ],
        "admin/accounts/user/<id>/password/": [
            Call("/admin/accounts/user/{mentee_user}/password/", _su(200))
        ],
        app_list_route(): [Call(f"/admin/{label}/", _su(200)) for label in app_labels()],
        "admin/(?P<url>.*)$": [Call("/admin/nowhere/", _su(404))],
    }


def app_list_route() -> str:
    labels = "|".join(dict.fromkeys(m._meta.app_label for m in admin.site._registry))
    return f"admin/^(?P<app_label>{labels})/$"


def app_labels() -> list[str]:
    return sorted({model._meta.app_label for model in admin.site._registry})


def model_rows() -> dict[str, list[Call]]:
    """Per registered model; ``{pk}`` is filled with the model's first row by the test."""
    rows = {}
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        base = f"admin/{meta.app_label}/{meta.model_name}/"
        url = "/" + base
        obj = f"{url}{{pk:{meta.label}}}/"
        rows[base] = [Call(url, _su(200))]
        rows[base + "add/"] = [Call(url + "add/", _su(_status(model_admin.has_add_permission)))]
        rows[base + "<path:object_id>/"] = [Call(obj, _su(302))]
        rows[base + "<path:object_id>/change/"] = [Call(obj + "change/", _su(200))]
        rows[base + "<path:object_id>/history/"] = [Call(obj + "history/", _su(200))]
        rows[base + "<path:object_id>/delete/"] = [
            Call(obj + "delete/", _su(_status(model_admin.has_delete_permission)))
        ]
    return rows


def _status(permission) -> int:
    """200 where the model's admin lets a superuser add or delete, 403 where it never does
    (the audit trail, the task results, the sign-in attempts)."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return 200 if permission(request) else 403
