"""Optional single sign-on with SAML 2.0 (djangosaml2 over pysaml2), beside OpenID Connect.

On only when the identity provider's metadata is configured (``TANDEM_SAML_IDP_METADATA_URL``
or ``…_FILE``). Assertions must be signed (pysaml2 checks the signature with ``xmlsec1``,
the audience, the lifetime and that they answer a request Tandem made); an assertion is
accepted once (its id is kept until it expires). The provider vouches for an email and/or an
employee id: Tandem lets in the matching account or person of the directory (creating their
account then) and never creates a person nor a second account (``sso.directory_user``).
"""

from __future__ import annotations

import functools
import logging
import shutil

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext as _
from djangosaml2 import views as saml_views
from djangosaml2.backends import Saml2Backend
from djangosaml2.middleware import SamlSessionMiddleware
from saml2 import BINDING_HTTP_POST
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NAMEID_FORMAT_UNSPECIFIED

from tandem.accounts.saml_store import remember
from tandem.accounts.sso import Refused, directory_user, mark_sso_session, unavailable

logger = logging.getLogger(__name__)
METADATA_CACHE_SECONDS = 3600


def enabled() -> bool:
    return bool(getattr(settings, "TANDEM_SAML_ENABLED", False))


def _require_enabled() -> None:
    if not enabled():
        raise Http404


def entity_id() -> str:
    return settings.TANDEM_SAML_SP_ENTITY_ID or f"{settings.SITE_URL}/saml2/metadata/"


def config_dict() -> dict:
    """pysaml2's configuration of Tandem as a service provider, from the settings."""
    metadata = (
        {"remote": [{"url": settings.TANDEM_SAML_IDP_METADATA_URL}]}
        if settings.TANDEM_SAML_IDP_METADATA_URL
        else {"local": [settings.TANDEM_SAML_IDP_METADATA_FILE]}
    )
    sp = {
        "name": "Tandem",
        "endpoints": {
            "assertion_consumer_service": [(f"{settings.SITE_URL}/saml2/acs/", BINDING_HTTP_POST)]
        },
        "allow_unsolicited": settings.TANDEM_SAML_ALLOW_IDP_INITIATED,
        "want_assertions_signed": True,
        "want_response_signed": False,
        "authn_requests_signed": bool(settings.TANDEM_SAML_SP_KEY_FILE),
        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS, NAMEID_FORMAT_UNSPECIFIED],
        "required_attributes": [],
    }
    config = {
        "entityid": entity_id(),
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "service": {"sp": sp},
        "metadata": metadata,
        "accepted_time_diff": 60,
        "allow_unknown_attributes": True,
    }
    if settings.TANDEM_SAML_SP_KEY_FILE:
        config["key_file"] = settings.TANDEM_SAML_SP_KEY_FILE
        config["cert_file"] = settings.TANDEM_SAML_SP_CERT_FILE
    return config


@functools.lru_cache(maxsize=4)
def _loaded(key: tuple, hour: int) -> SPConfig:
    """The loaded configuration (remote metadata fetched) once an hour per process."""
    conf = SPConfig()
    conf.load(config_dict())
    return conf


def config_loader(request=None) -> SPConfig:
    """djangosaml2's ``SAML_CONFIG_LOADER``."""
    key = (
        entity_id(),
        settings.TANDEM_SAML_IDP_METADATA_URL,
        settings.TANDEM_SAML_IDP_METADATA_FILE,
        settings.TANDEM_SAML_SP_KEY_FILE,
        settings.TANDEM_SAML_ALLOW_IDP_INITIATED,
        settings.SITE_URL,
    )
    return _loaded(key, int(timezone.now().timestamp()) // METADATA_CACHE_SECONDS)


def first_value(attributes: dict, names) -> str:
    """The first value of the first attribute named (case-insensitively, or as the end of a
    claim URI: ``…/claims/emailaddress``)."""
    lowered = {str(k).lower(): v for k, v in attributes.items()}
    for name in names:
        name = name.lower()
        for key, values in lowered.items():
            if key == name or key.endswith("/" + name):
                for value in values if isinstance(values, list) else [values]:
                    if str(value).strip():
                        return str(value).strip()
    return ""


class DirectorySaml2Backend(Saml2Backend):
    """Lets in the account or the person of the directory the assertion names."""

    def authenticate(self, request, session_info=None, assertion_info=None, **kwargs):
        if session_info is None or not enabled() or "ava" not in session_info:
            return None
        attributes = session_info["ava"]
        name_id = getattr(session_info.get("name_id"), "text", "") or ""
        email = first_value(attributes, settings.TANDEM_SAML_ATTRIBUTE_EMAIL)
        if not email and "@" in name_id:
            email = name_id
        employee_id = first_value(attributes, settings.TANDEM_SAML_ATTRIBUTE_EMPLOYEE_ID)
        remember(assertion_info or {})
        try:
            user = directory_user(email=email, employee_id=employee_id, via="saml")
        except Refused as refusal:
            logger.warning("SAML sign-in refused: %s", refusal.reason)
            request.tandem_sso_refused = refusal.reason
            return None
        if not self.user_can_authenticate(user):
            return None
        _rename(user, first_value(attributes, settings.TANDEM_SAML_ATTRIBUTE_NAME))
        return user


def _rename(user, name: str) -> None:
    """The account shows the name the provider gives (the directory's person keeps theirs)."""
    first, _sep, last = name.partition(" ")
    if name and (user.first_name, user.last_name) != (first[:150], last[:150]):
        user.first_name, user.last_name = first[:150], last[:150]
        user.save(update_fields=["first_name", "last_name"])


with_saml_session = decorator_from_middleware(SamlSessionMiddleware)


class LoginView(saml_views.LoginView):
    """``/saml2/login/``: sends the browser to the identity provider (HTTP-Redirect)."""

    def get(self, request, *args, **kwargs):
        _require_enabled()
        try:
            return super().get(request, *args, **kwargs)
        except Exception:  # the provider's metadata cannot be read: say so, keep passwords
            logger.exception("SAML sign-in could not start")
            return unavailable(request)


class AssertionConsumerView(saml_views.AssertionConsumerServiceView):
    """``/saml2/acs/``: the provider posts its signed assertion here."""

    def post(self, request, *args, **kwargs):
        _require_enabled()
        return super().post(request, *args, **kwargs)

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        logger.warning("SAML assertion refused: %s", exception)
        if getattr(request, "tandem_sso_refused", None):
            message = _(
                "Your single sign-on account matches nobody in the Tandem directory. "
                "Ask your program manager to add you, or sign in with your password."
            )
        else:
            message = _("Single sign-on did not complete. Try again or sign in with your password.")
        messages.error(request, message)
        return redirect("accounts:login")

    def post_login_hook(self, request, user, session_info) -> None:
        mark_sso_session(request, "saml")


class MetadataView(saml_views.MetadataView):
    """``/saml2/metadata/``: Tandem's metadata for the identity provider's administrator."""

    def get(self, request, *args, **kwargs):
        _require_enabled()
        return super().get(request, *args, **kwargs)


login = with_saml_session(LoginView.as_view(config_loader_path=config_loader))
acs = with_saml_session(AssertionConsumerView.as_view(config_loader_path=config_loader))
metadata = MetadataView.as_view(config_loader_path=config_loader)
