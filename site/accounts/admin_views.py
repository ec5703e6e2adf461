"""Admin screens: partners' change proposals (review and apply) and partner accounts."""

from django.core.exceptions import PermissionDenied

from wagtail.admin.panels import FieldPanel, Panel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import NGOChangeRequest, NGOPartnerProfile


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Change proposals come only from the NGO zone, never typed in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


class ChangesPanel(Panel):
    """What would change in the NGO record: current value beside the proposed one."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "accounts/admin/change_request_changes.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["change"] = self.instance
            context["rows"] = self.instance.changes() if self.instance.pk else []
            return context


class ChangeRequestEditView(EditView):
    def save_instance(self):
        change = self.form.instance
        decision = self.form.cleaned_data["status"]
        stored = NGOChangeRequest.objects.get(pk=change.pk)
        if stored.status != NGOChangeRequest.Status.PENDING:
            # Closed proposals keep their decision; only the reply can be corrected.
            stored.review_note = change.review_note
            stored.save(update_fields=["review_note"])
            return stored
        user = self.request.user
        if decision == NGOChangeRequest.Status.APPLIED:
            if not (user.has_perm("snippets.change_ngo") and user.has_perm("snippets.publish_ngo")):
                raise PermissionDenied
            change.apply(user)
        elif decision == NGOChangeRequest.Status.REJECTED:
            change.reject(user)
        else:
            change.save(update_fields=["review_note"])
        return change

    def get_success_message(self, instance=None):
        instance = instance or self.object
        if instance.status == NGOChangeRequest.Status.APPLIED:
            return f"Zmiany wprowadzono do wpisu „{instance.ngo}” i opublikowano."
        if instance.status == NGOChangeRequest.Status.REJECTED:
            return f"Propozycję zmian dla „{instance.ngo}” odrzucono."
        return "Zapisano odpowiedź."


class NGOChangeRequestViewSet(ModelViewSet):
    model = NGOChangeRequest
    icon = "edit"
    menu_label = "Zmiany od partnerów"
    url_prefix = "zmiany-danych-ngo"
    list_display = ["ngo", "submitted_at", "submitted_by", "status"]
    list_filter = ["status"]
    search_fields = ["ngo__name"]
    ordering = ["status", "-submitted_at"]
    copy_view_enabled = False
    edit_view_class = ChangeRequestEditView
    panels = [
        ChangesPanel(heading="Proponowane zmiany"),
        FieldPanel("status"),
        FieldPanel("review_note"),
    ]


class NGOPartnerProfileViewSet(ModelViewSet):
    model = NGOPartnerProfile
    icon = "user"
    menu_label = "Konta partnerów NGO"
    url_prefix = "konta-partnerow-ngo"
    list_display = ["user", "ngo", "created_at"]
    search_fields = ["user__username", "ngo__name"]
    copy_view_enabled = False
    form_fields = ["user", "ngo"]


class NGOPartnersGroup(ModelViewSetGroup):
    menu_label = "Partnerzy NGO"
    menu_icon = "group"
    menu_order = 310
    items = (NGOChangeRequestViewSet, NGOPartnerProfileViewSet)
