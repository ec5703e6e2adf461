"""Admin forms of the registries, where a rule spans a record and its inline rows."""

from wagtail.admin.forms import WagtailAdminModelForm


def _pln(amount) -> str:
    """12345.5 -> '12 345,50 zł' (a non-breaking space groups thousands)."""
    return f"{amount:,.2f} zł".replace(",", "\xa0").replace(".", ",")


class GrantCallForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        awards = self.formsets.get("awards")
        total = cleaned.get("total_funds")
        if awards is None or total is None or not awards.is_valid():
            return cleaned
        awarded = sum(
            form.cleaned_data["amount"]
            for form in awards.forms
            if form.cleaned_data.get("amount") is not None and not form.cleaned_data.get("DELETE")
        )
        if awarded > total:
            self.add_error(
                "total_funds",
                f"Przyznane dotacje ({_pln(awarded)}) przekraczają łączną kwotę środków "
                f"konkursu ({_pln(total)}).",
            )
        return cleaned
