"""Atom feed of public questions: read anonymously, so public and not hidden, whoever asks."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from exchange.visibility import Visibility

from .models import Question


class QuestionFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Nieuwe vragen in het Kennisnetwerk Sociale Stabiliteit")

    def subtitle(self):
        return _("Openbare vragen die gemeenten elkaar stellen")

    def link(self):
        return reverse("question_list")

    def items(self):
        return (
            Question.objects.filter(visibility=Visibility.PUBLIC, hidden=False)
            .select_related("municipality")
            .order_by("-created_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(strip_tags(item.body_html)).words(60)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_author_name(self, item):
        return item.municipality.name if item.municipality else None
