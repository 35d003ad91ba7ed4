"""SCIM filters (parsed and checked by scim2-models) turned into Django queries.

Each attribute a filter may name maps to a column of the directory's accounts or of their
people; names are matched case-insensitively by the parser, and values compare
case-insensitively unless the attribute is case-exact (ids, ``externalId``). An attribute
Tandem serves but cannot query (an email's type) answers ``invalidFilter`` naming it.
"""

from __future__ import annotations

import uuid

from django.db.models import Q
from scim2_models import InvalidFilterException, ScimFilter
from scim2_models.path import FilterVisitor
from scim2_models.path.expressions import CompareOperator, LogicalOperator

# (head attribute, sub-attribute) in scim2-models' Python names → the lookup's field.
USER_FIELDS = {
    ("id", None): "scim_id",
    ("user_name", None): "user_name",
    ("external_id", None): "external_id",
    ("display_name", None): "attributes__displayName",
    ("name", "formatted"): "attributes__name__formatted",
    ("name", "given_name"): "attributes__name__givenName",
    ("name", "family_name"): "attributes__name__familyName",
    ("title", None): "person__title",
    ("preferred_language", None): "attributes__preferredLanguage",
    ("active", None): "person__is_active",
    ("emails", "value"): "person__email",
    ("employee_number", None): "attributes__employeeNumber",
    ("organization", None): "attributes__organization",
    ("department", None): "person__department",
    ("manager", "value"): "person__manager__directory_account__scim_id",
    ("meta", "created"): "created_at",
    ("meta", "last_modified"): "updated_at",
}
GROUP_FIELDS = {
    ("id", None): "scim_id",
    ("display_name", None): "display_name",
    ("external_id", None): "external_id",
    ("members", "value"): "members__scim_id",
    ("meta", "created"): "created_at",
    ("meta", "last_modified"): "updated_at",
}
TEXT_LOOKUPS = {
    CompareOperator.eq: "exact",
    CompareOperator.co: "contains",
    CompareOperator.sw: "startswith",
    CompareOperator.ew: "endswith",
}
ORDER_LOOKUPS = {
    CompareOperator.gt: "gt",
    CompareOperator.ge: "gte",
    CompareOperator.lt: "lt",
    CompareOperator.le: "lte",
}


class _ToQuery(FilterVisitor[Q]):
    def __init__(self, scim_filter: ScimFilter, fields: dict):
        self.filter = scim_filter
        self.fields = fields

    def _field(self, attr_path, *, comparison: bool) -> tuple[str, bool]:
        resolve = self.filter.resolve_comparison if comparison else self.filter.resolve
        binding = resolve(attr_path)
        key = (binding.field_name, binding.sub_field_name)
        if key not in self.fields and binding.sub_field_name is None:
            key = (binding.field_name, "value")
        if key not in self.fields:
            raise InvalidFilterException(
                detail=f"Tandem cannot filter on {attr_path}", filter=str(self.filter)
            )
        return self.fields[key], binding.case_exact

    def visit_comparison(self, node) -> Q:
        field, case_exact = self._field(node.attr_path, comparison=True)
        value = node.value
        if field.endswith("scim_id"):
            return self._uuid(field, node.op, value)
        if node.op == CompareOperator.ne:
            return ~self._equal(field, value, case_exact)
        if node.op == CompareOperator.eq:
            return self._equal(field, value, case_exact)
        if node.op in TEXT_LOOKUPS:
            lookup = TEXT_LOOKUPS[node.op]
            return Q(**{f"{field}__{lookup if case_exact else 'i' + lookup}": value})
        return Q(**{f"{field}__{ORDER_LOOKUPS[node.op]}": value})

    @staticmethod
    def _equal(field: str, value, case_exact: bool) -> Q:
        if value is None:
            return Q(**{f"{field}__isnull": True})
        if isinstance(value, str) and not case_exact:
            return Q(**{f"{field}__iexact": value})
        return Q(**{field: value})

    @staticmethod
    def _uuid(field: str, op, value) -> Q:
        if op not in (CompareOperator.eq, CompareOperator.ne):
            raise InvalidFilterException(detail="ids compare with eq or ne only")
        try:
            match = Q(**{field: uuid.UUID(str(value))})
        except ValueError:
            match = Q(pk__in=[])
        return ~match if op == CompareOperator.ne else match

    def visit_present(self, node) -> Q:
        field, _case = self._field(node.attr_path, comparison=False)
        present = Q(**{f"{field}__isnull": False})
        if not field.endswith(("scim_id", "_at", "is_active")):
            present &= ~Q(**{field: ""})
        return present

    def visit_not(self, node) -> Q:
        return ~self.visit(node.expr)

    def visit_logical_expr(self, node) -> Q:
        queries = [self.visit(term) for term in node.terms]
        combined = queries[0]
        for query in queries[1:]:
            combined = combined & query if node.op == LogicalOperator.and_ else combined | query
        return combined

    def visit_value_path(self, node) -> Q:
        raise InvalidFilterException(
            detail=f"Tandem cannot filter inside {node.attr_path}[…]", filter=str(self.filter)
        )


def to_query(scim_filter: ScimFilter | None, fields: dict) -> Q:
    """The Django ``Q`` a parsed and bound filter stands for (everything when None)."""
    if scim_filter is None:
        return Q()
    return _ToQuery(scim_filter, fields).visit(scim_filter.ast)
