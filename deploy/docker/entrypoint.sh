#!/bin/sh
# Loads secrets that the code reads from environment variables, then runs the
# container command. A variable VAR may be given as VAR_FILE (a mounted secret,
# e.g. /run/secrets/admin_password) so its value never appears in the
# container's configuration; giving both is an error. The secrets read this way:
# the demo administrator's password (gateway) and the survey's dossier pepper.
set -eu

for var in ADMIN_PASSWORD C360_SURVEY_DOSSIER_PEPPER; do
    file_var="${var}_FILE"
    eval "value=\${$var:-}"
    eval "file=\${$file_var:-}"
    if [ -n "$file" ]; then
        if [ -n "$value" ]; then
            echo "cadre360-entrypoint: both $var and $file_var are set; use one" >&2
            exit 64
        fi
        if [ ! -r "$file" ]; then
            echo "cadre360-entrypoint: $file_var=$file is not readable by uid $(id -u)" >&2
            exit 66
        fi
        value="$(cat "$file")"
        export "$var=$value"
        unset "$file_var"
    fi
done

exec "$@"
