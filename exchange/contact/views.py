"""Pages of contact through the site (/contact/). Members only; a conversation is shown to its
participants alone: everyone else, moderators included, gets a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from exchange.accounts.decorators import verified_member_required
from exchange.core.http import act
from exchange.municipalities.models import Municipality

from . import selectors, services
from .forms import ContactForm, ReplyForm


@verified_member_required
def contact_inbox(request):
    conversations = list(selectors.conversation_list(user=request.user))
    return render(request, "contact/inbox.html", {"conversations": conversations})


@verified_member_required
def contact_municipality(request, slug):
    """Write to members of another municipality who are open to contact."""
    municipality = get_object_or_404(Municipality, slug=slug)
    profile = getattr(request.user, "profile", None)
    if profile is not None and profile.municipality_id == municipality.pk:
        messages.info(request, _("Collega's van uw eigen gemeente bereikt u buiten deze site."))
        return redirect("municipality_detail", slug=municipality.slug)
    recipients = selectors.contactable_members(sender=request.user, municipality=municipality)
    form = ContactForm(request.POST or None, recipients=recipients)
    if request.method == "POST" and form.is_valid():
        conversation = act(
            request,
            lambda: services.contact_start(
                sender=request.user,
                recipients=form.cleaned_data["recipients"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            ),
            form=form,
            success=_("Uw bericht is verstuurd."),
        )
        if conversation:
            return redirect(conversation)
    return render(
        request,
        "contact/write.html",
        {"form": form, "municipality": municipality, "has_recipients": recipients.exists()},
    )


def _conversation_or_404(request, pk):
    conversation = selectors.conversation_for(user=request.user, pk=pk)
    if conversation is None:
        raise Http404
    return conversation


@verified_member_required
def contact_thread(request, pk):
    """The conversation with its messages; a participant replies here."""
    conversation = _conversation_or_404(request, pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = act(
            request,
            lambda: services.contact_reply(
                author=request.user, conversation=conversation, body=form.cleaned_data["body"]
            ),
            form=form,
            success=_("Uw antwoord is verstuurd."),
        )
        if sent:
            return redirect(conversation)
    if request.method == "GET":
        services.conversation_mark_read(user=request.user, conversation=conversation)
    others = [p for p in conversation.participants.all() if p.user_id != request.user.pk]
    return render(
        request,
        "contact/thread.html",
        {
            "conversation": conversation,
            "chat_messages": list(selectors.conversation_messages(conversation=conversation)),
            "others": others,
            "can_reply": any(p.left_at is None for p in others),
            "form": form,
        },
    )


@verified_member_required
def contact_leave(request, pk):
    """POST leaves; a GET (a participant's stray link) goes back to the conversation."""
    conversation = _conversation_or_404(request, pk)
    if request.method != "POST":
        return redirect(conversation)
    left = act(
        request,
        lambda: services.conversation_leave(user=request.user, conversation=conversation),
        success=_("U heeft het gesprek verlaten. U krijgt er geen berichten meer over."),
    )
    return redirect("contact_inbox" if left else conversation)
