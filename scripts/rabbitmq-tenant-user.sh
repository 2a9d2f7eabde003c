#!/usr/bin/env bash
# Creates (or updates) a tenant's RabbitMQ account for the core's events (docs/EVENTS.md, "Connecting"):
#   scripts/rabbitmq-tenant-user.sh TENANT PASSWORD [VHOST]
# The account may only declare and read queues named TENANT.*, bind them to floorgate.events with binding keys
# starting TENANT. (RabbitMQ topic permissions check the binding key: 'beta.#' or '#' is ACCESS_REFUSED), and
# publish to floorgate.orders (orders) and floorgate.parcels (parcel announcements) with routing keys starting
# TENANT. only. Needs rabbitmqctl rights on the node;
# FG_RABBITMQCTL overrides the command (e.g. "rabbitmqctl -n rabbit@host").
set -euo pipefail
tenant=${1:?usage: rabbitmq-tenant-user.sh TENANT PASSWORD [VHOST]}
password=${2:?usage: rabbitmq-tenant-user.sh TENANT PASSWORD [VHOST]}
vhost=${3:-/}
ctl=${FG_RABBITMQCTL:-rabbitmqctl}
if ! [[ $tenant =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]]; then
  echo "rabbitmq-tenant-user: tenant '$tenant' is not a tenant code (letters, digits, '.', '_', '-')" >&2
  exit 2
fi
word=${tenant//./%2E}   # a '.' in a code is %2E in routing keys (EVENTS.md)
if $ctl list_users -q | awk '{print $1}' | grep -qxF "$tenant"; then
  $ctl change_password "$tenant" "$password" >/dev/null
else
  $ctl add_user "$tenant" "$password" >/dev/null
fi
# configure, write, read (regexes on queue and exchange names)
$ctl set_permissions -p "$vhost" "$tenant" "^${word}\\..*" \
  "^(${word}\\..*|floorgate\\.orders|floorgate\\.parcels)\$" "^(${word}\\..*|floorgate\\.events)\$" >/dev/null
# topic permissions: write (publish routing keys), read (binding keys), per exchange
$ctl set_topic_permissions -p "$vhost" "$tenant" floorgate.events '^$' "^${word}\\." >/dev/null
$ctl set_topic_permissions -p "$vhost" "$tenant" floorgate.orders "^${word}\\." '^$' >/dev/null
# topic permissions are per exchange: the parcels exchange needs its own, or its keys would not be checked
$ctl set_topic_permissions -p "$vhost" "$tenant" floorgate.parcels "^${word}\\." '^$' >/dev/null
echo "rabbitmq-tenant-user: $tenant may read floorgate.events keys ${word}.* into queues ${word}.*," \
  "publish orders and announce parcels"
