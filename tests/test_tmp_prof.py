import cProfile, pstats, io
import pytest
from tests.portal.test_query_counts import multiply_data
from tests.portal.test_urls import concrete
pytestmark = pytest.mark.django_db

def test_prof(client, shipped_data):
    multiply_data(10)
    for url in ["/deuda/zacatecas/historica/", "/deuda/zacatecas/actual/{loan}/", "/compromisos/zacatecas/1-pal/"]:
        u = concrete(url)
        client.get(u)
        pr = cProfile.Profile(); pr.enable()
        for _ in range(3): r = client.get(u)
        pr.disable()
        s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("cumulative").print_stats(28)
        print("=====", url, len(r.content)); print(s.getvalue()[:6000])
        s = io.StringIO(); pstats.Stats(pr, stream=s).sort_stats("tottime").print_stats(15)
        print(s.getvalue()[-3500:])
