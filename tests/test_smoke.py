def test_it_redirects_anonymous_visitors_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_builds_the_cast(cast):
    assert cast.program.managers.filter(pk=cast.manager.pk).exists()
