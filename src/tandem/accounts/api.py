"""Who am I, and my personal API tokens (created and revoked by their owner only)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tandem.accounts.apikit import Page, answers
from tandem.accounts.schemas import InputSchema
from tandem.accounts.tokens import DEFAULT_DAYS, MAX_DAYS, ApiToken, create_token, revoke_token

router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    is_program_manager: bool
    person_id: int | None = None
    employee_id: str | None = None
    full_name: str | None = None


class TokenIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=100)
    days: int = Field(DEFAULT_DAYS, ge=1, le=MAX_DAYS)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: dt.datetime
    expires: dt.datetime
    last_used: dt.datetime | None
    revoked: dt.datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(..., description="The secret: shown only now, store it safely.")


def _person(user):
    return getattr(user, "person", None) if hasattr(user, "person") else None


@router.get("/me", response=answers(200, MeOut), summary="The signed-in user and their person")
def me(request):
    user = request.user
    person = _person(user)
    return {
        "id": user.pk,
        "email": user.email,
        "is_program_manager": user.is_program_manager,
        "person_id": person.pk if person else None,
        "employee_id": person.employee_id if person else None,
        "full_name": person.full_name if person else None,
    }


@router.get("/tokens", response=answers(200, list[TokenOut]), summary="My API tokens")
@paginate(Page)
def list_tokens(request):
    return ApiToken.objects.filter(user=request.user).order_by("pk")


@router.post("/tokens", response=answers(201, NewTokenOut), summary="Create a token")
def new_token(request, payload: TokenIn):
    token, secret = create_token(request.user, payload.name, days=payload.days)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": secret})


@router.delete("/tokens/{token_id}", response=answers(200, TokenOut), summary="Revoke a token")
def delete_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    return revoke_token(token, request.user)
