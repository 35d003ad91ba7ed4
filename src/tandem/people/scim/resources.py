"""What Tandem's SCIM endpoint serves, as scim2-models resources: a User trimmed to what
Tandem stores, the enterprise extension's employee number, organisation, department and
manager, and Groups of users. Attributes a directory sends beyond these are dropped on
arrival (``POLICY``), so nothing Tandem does not need is kept (no phone, no address)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Union

from pydantic import Field
from scim2_models import (
    URN,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    Filter,
    ListResponse,
    Mutability,
    Patch,
    PatchOp,
    Reference,
    Required,
    Resource,
    ResourceType,
    Returned,
    ScimPolicy,
    SearchRequest,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)
from scim2_models import Pagination as PaginationConfig

MAX_RESULTS = 200
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"

# Microsoft Entra ID sends attributes Tandem does not keep, "Remove" operations with a value
# and filtered paths to entries not there yet; Okta and Google stay within the RFC.
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
    unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
)


class Name(ComplexAttribute):
    formatted: str | None = None
    family_name: str | None = None
    given_name: str | None = None


class Email(ComplexAttribute):
    value: Annotated[str | None, Required.true] = None
    type: str | None = Field(None, examples=["work", "home", "other"])
    primary: bool | None = None


class Manager(ComplexAttribute):
    value: Annotated[str | None, Required.true, CaseExact.true] = None
    """The id of the manager's User in this directory."""

    ref: Annotated[Reference[Union["User"]] | None, Required.true] = Field(  # noqa: UP007, UP037
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    display_name: Annotated[str | None, Mutability.read_only, Returned.request] = None


class EnterpriseUser(Extension):
    __schema__ = URN(ENTERPRISE_SCHEMA)

    employee_number: str | None = None
    organization: str | None = None
    department: str | None = None
    manager: Manager | None = None


class User(Resource[Any]):
    __schema__ = URN(USER_SCHEMA)

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    name: Name | None = None
    display_name: str | None = None
    title: str | None = None
    preferred_language: str | None = None
    active: bool | None = None
    emails: Annotated[list[Email] | None, Required.true] = None

    Emails: ClassVar[type[ComplexAttribute]] = Email


class GroupMember(ComplexAttribute):
    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    ref: Annotated[Reference[Union["User"]] | None, Mutability.immutable] = Field(  # noqa: UP007, UP037
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])
    display: Annotated[str | None, Mutability.read_only, Returned.request] = None


class Group(Resource[Any]):
    __schema__ = URN(GROUP_SCHEMA)

    display_name: Annotated[str | None, Required.true] = None
    members: list[GroupMember] | None = None

    Members: ClassVar[type[ComplexAttribute]] = GroupMember


Manager.model_rebuild()
GroupMember.model_rebuild()
FullUser = User[EnterpriseUser]
USER_TYPE = ResourceType.from_resource(FullUser)
GROUP_TYPE = ResourceType.from_resource(Group)
RESOURCE_TYPES = {"User": USER_TYPE, "Group": GROUP_TYPE}
SCHEMAS = {
    USER_SCHEMA: User.to_schema(),
    ENTERPRISE_SCHEMA: EnterpriseUser.to_schema(),
    GROUP_SCHEMA: Group.to_schema(),
}
CONFIG = ServiceProviderConfig(
    documentation_uri=None,
    patch=Patch(supported=True),
    bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
    filter=Filter(supported=True, max_results=MAX_RESULTS),
    change_password=ChangePassword(supported=False),
    sort=Sort(supported=False),
    etag=ETag(supported=False),
    pagination=PaginationConfig(cursor=False, index=True, default_page_size=100),
    authentication_schemes=[
        AuthenticationScheme(
            type="oauthbearertoken",
            name="Bearer token",
            description="A token of the directory, from Tandem's SCIM directories page.",
            primary=True,
        )
    ],
)

# Parameterised once: pydantic builds a new class (a quarter of a second) per parameterisation.
MESSAGES = {
    model: {
        "search": SearchRequest[model],
        "patch": PatchOp[model],
        "list": ListResponse[model],
    }
    for model in (FullUser, Group)
}
