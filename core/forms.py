from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV (UTF-8) o XLSX"),
        validators=[FileExtensionValidator(["csv", "xlsx", "xlsm"])],
        help_text=_("Las columnas deciden qué se importa; vea las plantillas abajo."),
    )
