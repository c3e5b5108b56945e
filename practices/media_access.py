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


def usable_documents(user):
    Document = get_document_model()
    if is_moderator(user):
        return Document.objects.all()
    own = user_municipality_id(user)
    mine = Q(uploaded_by_user_id=user.pk)
    if own:
        attached = Document.objects.filter(practice_attachments__practice__municipality_id=own)
        mine |= Q(uploaded_by_user__profile__municipality_id=own) | Q(pk__in=attached.values("pk"))
    return Document.objects.filter(mine)


def usable_images(user):
    Image = get_image_model()
    if is_moderator(user):
        return Image.objects.all()
    own = user_municipality_id(user)
    mine = Q(uploaded_by_user_id=user.pk)
    if own:
        mine |= Q(uploaded_by_user__profile__municipality_id=own)
    return Image.objects.filter(mine)
