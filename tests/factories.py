import factory

from states.models import State


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("cve_ent",)

    cve_ent = "32"
    name = "Zacatecas"
    short_name = "ZAC"
    slug = "zacatecas"
