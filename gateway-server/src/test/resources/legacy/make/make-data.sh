#!/bin/bash
# Drives the pre-redesign gateway (3ea5e35) through its HTTP API to put real rows in every table of gateway.db.
set -u
G=http://127.0.0.1:18080
ADMIN="Authorization: Bearer legacy-admin-token-0123456789"
J="Content-Type: application/json"
post() { curl -s -X POST "$G$1" -H "$J" "${@:3}" -d "$2"; echo; }
# Devices: two enrolled PDAs, one of them revoked later
C1=$(post /api/v1/admin/enrollment-codes '{"tenant":"acme","warehouse":"SH01","ttlMinutes":60}' -H "$ADMIN" | python3 -c 'import json,sys;print(json.load(sys.stdin)["code"])')
C2=$(post /api/v1/admin/enrollment-codes '{"tenant":"acme","warehouse":"SH01","ttlMinutes":60}' -H "$ADMIN" | python3 -c 'import json,sys;print(json.load(sys.stdin)["code"])')
post /api/v1/admin/enrollment-codes '{"tenant":"globex","warehouse":"WH02","ttlMinutes":120}' -H "$ADMIN"  # left unused
T1=$(post /api/v1/devices/enroll "{\"code\":\"$C1\",\"deviceId\":\"pda-legacy-1\",\"kind\":\"PDA\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
T2=$(post /api/v1/devices/enroll "{\"code\":\"$C2\",\"deviceId\":\"pda-legacy-2\",\"kind\":\"PDA\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
echo "$T1" > token-pda-legacy-1.txt; echo "$T2" > token-pda-legacy-2.txt
post /api/v1/admin/devices/pda-legacy-2/revoke '' -H "$ADMIN"
D1="Authorization: Bearer $T1"
# An operator signed in on pda-legacy-1
post /api/v1/sessions '{"badge":"OP-0042"}' -H "$D1"
# Site IT signs in with the initial password and changes it (audit rows, admin_users, admin_sessions)
S=$(post /api/v1/admin/login '{"username":"admin","password":"floorgate"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
post /api/v1/admin/password '{"currentPassword":"floorgate","newPassword":"legacy-Passw0rd-2026"}' -H "Authorization: Bearer $S"
S2=$(post /api/v1/admin/login '{"username":"admin","password":"legacy-Passw0rd-2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
echo "$S2" > admin-session.txt
# An adopted printer
post /api/v1/admin/printers '{"name":"adopted-1","url":"tcp://127.0.0.1:19103","description":"Adopted on the page"}' -H "Authorization: Bearer $S2"
# Operations: two rejected by the core, one applied
post /api/v1/operations '{"opId":"0190f5c2-7b1a-7c3e-8f00-00000000a001","tenant":"acme","warehouse":"SH01","type":"PICK","sku":"OUT-1","qty":3,"location":"A-01-03","orderNo":"SO-1001"}' -H "$D1"
post /api/v1/operations '{"opId":"0190f5c2-7b1a-7c3e-8f00-00000000a002","tenant":"acme","warehouse":"SH01","type":"PICK","sku":"OUT-2","qty":1,"location":"A-02-01"}' -H "$D1"
post /api/v1/operations '{"opId":"0190f5c2-7b1a-7c3e-8f00-00000000a003","tenant":"acme","warehouse":"SH01","type":"PICK","sku":"SKU-123","qty":2,"location":"A-01-01"}' -H "$D1"
