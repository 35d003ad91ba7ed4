"""Optional single sign-on with OpenID Connect (mozilla-django-oidc), for companies that have it.

On only when ``settings.TANDEM_OIDC_ENABLED`` (a client id and secret plus an issuer or its
endpoints, from the environment). The provider vouches for an email address; Tandem lets in
the account with that email, or the person of the directory with it (creating their account
then). Anyone else is refused: single sign-on never creates people.

With only an issuer, the endpoints come from its discovery document, fetched on the first
sign-in rather than at start-up, so an unreachable provider never stops password sign-ins.
"""

from __future__ import annotations

import functools
import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tandem.accounts.sso import Refused, directory_user, mark_sso_session, unavailable

logger = logging.getLogger(__name__)

DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_TIMEOUT = 10


@functools.lru_cache(maxsize=4)
def discovery(issuer: str) -> dict:
    """The provider's ``.well-known/openid-configuration``, once per process."""
    url = f"{issuer.rstrip('/')}/.well-known/openid-configuration"
    response = requests.get(url, timeout=DISCOVERY_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    if str(document.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise requests.RequestException(f"{url} describes another issuer")
    return document


def provider_setting(attr: str, *default):
    """A mozilla-django-oidc setting; endpoints left unset come from the issuer's discovery."""
    value = getattr(settings, attr, None)
    issuer = getattr(settings, "TANDEM_OIDC_ISSUER", "")
    if not value and attr in DISCOVERED and issuer:
        return discovery(issuer)[DISCOVERED[attr]]
    return import_from_settings(attr, *default)


def _require_enabled() -> None:
    if not getattr(settings, "TANDEM_OIDC_ENABLED", False):
        raise Http404


class DirectoryOIDCBackend(OIDCAuthenticationBackend):
    """Matches the provider's verified email to an account or to a person of the directory."""

    get_settings = staticmethod(provider_setting)

    def __init__(self, *args, **kwargs):
        # Django builds every backend for each password sign-in: read the provider's
        # settings (and maybe fetch its discovery document) only for an SSO callback.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or "state" not in request.GET:
            return None
        if not getattr(settings, "TANDEM_OIDC_ENABLED", False):
            return None
        super().__init__()
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks signature, expiry and nonce; also check who the token is for and
        who issued it, so a token minted for another application is refused."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud", [])
        audience = [audience] if isinstance(audience, str) else list(audience)
        if self.OIDC_RP_CLIENT_ID not in audience:
            raise SuspiciousOperation("OIDC token issued for another client")
        issuer = getattr(settings, "TANDEM_OIDC_ISSUER", "")
        if issuer and str(payload.get("iss", "")).rstrip("/") != issuer:
            raise SuspiciousOperation("OIDC token from another issuer")
        return payload

    def verify_claims(self, claims) -> bool:
        verified = claims.get("email_verified", True) not in (False, "false")
        return bool(claims.get("email")) and verified

    def filter_users_by_claims(self, claims):
        email = str(claims.get("email", "")).strip().lower()
        return self.UserModel.objects.filter(email__iexact=email) if email else []

    def create_user(self, claims):
        """Only for a person of the directory who has no account yet; None refuses."""
        email = str(claims.get("email", "")).strip().lower()
        try:
            return directory_user(email=email, via="oidc")
        except Refused as refusal:
            logger.info("SSO sign-in refused: %s", refusal.reason)
            self.request.tandem_sso_refused = True
            return None


class SSOStartView(OIDCAuthenticationRequestView):
    """``/oidc/authenticate/``: off (404) unless SSO is configured."""

    get_settings = staticmethod(provider_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        _require_enabled()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError, KeyError):
            logger.exception("SSO provider discovery failed")
            return unavailable(request)
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """``/oidc/callback/``: the provider sends the person back here; refusals say why."""

    get_settings = staticmethod(provider_setting)

    def get(self, request):
        _require_enabled()
        try:
            return super().get(request)
        except SuspiciousOperation as error:
            logger.warning("SSO callback refused: %s", error)
            return self.login_failure()
        except (requests.RequestException, ValueError, KeyError):
            logger.exception("SSO token exchange failed")
            return unavailable(request)

    def login_success(self):
        response = super().login_success()
        mark_sso_session(self.request, "oidc")
        return response

    @property
    def failure_url(self) -> str:
        return resolve_url("accounts:login")

    def login_failure(self):
        if getattr(self.request, "tandem_sso_refused", False):
            message = _(
                "Your single sign-on account matches nobody in the Tandem directory. "
                "Ask your program manager to add you, or sign in with your password."
            )
        else:
            message = _("Single sign-on did not complete. Try again or sign in with your password.")
        messages.error(self.request, message)
        return super().login_failure()
