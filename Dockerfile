FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# the image is for deployments: it refuses to start without a real TANGKAS_JWT_SECRET
ENV TANGKAS_ENV=production
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY domain ./domain
COPY gamification ./gamification
COPY migrations ./migrations
RUN pip install --no-cache-dir ".[s3]" && useradd --system --uid 10001 tangkas \
    && mkdir -p /app/tangkas-evidence && chown tangkas /app/tangkas-evidence
USER tangkas
EXPOSE 8000
CMD ["tangkas", "serve", "--host", "0.0.0.0", "--port", "8000"]
