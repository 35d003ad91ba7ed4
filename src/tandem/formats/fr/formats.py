"""Les dates et heures, écrites d'une seule façon en français sur les pages, les courriels et
les PDF (les formats courts sont les longs)."""

DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = DATE_FORMAT
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j N Y à H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "N Y"
MONTH_DAY_FORMAT = "j N"
