from django.test import override_settings


@override_settings(DEBUG=False)
def test_it_answers_an_unknown_page_with_a_translated_404(client, db):
    response = client.get("/no-such-page/", headers={"accept-language": "fr"})
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page introuvable" in page
    assert '<html lang="fr">' in page


@override_settings(DEBUG=False)
def test_it_answers_an_unknown_page_in_english_by_default(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
