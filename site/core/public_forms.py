"""The one way a public form's POST is handled.

refuse by state → repeat? → rate limit → validate → store once → receipt → notices

Each form is described once by a `PublicForm` subclass in its app's `public_forms.py`
and registered from the app's `wagtail_hooks.py` with the `register_public_form` hook,
so a page model never imports its form or handler (they import the model; the other
way round would be an import circle). A page that takes a form on its own URL extends
`PublicFormPage`; a route that takes one (a snippet's page under an index) calls
`handle_post()` and `blank_form()` itself. See docs/submissions.md.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail import hooks

from core.form_notices import Notice, receipt_notice, staff_notice
from core.forms import PublicSubmissionForm, stored_with_token
from core.ratelimit import is_rate_limited, is_value_rate_limited, limit_for
from core.text import pluralize_pl

logger = logging.getLogger("core.public_forms")

HOOK = "register_public_form"

# Every form of the site posts to its page with this fragment, and whatever answers the
# POST (the error summary, a refusal or the receipt; only one is ever shown) carries this
# id and tabindex="-1": the browser scrolls to it and moves the focus there, without
# JavaScript, so nobody at 320 px lands on the top of a page whose message is off-screen.
RESULT_ID = "wynik"


def form_action(url: str) -> str:
    """URL (a form's action, "" for the page itself) with the fragment of the answer."""
    return f"{url}#{RESULT_ID}"


# The kinds of answer and their HTTP status: one table for every public form.
STORED = "stored"
NOT_ACCEPTING = "not_accepting"  # closed, not open yet, cancelled, full: the state refuses
NO_FORM = "no_form"  # this page takes no form at all (switched off by the editors)
RATE_LIMITED = "rate_limited"
INVALID = "invalid"
STATUS = {STORED: 200, INVALID: 400, NO_FORM: 405, NOT_ACCEPTING: 409, RATE_LIMITED: 429}

RATE_LIMITED_MESSAGE = (
    "Wysłano zbyt wiele formularzy z tego adresu w krótkim czasie. Spróbuj ponownie "
    "za {wait} albo skontaktuj się z wydziałem telefonicznie lub e-mailem."
)


@dataclass(frozen=True)
class Refusal:
    """Why nothing was stored: a kind from the table above and the reason in Polish.

    FIELD names a form field the reason belongs beside (then it is answered as INVALID).
    """

    kind: str
    reason: str
    field: str | None = None


class Refused(Exception):
    """Raised by `PublicForm.store()` when the state found while storing refuses."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.reason)
        self.refusal = refusal


class PublicForm:
    """One kind of public form: what it is sent to, its form, and its own steps.

    Subclasses set the class attributes and override the steps they need.
    """

    kind: ClassVar[str]  # its key in settings.RATE_LIMITS
    target_model: ClassVar[type]  # what it is sent to: a page type or a snippet
    form_class: ClassVar[type[PublicSubmissionForm]]
    # Said after every refusal, so nobody thinks it went through: "Twoja uwaga nie
    # została zapisana."
    not_stored: ClassVar[str]
    # A target may take more than one form: its page's own (True) and others that a
    # route of the page asks for by kind (a budget edition's ideas beside its projects).
    on_page: ClassVar[bool] = True

    def make_form(self, target, data=None, files=None) -> PublicSubmissionForm:
        """The form for TARGET: empty, or bound to the POSTed DATA and FILES. A form whose
        choices or limits depend on its target (a budget edition's pools) overrides it."""
        if data is None:
            return self.form_class()
        return self.form_class(data, files)

    def refusal(self, target, now: datetime) -> Refusal | None:
        """Why TARGET takes no submission at NOW, or None when it takes one."""
        return None

    def store(self, form: PublicSubmissionForm, target) -> tuple:
        """Store the valid FORM once: (the stored submission, whether it is new).

        May raise `Refused` when a check made while storing (e.g. under a lock) fails.
        """
        return self.build(form, target).save_once()

    def build(self, form: PublicSubmissionForm, target):
        """The unsaved submission of FORM to TARGET."""
        return form.build_instance()

    # The e-mails (core.form_notices): what the submission is called in them, the
    # SiteContactSettings field of the team's mailbox, the admin view of a submission.
    notice_what: ClassVar[str] = "zgłoszenie"
    team_mailbox: ClassVar[str] = ""
    admin_view: ClassVar[str] = ""

    def person_in_charge_email(self, target) -> str:
        """The e-mail of whoever handles submissions to TARGET ("" when none is known)."""
        return ""

    def admin_view_for(self, target) -> str:
        """The URL name the staff notice links to: `admin_view`, unless a form sends
        notices to people who open submissions in different places (the organisation in
        its zone, the team's mailbox in the admin)."""
        return self.admin_view

    def wants_staff_notice(self, submission) -> bool:
        return bool(self.admin_view)

    def limited_values(self, form: PublicSubmissionForm) -> list[tuple[str, str]]:
        """(scope in RATE_LIMITS, value) limited besides the client's IP, checked once the
        form is valid: e.g. the e-mail address a sign-up sends a link to."""
        return []

    def notices(self, request, target, submission) -> list[Notice]:
        """The e-mails a new SUBMISSION sets off: the staff notice (to the person in
        charge, else the team's mailbox) and the receipt to the person, if they gave an
        e-mail."""
        found = [receipt_notice(request, target, submission, self.notice_what)]
        if self.wants_staff_notice(submission):
            found.append(
                staff_notice(
                    request,
                    target,
                    submission,
                    what=self.notice_what,
                    person_email=self.person_in_charge_email(target),
                    team_mailbox=self.team_mailbox,
                    admin_view=self.admin_view_for(target),
                )
            )
        return [notice for notice in found if notice is not None]


def form_for(target, kind: str | None = None) -> PublicForm:
    """The registered `PublicForm` whose target model TARGET is: the form of KIND, or,
    without a kind, the form of TARGET's own page."""
    for hook in hooks.get_hooks(HOOK):
        form = hook()
        if not isinstance(target, form.target_model):
            continue
        if (form.kind == kind) if kind is not None else form.on_page:
            return form
    raise LookupError(f"No public form {kind or ''} is registered for {type(target).__name__}.")


def blank_form(
    target, now: datetime | None = None, kind: str | None = None
) -> PublicSubmissionForm | None:
    """An empty form for TARGET's page (or of KIND), or None while TARGET takes no
    submissions."""
    form = form_for(target, kind)
    if form.refusal(target, now or timezone.now()) is not None:
        return None
    return form.make_form(target)


def refusal_message(form: PublicForm, refusal: Refusal) -> str:
    return f"{refusal.reason} {form.not_stored}"


def rate_limited_reason(kind: str) -> str:
    _limit, period = limit_for(kind)
    if period % 3600 == 0:
        hours = period // 3600
        wait = "godzinę" if hours == 1 else pluralize_pl(hours, "godzinę", "godziny", "godzin")
    else:
        minutes = max(1, period // 60)
        wait = pluralize_pl(minutes, "minutę", "minuty", "minut")
    return RATE_LIMITED_MESSAGE.format(wait=wait)


Render = Callable[..., HttpResponse]


def handle_post(request, target, render: Render, kind: str | None = None) -> HttpResponse:
    """Answer a POST of TARGET's public form (of KIND, where TARGET takes several).

    RENDER(status, **context) renders TARGET's page with the context added: `form`
    (the bound form when it is shown again, None when not), `receipt` (the stored
    submission) or `refusal` (the message in Polish). Nothing is stored unless the
    answer is 200.
    """
    public_form = form_for(target, kind)

    def refuse(refusal: Refusal, form=None) -> HttpResponse:
        if refusal.field and form is not None:
            form.add_error(refusal.field, refusal.reason)
            return render(STATUS[INVALID], form=form)
        response = render(
            STATUS[refusal.kind], form=form, refusal=refusal_message(public_form, refusal)
        )
        if refusal.kind == NO_FORM:
            response["Allow"] = "GET, HEAD"
        return response

    # A repeat of a form already stored (a double click, a retry after a timeout) shows
    # the first receipt, whatever the state now: saying "not stored" would be untrue.
    repeat = stored_repeat(public_form, request.POST.get("form_token"))
    if repeat is not None:
        return render(STATUS[STORED], form=None, receipt=repeat)

    refusal = public_form.refusal(target, timezone.now())
    if refusal is not None:
        return refuse(refusal)

    form = public_form.make_form(target, request.POST, request.FILES)
    if is_rate_limited(request, public_form.kind):
        return refuse(Refusal(RATE_LIMITED, rate_limited_reason(public_form.kind)), form)
    if not form.is_valid():
        return render(STATUS[INVALID], form=form)
    for scope, value in public_form.limited_values(form):
        if is_value_rate_limited(scope, value):
            return refuse(Refusal(RATE_LIMITED, rate_limited_reason(scope)), form)
    try:
        submission, created = public_form.store(form, target)
    except Refused as refused:
        return refuse(refused.refusal, form if refused.refusal.field else None)
    if created:
        notices = public_form.notices(request, target, submission)
        # After the commit, so nobody is told of a submission that was rolled back.
        transaction.on_commit(lambda: send_notices(notices))
    return render(STATUS[STORED], form=None, receipt=submission)


def stored_repeat(public_form: PublicForm, token: str | None):
    """The submission already stored with the form token TOKEN, if any."""
    return stored_with_token(public_form.form_class._meta.model, token)


def send_notices(notices: list[Notice]) -> None:
    """Send each notice through the configured e-mail backend.

    A failed send is logged as an error with its traceback (never silent), and does not
    stop the other notices or take the receipt from the person: the submission is
    stored and the editors see it in the admin either way.
    """
    for notice in notices:
        try:
            send_mail(
                subject=notice.subject,
                message=notice.body,
                from_email=None,
                recipient_list=list(notice.to),
            )
        except Exception:
            logger.exception("Notice not sent: %s", notice.subject)


class PublicFormPage:
    """Mixin for a page type that takes a public form on its own URL.

    GET shows the empty form while the page takes submissions (`form` in the context);
    POST goes through `handle_post()`. List it before `BasePage` (and before
    `RoutablePageMixin`, whose index route it answers).
    """

    def serve(self, request, *args, **kwargs):
        view = args[0] if args else kwargs.get("view")
        is_index = view is None or getattr(view, "__name__", "") == "index_route"
        if request.method == "POST" and is_index:
            return handle_post(request, self, self.render_form_response(request))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "form" not in context:
            context["form"] = blank_form(self)
        return context

    def render_form_response(self, request) -> Render:
        def render(status: int, **extra) -> HttpResponse:
            context = self.get_context(request)
            context.update(extra)
            return TemplateResponse(request, self.get_template(request), context, status=status)

        return render
