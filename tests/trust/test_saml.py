"""SAML 2.0 sign-on end to end against a pysaml2 identity provider running in the test: real
signed assertions (xmlsec1), and a tampered, expired, wrong-audience or replayed one refused.
The provider's person is linked by email or employee id; nobody else gets in."""

import base64
import datetime as dt
import shutil
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.urls import reverse
from saml2 import BINDING_HTTP_REDIRECT, saml
from saml2.config import Config, IdPConfig
from saml2.metadata import entity_descriptor
from saml2.server import Server

from tandem.accounts import saml as tandem_saml
from tandem.accounts.models import AuditEvent, User
from tandem.accounts.services.twofactor import signed_in_with_sso
from tandem.accounts.sso import SSO_SESSION_KEY
from tests import factories as f

pytestmark = pytest.mark.skipif(
    shutil.which("xmlsec1") is None, reason="xmlsec1 is missing: `make test` installs it"
)
IDP = "https://idp.example.com/metadata"
SITE = "http://testserver"
BACKEND = "tandem.accounts.saml.DirectorySaml2Backend"


def _key_and_cert(folder, name: str) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def _idp_config(key: str, cert: str, sp_metadata: list[str]) -> dict:
    return {
        "entityid": IDP,
        "xmlsec_binary": shutil.which("xmlsec1"),
        "key_file": key,
        "cert_file": cert,
        "service": {
            "idp": {
                "endpoints": {
                    "single_sign_on_service": [
                        ("https://idp.example.com/sso", BINDING_HTTP_REDIRECT)
                    ]
                },
                "name_id_format": [saml.NAMEID_FORMAT_EMAILADDRESS],
                "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}},
            }
        },
        "metadata": {"inline": sp_metadata},
    }


