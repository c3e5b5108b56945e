"""Which documents and images a member may put on a practice.

A non-moderator attaches or embeds only files from their own municipality: their own uploads,
their colleagues', and files already attached to their municipality's practices. Otherwise an
author could pick another municipality's restricted file and publish it on a public practice.
"""

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from exchange.core.roles import is_moderator

from .permissions import user_municipality_id


def _uploaded_in_own_municipality(user) -> Q:
    own = user_municipality_id(user)
    mine = Q(uploaded_by_user_id=user.pk)
    return mine | Q(uploaded_by_user__profile__municipality_id=own) if own else mine


def usable_documents(user):
    Document = get_document_model()
    if is_moderator(user):
        return Document.objects.all()
    usable = _uploaded_in_own_municipality(user)
    own = user_municipality_id(user)
    if own:
        attached = Document.objects.filter(practice_attachments__practice__municipality_id=own)
        usable |= Q(pk__in=attached.values("pk"))
    return Document.objects.filter(usable)


def usable_images(user):
    Image = get_image_model()
    if is_moderator(user):
        return Image.objects.all()
    return Image.objects.filter(_uploaded_in_own_municipality(user))
