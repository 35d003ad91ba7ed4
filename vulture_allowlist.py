"""Names vulture cannot see used (``make lint`` runs ``vulture``, configured in pyproject.toml).

Reviewed by hand: each name here is read by Django, django-ninja, pydantic, an identity
provider library, a template or a dotted path in settings, not by a Python call. A name that
is really dead does not belong here: delete the code instead. Never imported (vulture only
parses it).
"""

# Settings read by Django and its apps.
ALLOWED_HOSTS
AUTH_PASSWORD_VALIDATORS
AXES_ENABLED
CONTENT_SECURITY_POLICY
CSRF_COOKIE_HTTPONLY
CSRF_COOKIE_SAMESITE
CSRF_COOKIE_SECURE
CSRF_FAILURE_VIEW
CSRF_TRUSTED_ORIGINS
DATABASE_ROUTERS
DEFAULT_AUTO_FIELD
EMAIL_BACKEND
EMAIL_HOST
EMAIL_HOST_PASSWORD
EMAIL_HOST_USER
EMAIL_PORT
EMAIL_USE_TLS
FILE_UPLOAD_MAX_MEMORY_SIZE
FORM_RENDERER
FORMAT_MODULE_PATH
INSTALLED_APPS
LOCALE_PATHS
LOGGING
LOGIN_URL
LOGOUT_REDIRECT_URL
MIDDLEWARE
OIDC_AUTHENTICATION_CALLBACK_URL
OIDC_OP_JWKS_ENDPOINT
OIDC_RP_SCOPES
OIDC_RP_SIGN_ALGO
OIDC_TIMEOUT
OIDC_USE_PKCE
OTP_TOTP_ISSUER
PASSWORD_HASHERS
PASSWORD_RESET_TIMEOUT
ROOT_URLCONF
SAML_CSP_HANDLER
SAML_DEFAULT_BINDING
SAML_SESSION_COOKIE_NAME
SECURE_CONTENT_TYPE_NOSNIFF
SECURE_CROSS_ORIGIN_OPENER_POLICY
SECURE_HSTS_INCLUDE_SUBDOMAINS
SECURE_HSTS_PRELOAD
SECURE_HSTS_SECONDS
SECURE_PROXY_SSL_HEADER
SECURE_REFERRER_POLICY
SECURE_SSL_REDIRECT
SESSION_COOKIE_HTTPONLY
SESSION_COOKIE_SAMESITE
STATIC_ROOT
STATIC_URL
STORAGES
TASKS
TEMPLATES
TIME_ZONE
USE_I18N
USE_TZ
WSGI_APPLICATION
X_FRAME_OPTIONS

# Admin options.
add_fieldsets
autocomplete_fields
can_delete
date_hierarchy
fieldsets
filter_horizontal
fk_name
inlines
list_filter
list_select_related
ordering
prepopulated_fields
raw_id_fields
readonly_fields
search_fields
show_change_link
show_full_result_count

# URL configuration and the WSGI entry point.
__qualname__
app_name
application
site_header
site_title
urlpatterns

# Model fields and choices, form and schema fields, dataclass fields and attributes
# that templates, serialisers or the ORM read (rows written with update_fields, etc.).
abstract
accepted_at
acquired
acs
allowed_count
author_id
authorised_subjects
birth_year
broken
chat_webhook_host
chat_webhook_set
chat_webhooks_enabled
COACH
coach_id
colleague_id
confidentiality
confirmed
constraints
created_by
decided_at
decided_by
display
duration_minutes
ended_by
evidence_label
exercises
expiry
failed_at
fallback_at
has_log
help_texts
indexes
issued_at
last_error
learned
learner_id
logs
marked_at
Members
mentee_learned
mentee_name
mentor_count
mentor_learned_something
mentor_name
milestones_done
milestones_total
model_config
MONTH_DAY_FORMAT
moved_at
moved_by
NONE
OIDC_OP_AUTH_ENDPOINT
OTHER
program_status
published_by
redirect_authenticated_user
ref
reply
requested_by
REQUIRED_FIELDS
reviewed_at
reviewed_by
scope
sd_gain
SHORT_DATE_FORMAT
SHORT_DATETIME_FORMAT
shown_reasons
signed_off_by_id
SLACK_WEBHOOK
state_of_mind
status_changed_at
status_changed_by
strokeColor
targeted_learning
TEAMS_WEBHOOK
template_name
TIME_FORMAT
to_improve
token_hash
topics_to_raise
trained_at_minimum
tree_depth
tree_post
tree_pre
unverified
user_agent
USERNAME_FIELD
verbose_name
verbose_name_plural
verified_by_id
warnings
widgets
YEAR_MONTH_FORMAT

# Arguments a caller's protocol requires (signal receivers, database routers, widgets).
kw
obj1
obj2
renderer

# Classes and functions named by a dotted path in settings (middleware, authentication
# backends, routers, email backends, the CSRF failure view) or by a library's hook.
ApiJsonErrors
BadTextGuard
DirectoryOIDCBackend
DirectorySaml2Backend
PersonTimeZoneMiddleware
ReplicaRouter
RequireTwoFactor
SignedInPersonMiddleware
StderrEmailBackend
WidgetRenderer
csrf_failure
allow_request  # ninja throttle
effective_weights  # the programs API schema's field alias
failure_url  # mozilla-django-oidc
filter_users_by_claims  # mozilla-django-oidc
verify_claims  # mozilla-django-oidc
handle_acs_failure  # djangosaml2
post_login_hook  # djangosaml2
id_for_label  # Django widget
Input  # ninja pagination's query schema

# Views named in a URL table by string or through a table of handlers.
group_detail
group_list
group_search
not_found
resource_types
root_search
schemas
service_provider_config
user_detail
user_list
user_search

# Management command actions dispatched by name (getattr(self, f"_{action}")).
_erase
_export
_purge
_token

# Properties and methods read by templates.
done_count
fallback_words
general_label
get_status_label
goal_rows
text_rows
mentorships_by_status
status_preview
svg

# Used by tests only, kept as the service API the tests exercise: propose_agenda (the checked
# entry point of agenda_proposal), is_free, manager_summary; matching's forbid_pair and
# choose_suggestion; mentorships' permission getters for a preparation, a goal's progress and
# a closing review. Each is a candidate for removal with its tests.
choose_suggestion
forbid_pair
get_closing_review_for
get_goal_progress_for
get_preparation_for
is_free
manager_summary
propose_agenda
