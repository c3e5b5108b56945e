"""The search app's part in the retention policy (see exchange/core/personal_data.py).

The query log never records who searched, so it relates to no member; it is still cleared
after RETENTION_QUERY_LOG_DAYS, since a query can name a person. Registered from
SearchConfig.ready().
"""

from exchange.core.personal_data import PersonalData, RetentionStep

from .models import SearchQueryLog

RETENTION = (
    RetentionStep(
        key="query_logs",
        period_setting="RETENTION_QUERY_LOG_DAYS",
        due=lambda cutoff: [SearchQueryLog.objects.filter(created_at__lt=cutoff)],
        planned="Zou {count} zoekopdrachten verwijderen (ouder dan {days} dagen).",
        done="Zoekopdrachten verwijderd: {count}",
    ),
)

PERSONAL_DATA = PersonalData(app="kn_search", retention=RETENTION)
