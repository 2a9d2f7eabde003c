#!/bin/bash
# Second part: acknowledge a rejection, then print jobs in several states.
set -u
G=http://127.0.0.1:18080
J="Content-Type: application/json"
D1="Authorization: Bearer $(cat token-pda-legacy-1.txt)"
SA="Authorization: Bearer $(cat admin-session.txt)"
post() { curl -s -X POST "$G$1" -H "$J" "${@:3}" -d "$2"; echo; }
ctl() { echo "$2" | nc -q1 127.0.0.1 "$1"; }
post /api/v1/pick/rejections/0190f5c2-7b1a-7c3e-8f00-00000000a001/ack '{"operator":"OP-0042"}' -H "$D1"
# PRINTED: two labels on pack-1 (one from a template)
post /api/v1/print-jobs '{"jobId":"legacy-printed-1","printer":"pack-1","zpl":"^XA^FO50,50^A0N,40,40^FDLegacy one^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs '{"jobId":"legacy-printed-2","printer":"pack-1","template":"bin-location","data":{"bin":"A-01-03"},"copies":2}' -H "$D1"
sleep 3
# MAYBE_PRINTED: slow-1 takes 30 s per label; the connection breaks while it prints
post /api/v1/print-jobs '{"jobId":"legacy-maybe-1","printer":"slow-1","zpl":"^XA^FO50,50^FDMaybe^FS^XZ"}' -H "$D1"
sleep 2
ctl 19192 "power-cycle"
sleep 6
# HELD and QUEUED: pack-1 runs out of paper, its head job is held, the next waits
ctl 19191 "paper-out on"
sleep 6
post /api/v1/print-jobs '{"jobId":"legacy-held-1","printer":"pack-1","zpl":"^XA^FO50,50^FDHeld^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs '{"jobId":"legacy-queued-1","printer":"pack-1","zpl":"^XA^FO50,50^FDQueued^FS^XZ"}' -H "$D1"
# FAILED by a person (discard) and PRINTED by a person (mark-printed), on slow-1's queue
post /api/v1/print-jobs '{"jobId":"legacy-discarded-1","printer":"pack-1","zpl":"^XA^FDDiscard^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs/legacy-discarded-1/discard '{"reason":"wrong label"}' -H "$SA"
post /api/v1/print-jobs '{"jobId":"legacy-marked-1","printer":"pack-1","zpl":"^XA^FDMarked^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs/legacy-marked-1/mark-printed '{"reason":"printed by hand"}' -H "$SA"
sleep 4
curl -s "$G/api/v1/print-jobs" -H "$SA"; echo
