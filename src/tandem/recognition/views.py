"""Public certificate verification, the holder's certificates, testimonials (write, consent,
review) and the program story. Thin: permission helper first, then a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.insights.permissions import get_program_dashboard_for, get_program_managed_by
from tandem.mentorships.permissions import person_of
from tandem.programs.models import Program
from tandem.recognition.errors import RecognitionError
from tandem.recognition.permissions import (
    get_certificate_for,
    get_testimonial_to_review,
    get_verified_certificate,
)
from tandem.recognition.services import certificates, story, testimonials


@require_GET
def verify(request, code: str):
    certificate = get_verified_certificate(code)
    response = render(request, "recognition/verify.html", {"certificate": certificate})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def my_certificates(request):
    person = person_of(request.user)
    found = certificates.mine(person) if person else []
    return render(request, "recognition/certificates.html", {"certificates": found})


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    certificate = get_certificate_for(request.user, pk)
    response = HttpResponse(certificates.pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def write_testimonial(request, pk: int):
    program = get_object_or_404(Program, pk=pk)
    try:
        testimonials.author_role(program, request.user)
    except RecognitionError as e:
        messages.error(request, str(e))
        return redirect("web:home")
    if request.method == "POST":
        try:
            if request.POST.get("withdraw"):
                if found := testimonials.mine(program, request.user):
                    testimonials.withdraw_consent(found, request.user)
            else:
                testimonials.write(
                    program,
                    request.user,
                    request.POST.get("text", ""),
                    bool(request.POST.get("consent")),
                )
        except RecognitionError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "✓")
            return redirect("recognition:write-testimonial", pk=program.pk)
    context = {"program": program, "testimonial": testimonials.mine(program, request.user)}
    return render(request, "recognition/write.html", context)


@login_required
@require_GET
def review_testimonials(request, pk: int):
    program = get_program_managed_by(request.user, pk)
    context = {"program": program, "testimonials": testimonials.to_review(program)}
    return render(request, "recognition/review.html", context)


@login_required
@require_POST
def decide_testimonial(request, pk: int):
    testimonial = get_testimonial_to_review(request.user, pk)
    try:
        testimonials.review(testimonial, request.user, approve=request.POST.get("approve") == "1")
    except RecognitionError as e:
        messages.error(request, str(e))
    return redirect("recognition:review-testimonials", pk=testimonial.program_id)


@login_required
@require_GET
def program_story(request, pk: int, fmt: str):
    program = get_program_dashboard_for(request.user, pk)
    text = story.export(program, request.user, fmt)
    kind = "text/markdown" if fmt == "md" else "text/html"
    response = HttpResponse(text, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-story.{fmt}"'
    return response
