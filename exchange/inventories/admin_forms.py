"""The questionnaire's admin form: refuses changes that would break answers already given."""

from wagtail.admin.forms import WagtailAdminModelForm

from .services import change_refusal, questionnaire_change_problems


class QuestionnaireAdminForm(WagtailAdminModelForm):
    def is_valid(self):
        if not super().is_valid():
            return False
        formset = self.formsets["questions"]
        deleted = set(formset.deleted_forms)
        questions = [
            form.instance
            for form in formset.forms
            if form not in deleted and (form.instance.pk or form.has_changed())
        ]
        problems = questionnaire_change_problems(self.instance, questions)
        if problems:
            self.add_error(None, change_refusal(problems))
            return False
        return True
