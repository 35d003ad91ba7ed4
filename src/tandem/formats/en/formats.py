"""One way to write dates and times in English, on every page, email and PDF (the short
formats are the long ones: a date never reads 08/24/2026 in one place and 2026-08-24 in
another). Times are 24-hour, as the pairs' meetings are planned across time zones."""

DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = DATE_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j N Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "N Y"
MONTH_DAY_FORMAT = "j N"
