"""Rows for behaviour tests. The shipped data is loaded too (once per session): a factory
row should not depend on it, and should not collide with it (own titles, own years)."""

import datetime
from decimal import Decimal

import factory
from django.test import override_settings

from commitments.models import ActionPlan, Commitment, ProgressUpdate
from core.models import Source
from debt.models import (
    ConsumerPriceIndex,
    DebtFigure,
    DebtMicrosite,
    Loan,
    LoanBalance,
    Population,
    RegistryLoan,
    StateGDP,
)
from states.models import State


def delete_without_history(queryset):
    """Delete shipped rows a test does not want, without a historical record for each.

    django-simple-history writes one record per deleted row: most of the time of deleting
    thousands, and rolled back with the test anyway. The behaviour under test keeps its history.
    """
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        return queryset.delete()


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("cve_ent",)

    cve_ent = "32"
    name = "Zacatecas"
    short_name = "ZAC"
    slug = "zacatecas"


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    password = factory.django.Password("una-clave-larga-de-prueba")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        from django.contrib.auth.models import Group

        for name in names or ():
            self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def state(self, create, cve_ent, **kwargs):
        """The state this user acts for (StaffUserFactory(state="32")): its rows only."""
        from states.models import StateStaff

        if cve_ent:
            StateStaff.objects.create(user=self, state=State.objects.get(cve_ent=cve_ent))

    @factory.post_generation
    def every_state(self, create, extracted, **kwargs):
        """StaffUserFactory(every_state=True): acts for every state (a national garante)."""
        from django.contrib.auth.models import Permission

        if extracted:
            self.user_permissions.add(Permission.objects.get(codename="act_for_every_state"))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"fuente-de-prueba-{n}")
    reported_by = "Fuente de prueba"
    published_in = factory.LazyAttribute(lambda source: f"Documento {source.key}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    state = factory.SubFactory(StateFactory)
    number = factory.Sequence(lambda n: 50 + n)
    name = factory.LazyAttribute(lambda plan: f"{plan.number}° Plan de Acción Local de prueba")
    slug = factory.LazyAttribute(lambda plan: f"{plan.number}-pal-prueba")
    is_published = True


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    plan = factory.SubFactory(ActionPlanFactory)
    number = 1
    title = factory.Sequence(lambda n: f"Compromiso de prueba {n}")
    is_published = True


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    reported_on = datetime.date(2018, 1, 15)
    text = factory.Sequence(lambda n: f"Avance de prueba {n}")
    is_published = True


class DebtMicrositeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DebtMicrosite

    state = factory.SubFactory(StateFactory)
    is_published = True


class DebtFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DebtFigure

    state = factory.SubFactory(StateFactory)
    as_of = datetime.date(2090, 10, 1)
    date_precision = "month"
    scope = "state_government"
    amount = Decimal("1000000000")
    source = factory.SubFactory(SourceFactory)


class LoanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Loan

    state = factory.SubFactory(StateFactory)
    creditor = "Banco de prueba"
    label = factory.Sequence(lambda n: f"Crédito de prueba {n}")
    amount_contracted = Decimal("1000000000")
    source = factory.SubFactory(SourceFactory)


class RegistryLoanFactory(factory.django.DjangoModelFactory):
    """An entry of the RPU listing of 30 Jun 2023 (the shipped one), with its balance.

    `balance` (pesos) is written as the entry's LoanBalance on the listing's date.
    """

    class Meta:
        model = RegistryLoan
        skip_postgeneration_save = True

    registry = "rpu"
    as_of = datetime.date(2023, 6, 30)
    row_key = factory.Sequence(lambda n: f"prueba-{n}")
    state = factory.SubFactory(StateFactory)
    debtor = "Estado de prueba"
    debtor_type = "state_government"
    creditor = "Banco Nacional de Obras y Servicios Públicos, Sociedad Nacional de Crédito"
    obligation_type = "Crédito simple"
    signed_on = datetime.date(2020, 1, 15)
    source = factory.SubFactory(SourceFactory)

    @factory.post_generation
    def balance(self, create, amount, **kwargs):
        if create and amount is not None:
            LoanBalance.objects.create(
                registry_loan=self, as_of=self.as_of, amount=amount, source=self.source
            )


class ConsumerPriceIndexFactory(factory.django.DjangoModelFactory):
    """INPC of a month; the shipped series ends in 2026, so tests use far later months."""

    class Meta:
        model = ConsumerPriceIndex
        django_get_or_create = ("month",)

    month = datetime.date(2090, 1, 1)
    value = Decimal("100")


class PopulationFactory(factory.django.DjangoModelFactory):
    """CONAPO population of a state and year; the shipped projections end in 2040."""

    class Meta:
        model = Population

    state = factory.SubFactory(StateFactory)
    year = 2090
    start_of_year = 1_000_000
    mid_year = 1_000_000


class StateGDPFactory(factory.django.DjangoModelFactory):
    """A state's GDP of a year; the shipped series ends in 2024."""

    class Meta:
        model = StateGDP

    state = factory.SubFactory(StateFactory)
    year = 2090
    current_prices = Decimal("100000000000")
    prices_2018 = Decimal("80000000000")
