"""Settings of the optional integrations (chat notices, calendar invitations and free/busy),
read from the environment by ``settings.py``. Every one is off until configured."""

import os

from tandem.envconf import envbool, envint, envlist

# Slack direct messages (operations/notices/slack.py): a bot token turns them on.
TANDEM_SLACK_BOT_TOKEN = os.environ.get("TANDEM_SLACK_BOT_TOKEN", "")
TANDEM_SLACK_API_URL = os.environ.get("TANDEM_SLACK_API_URL", "https://slack.com/api/")
# A program's channel by Slack or Teams incoming webhook: allowed, then set per program.
TANDEM_CHAT_WEBHOOKS = envbool("TANDEM_CHAT_WEBHOOKS", False)
TANDEM_CHAT_WEBHOOK_HOSTS = envlist(
    "TANDEM_CHAT_WEBHOOK_HOSTS",
    ["hooks.slack.com", ".webhook.office.com", ".logic.azure.com", ".powerplatform.com"],
)
# Tries of one chat message by the task worker before it falls back to email.
TANDEM_NOTICE_ATTEMPTS = envint("TANDEM_NOTICE_ATTEMPTS", 6)
# Meeting invitations: the organizer's address (attendees' replies go there); the sender's
# address when empty.
TANDEM_CALENDAR_ORGANIZER = os.environ.get("TANDEM_CALENDAR_ORGANIZER", "")
# Free/busy from a person's private calendar address.
TANDEM_FREEBUSY = envbool("TANDEM_FREEBUSY", False)
TANDEM_FREEBUSY_DAYS = envint("TANDEM_FREEBUSY_DAYS", 120)
TANDEM_FREEBUSY_ALLOW_PRIVATE = envbool("TANDEM_FREEBUSY_ALLOW_PRIVATE", False)
TANDEM_FREEBUSY_MAX_BYTES = envint("TANDEM_FREEBUSY_MAX_BYTES", 5 * 1024 * 1024)
