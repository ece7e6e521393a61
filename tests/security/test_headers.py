"""Security headers on every public page, and deploy defaults (issue 13, 7/11/15)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.fixture
def public_paths(make_article, make_section):
    section = make_section(slug="news")
    article = make_article(section=section, tags=["mecha"])
    return [
        "/",
        article.get_absolute_url(),
        section.get_absolute_url(),
        "/tag/mecha/",
        "/search/?q=mecha",
        "/series/",
        "/reviews/",
        "/feeds/",
        "/no-such-page/",
        "/admin/login/",
    ]


def test_every_page_carries_a_strict_content_security_policy(client, public_paths):
    for path in public_paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'self'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert sorted(policy["frame-src"]) == [
            "https://player.vimeo.com",
            "https://www.youtube-nocookie.com",
        ], path
        assert not any("unsafe" in s for v in policy.values() for s in v), path


def test_every_page_carries_a_permissions_policy(client, public_paths):
    for path in public_paths:
        policy = client.get(path)["Permissions-Policy"]
        features = dict(item.split("=", 1) for item in policy.split(", "))
        for switched_off in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[switched_off] == "()", (path, switched_off)
        assert "https://www.youtube-nocookie.com" in features["autoplay"], path


def test_media_on_another_host_is_allowed_as_images(settings):
    assert django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"][0]
    script = (
        "import json, os; os.environ['MEDIA_URL']='https://media.example.net/m/';"
        "from newsroom.site import settings as s;"
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "https://media.example.net" in json.loads(out.stdout)


def test_every_response_names_its_request_id(client, db):
    response = client.get("/robots.txt")
    generated = response["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/robots.txt")["X-Request-ID"] != generated
    passed_on = client.get("/robots.txt", HTTP_X_REQUEST_ID="edge-7f3a9c21")
    assert passed_on["X-Request-ID"] == "edge-7f3a9c21"
    hostile = client.get("/robots.txt", HTTP_X_REQUEST_ID="<script>\n" + "a" * 90)
    assert hostile["X-Request-ID"] != "<script>" and "\n" not in hostile["X-Request-ID"]


def test_log_lines_written_during_a_request_carry_its_id(rf):
    import logging

    from django.http import HttpResponse

    from newsroom.kernel.observability import RequestIdFilter, RequestIdMiddleware

    seen = []
    handler = logging.Handler()
    handler.addFilter(RequestIdFilter())
    handler.emit = lambda record: seen.append(record.request_id)
    logger = logging.getLogger("newsroom.test")
    logger.addHandler(handler)

    def view(request):
        logger.warning("inside the request")
        return HttpResponse("ok")

    try:
        response = RequestIdMiddleware(view)(
            rf.get("/", HTTP_X_REQUEST_ID="trace-12345678")
        )
        logger.warning("after the request")
    finally:
        logger.removeHandler(handler)
    assert response["X-Request-ID"] == "trace-12345678"
    assert seen == ["trace-12345678", "-"]


def deploy_settings(**env) -> dict:
    """Settings as production would load them, read in a fresh interpreter."""
    script = (
        "import json; from newsroom.site import settings as s;"
        "print(json.dumps({k: getattr(s, k, None) for k in ("
        "'SECURE_HSTS_SECONDS','SECURE_HSTS_INCLUDE_SUBDOMAINS',"
        "'SECURE_HSTS_PRELOAD','SILENCED_SYSTEM_CHECKS','ADMINS')}))"
    )
    base = {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "long-enough-and-varied-0123456789abcdefXYZ",
    }
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_HSTS", "ADMINS"))
    }
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=environ | base | env,
    )
    return json.loads(out.stdout)


def test_hsts_preload_and_subdomains_are_opt_in():
    default = deploy_settings()
    assert default["SECURE_HSTS_SECONDS"] == 31536000
    assert default["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert default["SECURE_HSTS_PRELOAD"] is False
    opted_in = deploy_settings(
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1"
    )
    assert opted_in["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert opted_in["SECURE_HSTS_PRELOAD"] is True
    assert opted_in["SILENCED_SYSTEM_CHECKS"] == []


def test_admins_are_read_from_the_environment():
    admins = deploy_settings(ADMINS="Desk <desk@example.com>, ops@example.com")
    assert admins["ADMINS"] == [["Desk", "desk@example.com"], ["", "ops@example.com"]]
