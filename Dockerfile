# Convene production image: gunicorn serving Django; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=cop_platform.settings \
    STATIC_ROOT=/app/var/staticfiles \
    CONVENE_VAR_DIR=/app/var
# WeasyPrint (PDF builds) needs Pango; curl serves the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 convene
WORKDIR /app
COPY . .
COPY --from=assets /app/node_modules ./node_modules
# Editable: templates/ and static/ stay beside the code, where the settings look for them.
RUN pip install -e .
# collectstatic needs settings that load; these build-time values never reach a running container.
RUN SECRET_KEY=build-only-build-only-build-only-build-only-build-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media /app/var/builds && chown -R convene:convene /app/var
USER convene
EXPOSE 8000
CMD ["gunicorn", "cop_platform.wsgi:application", "--config", "python:cop_platform.gunicorn"]
