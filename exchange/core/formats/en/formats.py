"""English input formats that also accept the admin's Dutch dates (dd-mm-yyyy).

The Wagtail admin's date pickers write WAGTAIL_DATE_FORMAT / WAGTAIL_DATETIME_FORMAT
(Dutch, see settings) in every language, so a moderator who chose English in their admin
account must be able to send them too. Everything else comes from Django's own English
formats.
"""

from django.conf.locale.en import formats as django_en

DATE_INPUT_FORMATS = ["%d-%m-%Y", *django_en.DATE_INPUT_FORMATS]
DATETIME_INPUT_FORMATS = ["%d-%m-%Y %H:%M", *django_en.DATETIME_INPUT_FORMATS]
