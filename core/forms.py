from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV, XLSX o XLS"),
        validators=[FileExtensionValidator(["csv", "txt", "xlsx", "xlsm", "xls"])],
        help_text=_(
            "El contenido decide qué se importa: nuestras plantillas o los archivos oficiales "
            "tal como se publican. CSV en UTF-8 o Latin-1."
        ),
    )
