"""The practice editor's form: authors attach only their own municipality's files and contacts."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from exchange.accounts.models import Profile
from exchange.core.roles import is_moderator

from .media_access import usable_documents, usable_images
from .permissions import user_municipality_id


def _media_ids(attachments, approach) -> tuple[set[int], set[int]]:
    """(document ids, image ids) a practice attaches or shows in its approach."""
    documents = {attachment.document_id for attachment in attachments if attachment.document_id}
    images = set()
    for block in approach or []:
        if block.block_type == "document" and block.value.get("document"):
            documents.add(block.value["document"].pk)
        elif block.block_type == "image" and block.value.get("image"):
            images.add(block.value["image"].pk)
    return documents, images


class PracticeAdminForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "contact_person" in self.fields:
            self.fields["contact_person"].queryset = self._contact_candidates()

    def _contact_candidates(self):
        """Verified members; an author picks among colleagues of their own municipality."""
        users = get_user_model().objects.filter(
            is_active=True, profile__status=Profile.Status.VERIFIED
        )
        user = self.for_user
        if user is not None and not is_moderator(user):
            users = users.filter(profile__municipality_id=user_municipality_id(user))
        current = self.instance.contact_person_id
        if current:  # a contact chosen earlier (e.g. by a moderator) stays selectable
            users = users | get_user_model().objects.filter(pk=current)
        return users.order_by("first_name", "last_name", "email")

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None or is_moderator(user):
            return cleaned_data
        formset = self.formsets.get("attachments")
        attachments = [
            form.instance
            for form in (formset.forms if formset is not None and formset.is_valid() else [])
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        documents, images = _media_ids(attachments, cleaned_data.get("approach"))
        known_documents, known_images = self._media_already_on_the_practice()
        foreign_documents = documents - known_documents
        foreign_images = images - known_images
        if foreign_documents and usable_documents(user).filter(
            pk__in=foreign_documents
        ).count() < len(foreign_documents):
            raise ValidationError(
                _("U kunt alleen documenten van uw eigen gemeente aan deze praktijk toevoegen.")
            )
        if foreign_images and usable_images(user).filter(pk__in=foreign_images).count() < len(
            foreign_images
        ):
            raise ValidationError(
                _("U kunt alleen afbeeldingen van uw eigen gemeente in deze praktijk gebruiken.")
            )
        return cleaned_data

    def _media_already_on_the_practice(self) -> tuple[set[int], set[int]]:
        """Files the saved practice already carries (a moderator may have added them)."""
        if not self.instance.pk:
            return set(), set()
        saved = type(self.instance).objects.filter(pk=self.instance.pk).first()
        if saved is None:
            return set(), set()
        latest = saved.get_latest_revision_as_object()
        documents, images = set(), set()
        for version in (saved, latest):
            more_documents, more_images = _media_ids(version.attachments.all(), version.approach)
            documents |= more_documents
            images |= more_images
        return documents, images
