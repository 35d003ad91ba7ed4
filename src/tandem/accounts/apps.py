from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tandem.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from tandem.accounts import cachecheck, keycheck  # noqa: F401 - register the checks
        from tandem.accounts.services import sessions  # noqa: F401 - sign-in receivers
