#!/bin/sh
# One database per service (factor IV), each owned by a login role of its own and closed to every other role:
# the same layout as the launcher's embedded PostgreSQL (LocalPostgres: database "orders" owned by "orders_app").
# The postgres image runs this once, when it initialises an empty data directory (docker compose and the dev
# Kubernetes overlay both mount it into /docker-entrypoint-initdb.d). Passwords come from the environment.
set -eu

create_database() {
    database=$1 role=$2 password=$3
    psql --no-psqlrc --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
         --set database="$database" --set role="$role" --set password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
-- Every role may connect to every database by default; each service reaches only its own.
REVOKE CONNECT ON DATABASE :"database" FROM PUBLIC;
SQL
}

create_database orders orders_app "$ORDERS_DB_PASSWORD"
create_database inventory inventory_app "$INVENTORY_DB_PASSWORD"
