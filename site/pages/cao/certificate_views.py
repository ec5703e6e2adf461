"""/zaswiadczenia/sprawdz/: anyone checks a CAO certificate's code and sees only whom it
was issued to, for which training and when. Never cached, never indexed; each lookup
counts against the address's rate limit, so codes cannot be tried in bulk."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from core.ratelimit import is_rate_limited
from core.secret_links import secret_link_response
from pages.cao.models import TrainingCertificate
from pages.cao.models.certificate import normalised_code


@require_http_methods(["GET", "HEAD", "POST"])
def check_certificate(request):
    context, status = {"code": ""}, 200
    if request.method == "POST":
        typed = (request.POST.get("kod") or "").strip()
        context["code"] = typed[:40]
        if not typed:
            context["error"], status = "Wpisz kod z zaświadczenia.", 400
        elif is_rate_limited(request, "certificate-check"):
            context["error"], status = (
                "Zbyt wiele sprawdzeń z tego adresu. Spróbuj ponownie za godzinę.",
                429,
            )
        else:
            code = normalised_code(typed)
            certificate = (
                TrainingCertificate.objects.filter(code=code)
                .only("code", "holder_name", "event_title", "event_date")
                .first()
            )
            if certificate is None:
                context["not_found"], status = code or typed[:40], 404
            else:
                context["certificate"] = certificate
    return secret_link_response(
        TemplateResponse(request, "cao/certificate_check.html", context, status=status)
    )
