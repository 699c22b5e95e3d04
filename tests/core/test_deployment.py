"""What the production stack relies on: settings from the environment, check --deploy, gunicorn."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DEBUG": "false",
    "CONVENE_TESTING": "",
    "SECRET_KEY": "prod-like-" + "k3y" * 20,
    "ALLOWED_HOSTS": "convene.example.org",
    "SITE_URL": "https://convene.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def _env(tmp_path, **extra):
    dropped = {"DATABASE_URL", "REDIS_URL", "CONVENE_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(PROD_ENV)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    env["CONVENE_VAR_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "static")
    env.update(extra)
    return {k: v for k, v in env.items() if v != ""}


def _manage(tmp_path, *args, **extra):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=_env(tmp_path, **extra),
                          capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_missing_or_weak_secret_key(tmp_path):
    result = _manage(tmp_path, "check", SECRET_KEY="")  # an empty value leaves the variable unset
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
    result = _manage(tmp_path, "check", SECRET_KEY="short")
    assert result.returncode != 0 and "long random value" in result.stderr


def test_production_refuses_missing_allowed_hosts(tmp_path):
    result = _manage(tmp_path, "check", ALLOWED_HOSTS="")
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr


def test_email_url_configures_smtp(tmp_path):
    code = ("from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
            "s.EMAIL_HOST_USER, s.EMAIL_USE_TLS)")
    result = _manage(tmp_path, "shell", "--no-imports", "-c", code)
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.org", "587",
                                     "mailer", "True"]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_the_health_check_with_production_settings(tmp_path):
    """The command the web container runs, with the settings it relies on."""
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = _env(tmp_path, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1")
    command = [str(gunicorn), "cop_platform.wsgi:application", "--config", "python:cop_platform.gunicorn"]
    process = subprocess.Popen(command,
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        body = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and body is None:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz",
                                                 headers={"Host": "convene.example.org"})
                with urllib.request.urlopen(request, timeout=5) as response:
                    body = json.loads(response.read())
                    status = response.status
            except OSError:
                time.sleep(0.3)
        assert body is not None, "gunicorn did not answer"
        assert status == 200 and {k: body[k] for k in ("status", "database", "broker")} == {
            "status": "ok", "database": "ok", "broker": "eager"}
        assert "mail" in body  # its status table is not migrated here: reported as unknown, not an error
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_compose_file_runs_the_whole_stack_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:3] == ["celery", "-A", "cop_platform"]
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert {"postgres", "redis", "media"} <= set(compose["volumes"])
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "cop_platform.gunicorn" in dockerfile and "collectstatic" in dockerfile
