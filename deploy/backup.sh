#!/usr/bin/env bash
# TTDN backup and restore: the PostgreSQL database and the uploaded files (MEDIA_ROOT).
#
#   deploy/backup.sh [--env-file FILE] backup DIR
#       writes DIR/ttdn-YYYYMMDD-HHMMSS/ with database.dump (pg_dump, custom format),
#       media.tar.gz (MEDIA_ROOT) and SHA256SUMS, and prints that folder's path.
#   deploy/backup.sh [--env-file FILE] restore FOLDER
#       checks the files against SHA256SUMS, then restores the database with pg_restore into an
#       EMPTY database and the files into an empty MEDIA_ROOT; refuses (exit 2) if either has
#       anything in it, before changing anything.
#
# The database: DATABASE_URL (postgres://user:password@host:5432/name), or when it is not set the
# usual PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE). The files: MEDIA_ROOT.
# --env-file reads DATABASE_URL and MEDIA_ROOT from the settings file (e.g. /etc/ttdn/ttdn.env)
# when the environment does not set them. Needs pg_dump, pg_restore and psql of the server's
# major version or later, tar and sha256sum.
set -euo pipefail
umask 077

die() { echo "backup.sh: $*" >&2; exit "${2:-1}"; }
usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64; }

env_value() {  # env_value FILE NAME: the last NAME=value of FILE, without surrounding quotes
  sed -n "s/^[[:space:]]*$2=//p" "$1" | tail -n 1 | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/"
}

if [ "${1:-}" = "--env-file" ]; then
  [ -r "${2:-}" ] || die "cannot read the env file ${2:-}"
  [ -n "${DATABASE_URL:-}" ] || DATABASE_URL=$(env_value "$2" DATABASE_URL)
  [ -n "${MEDIA_ROOT:-}" ] || MEDIA_ROOT=$(env_value "$2" MEDIA_ROOT)
  shift 2
fi
[ $# -eq 2 ] || usage
command=$1
target=$2

if [ -n "${DATABASE_URL:-}" ]; then
  case "$DATABASE_URL" in
    postgres://* | postgresql://*) db=(--dbname="$DATABASE_URL") ;;
    *) die "DATABASE_URL must be a PostgreSQL URL (postgres://...); SQLite is copied as a file" ;;
  esac
else
  [ -n "${PGDATABASE:-}" ] || die "set DATABASE_URL, or PGDATABASE (and PGHOST, PGUSER ... as needed)"
  db=(--dbname="$PGDATABASE")
fi
[ -n "${MEDIA_ROOT:-}" ] || die "MEDIA_ROOT is not set"

backup() {
  local folder
  folder="$1/ttdn-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$1"
  mkdir "$folder" || die "$folder exists already"
  # The database first, then the files: every file a row names is then in the archive.
  pg_dump "${db[@]}" --format=custom --no-owner --no-privileges --file="$folder/database.dump"
  if [ -d "$MEDIA_ROOT" ]; then
    tar -C "$MEDIA_ROOT" -czf "$folder/media.tar.gz" .
  else
    tar -czf "$folder/media.tar.gz" --files-from=/dev/null
  fi
  (cd "$folder" && sha256sum database.dump media.tar.gz > SHA256SUMS)
  echo "$folder"
}

restore() {
  local folder=$1 tables
  [ -f "$folder/database.dump" ] && [ -f "$folder/media.tar.gz" ] || die "$folder is not a TTDN backup"
  (cd "$folder" && sha256sum --check --quiet SHA256SUMS) || die "$folder: the files do not match SHA256SUMS"
  tables=$(psql "${db[@]}" --no-psqlrc --tuples-only --no-align --set=ON_ERROR_STOP=1 --command \
    "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
  [ "$tables" = "0" ] || die "the database is not empty ($tables tables): restore only into a new, empty database" 2
  if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
    die "MEDIA_ROOT ($MEDIA_ROOT) is not empty: restore only into an empty folder" 2
  fi
  pg_restore "${db[@]}" --no-owner --no-privileges --exit-on-error --single-transaction "$folder/database.dump"
  mkdir -p "$MEDIA_ROOT"
  tar -C "$MEDIA_ROOT" -xzf "$folder/media.tar.gz" --no-same-owner
  echo "restored $folder"
}

case "$command" in
  backup) backup "$target" ;;
  restore) restore "$target" ;;
  *) usage ;;
esac