def _sp_metadata(entity: str) -> str:
    conf = Config().load(
        {
            "entityid": entity,
            "service": {
                "sp": {
                    "endpoints": {
                        "assertion_consumer_service": [
                            (f"{SITE}/saml2/acs/", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST")
                        ]
                    },
                    "want_assertions_signed": True,
                }
            },
        }
    )
    return str(entity_descriptor(conf))


class IdentityProvider:
    def __init__(self, server: Server):
        self.server = server

    def answer(
        self, location: str, *, email: str, attributes=None, audience=None, signed=True
    ) -> dict:
        """The signed response to the AuthnRequest in ``location`` (a redirect to the IdP)."""
        query = {k: v[0] for k, v in parse_qs(urlparse(location).query).items()}
        request = self.server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        identity = {"mail": [email], **(attributes or {})}
        response = self.server.create_authn_response(
            identity,
            in_response_to=request.message.id,
            destination=f"{SITE}/saml2/acs/",
            sp_entity_id=audience or tandem_saml.entity_id(),
            name_id=saml.NameID(format=saml.NAMEID_FORMAT_EMAILADDRESS, text=email),
            userid=email,
            sign_assertion=signed,
            sign_response=False,
            authn={"class_ref": saml.AUTHN_PASSWORD, "authn_auth": IDP},
        )
        return {
            "SAMLResponse": base64.b64encode(str(response).encode()).decode(),
            "RelayState": query.get("RelayState", "/"),
        }


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("saml")
    return folder, _key_and_cert(folder, "idp")


@pytest.fixture
def idp(keys, settings):
    folder, (key, cert) = keys
    settings.SITE_URL = SITE
    settings.TANDEM_SAML_ENABLED = True
    settings.TANDEM_SAML_SP_ENTITY_ID = f"{SITE}/saml2/metadata/"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    other = "https://other-app.example.com/metadata"
    conf = IdPConfig().load(
        _idp_config(
            key, cert, [_sp_metadata(settings.TANDEM_SAML_SP_ENTITY_ID), _sp_metadata(other)]
        )
    )
    metadata = folder / "idp-metadata.xml"
    metadata.write_text(str(entity_descriptor(conf)))
    settings.TANDEM_SAML_IDP_METADATA_FILE = str(metadata)
    tandem_saml._loaded.cache_clear()
    yield IdentityProvider(Server(config=conf))
    tandem_saml._loaded.cache_clear()


def start(client, next_url="/me/") -> str:
    response = client.get(reverse("saml:login"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.example.com/sso?SAMLRequest=")
    return response["Location"]


def refused_for(caplog) -> str:
    return " ".join(r.getMessage() for r in caplog.records if r.name.startswith("tandem.accounts"))


def signed_in(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_it_signs_in_an_existing_account_by_email_and_marks_the_session(client, cast, idp):
    posted = idp.answer(start(client), email=cast.mentee.email.upper())
    response = client.post(reverse("saml:acs"), posted)
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert signed_in(client) == cast.mentee
    assert client.session[SSO_SESSION_KEY] == "saml"
    request = type("R", (), {"session": client.session})()
    assert signed_in_with_sso(request)


def test_it_links_the_imported_person_by_employee_id(client, db, idp):
    person = f.person("Nina Vidal", email="nina.vidal@acme.example", employee_id="E042")
    users = User.objects.count()
    posted = idp.answer(
        start(client), email="n.vidal@login.acme.example", attributes={"employeeNumber": ["E042"]}
    )
    client.post(reverse("saml:acs"), posted)
    person.refresh_from_db()
    assert person.user is not None and signed_in(client) == person.user
    assert User.objects.count() == users + 1 and not person.user.has_usable_password()
    assert AuditEvent.objects.filter(action="accounts.sso_account_created").exists()
    client.logout()
    client.post(reverse("saml:acs"), idp.answer(start(client), email="nina.vidal@acme.example"))
    assert signed_in(client) == person.user and User.objects.count() == users + 1


@pytest.mark.parametrize("case", ["stranger", "two people", "deactivated"])
def test_it_refuses_anyone_the_directory_does_not_name(client, cast, idp, case):
    email, attributes = "stranger@elsewhere.example", {}
    if case == "two people":
        email, attributes = cast.mentee.email, {"employeeNumber": [cast.mentor.person.employee_id]}
    if case == "deactivated":
        cast.mentee.person.is_active = False
        cast.mentee.person.save()
        email = cast.mentee.email
    users = User.objects.count()
    response = client.post(
        reverse("saml:acs"), idp.answer(start(client), email=email, attributes=attributes)
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert signed_in(client) is None and User.objects.count() == users
    page = client.get(response["Location"]).content.decode()
    assert "Single sign-on" in page or "single sign-on" in page


def test_a_tampered_assertion_is_refused(client, cast, idp, caplog):
    posted = idp.answer(start(client), email=cast.mentee.email)
    xml = base64.b64decode(posted["SAMLResponse"]).decode()
    assert cast.mentee.email in xml
    forged = xml.replace(cast.mentee.email, cast.manager.email)
    posted["SAMLResponse"] = base64.b64encode(forged.encode()).decode()
    client.post(reverse("saml:acs"), posted)
    assert signed_in(client) is None
    assert "Failed to verify signature" in refused_for(caplog)


def test_an_unsigned_assertion_is_refused(client, cast, idp):
    client.post(
        reverse("saml:acs"), idp.answer(start(client), email=cast.mentee.email, signed=False)
    )
    assert signed_in(client) is None


def test_an_expired_assertion_is_refused(client, cast, idp, caplog):
    posted = idp.answer(start(client), email=cast.mentee.email)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=20)):
        client.post(reverse("saml:acs"), posted)
    assert signed_in(client) is None
    assert "too old" in refused_for(caplog)


def test_an_assertion_for_another_application_is_refused(client, cast, idp, caplog):
    posted = idp.answer(
        start(client), email=cast.mentee.email, audience="https://other-app.example.com/metadata"
    )
    client.post(reverse("saml:acs"), posted)
    assert signed_in(client) is None


def test_a_replayed_assertion_is_refused(client, cast, idp, caplog):
    posted = idp.answer(start(client), email=cast.mentee.email)
    client.post(reverse("saml:acs"), posted)
    assert signed_in(client) == cast.mentee
    client.logout()
    client.post(reverse("saml:acs"), posted)
    assert signed_in(client) is None
    thief = type(client)()
    thief.post(reverse("saml:acs"), posted)
    assert thief.session.get("_auth_user_id") is None
    assert "Unsolicited response" in refused_for(caplog)


def test_an_unsolicited_assertion_is_refused_even_when_idp_initiated_is_on(
    client, cast, idp, settings, caplog
):
    posted = idp.answer(start(client), email=cast.mentee.email)
    client.post(reverse("saml:acs"), posted)
    client.logout()
    settings.TANDEM_SAML_ALLOW_IDP_INITIATED = True
    tandem_saml._loaded.cache_clear()
    client.post(reverse("saml:acs"), posted)
    assert signed_in(client) is None
    assert "SAML assertion replayed" in refused_for(caplog)  # its id was used once already


def test_the_login_page_shows_the_button_only_when_configured(client, db, settings):
    settings.TANDEM_SAML_ENABLED = False
    assert "SAML" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get("/saml2/login/").status_code == 404
    assert client.get("/saml2/metadata/").status_code == 404
    settings.TANDEM_SAML_ENABLED = True
    assert reverse("saml:login") in client.get(reverse("accounts:login")).content.decode()


def test_the_metadata_names_tandem_and_its_acs(client, db, idp):
    response = client.get("/saml2/metadata/")
    assert response.status_code == 200
    text = response.content.decode()
    assert f'entityID="{SITE}/saml2/metadata/"' in text and f"{SITE}/saml2/acs/" in text


def test_entra_claim_uris_map_email_and_name(db, settings, rf):
    """Entra ID names its claims by URI; the account takes the provider's display name."""
    settings.TANDEM_SAML_ENABLED = True
    person = f.person("Nina Vidal", email="nina.vidal@acme.example")
    claims = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims"
    session_info = {
        "ava": {
            f"{claims}/emailaddress": ["Nina.Vidal@acme.example"],
            f"{claims}/name": ["Nina V."],
        },
        "name_id": None,
    }
    request = rf.post("/saml2/acs/")
    backend = tandem_saml.DirectorySaml2Backend()
    user = backend.authenticate(
        request, session_info=session_info, assertion_info={"assertion_id": "a1"}
    )
    person.refresh_from_db()
    assert user == person.user and user.get_full_name() == "Nina V."
