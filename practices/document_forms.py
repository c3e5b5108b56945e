"""The Wagtail document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): only allowed files get in.

Wagtail builds every document form from this base: the add and edit views, the multiple
uploader (each file goes through the full form before it is saved) and the chooser's upload tab.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from exchange.core import uploads


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail's own size check (also run in the browser by the multiple uploader).
            too_large = uploads.too_large_message()
            self.fields["file"].error_messages.update(
                file_too_large=too_large, file_too_large_unknown_size=too_large
            )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if isinstance(file, UploadedFile):  # a new upload, not the file already stored
            uploads.validate_upload(file)
        return file

    def _post_clean(self):
        refusals = len(self._errors.get("file", []))
        super()._post_clean()
        if refusals:
            # The model's own extension check then sees no file and adds a second, confusing
            # message ("Bestandsextensie '' is niet toegestaan"); one refusal says it all.
            del self._errors["file"].data[refusals:]
