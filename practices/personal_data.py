"""What the practices app keeps about a member, and its part in their data rights.

Registered from PracticesConfig.ready() (see exchange/core/personal_data.py). Practices are
Wagtail pages, and authors reach the admin only to work on them (`admin_access.py`), so this
app declares Wagtail's page, revision, workflow, comment and media relations too. Pages and
their history are the network's knowledge and stay, attributed to a "voormalig lid"; what only
served the member while editing goes.
"""

from django.db import transaction
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import Page, PageSubscription, UploadedFile

from exchange.core.personal_data import PersonalData, Relation
from exchange.core.personal_data import Treatment as T

from .models import PracticePage

HISTORY = "a practice's editorial history; shows the former-member label"
MEDIA = "attachments belong to the practices that use them; the uploader is a former member"

RELATIONS = (
    Relation("wagtailcore.Page", "owner", T.KEPT, HISTORY),
    Relation("wagtailcore.Page", "locked_by", T.ERASED),
    Relation("practices.PracticePage", "contact_person", T.ERASED),
    Relation("wagtailcore.Revision", "user", T.KEPT, HISTORY),
    Relation("wagtailcore.WorkflowState", "requested_by", T.KEPT, HISTORY),
    Relation("wagtailcore.TaskState", "finished_by", T.KEPT, HISTORY),
    Relation("wagtailcore.Comment", "user", T.KEPT, HISTORY),
    Relation("wagtailcore.Comment", "resolved_by", T.KEPT, HISTORY),
    Relation("wagtailcore.CommentReply", "user", T.KEPT, HISTORY),
    Relation("wagtailcore.PageSubscription", "user", T.ERASED),
    Relation("wagtailadmin.EditingSession", "user", T.ERASED),
    Relation("wagtailadmin.FormState", "user", T.ERASED),
    Relation("wagtaildocs.Document", "uploaded_by_user", T.KEPT, MEDIA),
    Relation("wagtailimages.Image", "uploaded_by_user", T.KEPT, MEDIA),
    Relation("wagtailcore.UploadedFile", "uploaded_by_user", T.ERASED),
)


def erase(user) -> None:
    # A practice must not offer a contact who is gone (the page row only; no new revision).
    PracticePage.objects.filter(contact_person=user).update(contact_person=None)
    # Nobody can come back to lift the member's lock; a moderator should not have to.
    Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
    for model in (PageSubscription, EditingSession, FormState):
        model.objects.filter(user=user).delete()
    # Uploads never finished into a document or image: the files go once the rows have.
    uploads = UploadedFile.objects.filter(uploaded_by_user=user)
    files = [upload.file for upload in uploads if upload.file]
    uploads.delete()
    for file in files:
        transaction.on_commit(lambda file=file: file.storage.delete(file.name))


PERSONAL_DATA = PersonalData(app="practices", relations=RELATIONS, erase=erase)
