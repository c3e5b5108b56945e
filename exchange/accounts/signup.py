"""allauth's sign-up form, telling the visitor what their e-mail address means for them."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib import messages
from django.utils.translation import gettext as _

from exchange.municipalities.selectors import municipality_for_email


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        user, response = super().try_save(request)
        # From the address alone, so a taken address reads the same (no account enumeration).
        announce_municipality(request, self.cleaned_data.get("email") or "")
        return user, response


def announce_municipality(request, email: str) -> None:
    municipality = municipality_for_email(email)
    if municipality is not None:
        messages.info(
            request,
            _(
                "Uw e-mailadres hoort bij de gemeente %(name)s: uw account is aan deze gemeente "
                "gekoppeld. Bevestig uw e-mailadres met de link in de e-mail die we u stuurden; "
                "daarna kunt u meteen meedoen."
            )
            % {"name": municipality.name},
        )
    else:
        messages.info(
            request,
            _(
                "Uw e-mailadres hoort niet bij een gemeente die bij ons bekend is. Bevestig uw "
                "e-mailadres met de link in de e-mail die we u stuurden; daarna beoordeelt een "
                "moderator uw aanmelding. U krijgt bericht zodra dat is gebeurd."
            ),
        )
