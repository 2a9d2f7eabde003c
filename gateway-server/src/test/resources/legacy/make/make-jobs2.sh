#!/bin/bash
# Third part: HELD and QUEUED on pack-1 (paper out), person actions (discard, mark-printed) with reasons.
set -u
G=http://127.0.0.1:18080
J="Content-Type: application/json"
D1="Authorization: Bearer $(cat token-pda-legacy-1.txt)"
SA="Authorization: Bearer $(cat admin-session.txt)"
post() { curl -s -X POST "$G$1" -H "$J" "${@:3}" -d "$2"; echo; }
post /api/v1/print-jobs '{"jobId":"legacy-template-1","printer":"pack-1","template":"bin-location","data":{"bin":"A-01-03","warehouse":"SH01"},"copies":2}' -H "$D1"
sleep 2
./ctl.sh 19191 "paper-out on"
sleep 7
post /api/v1/print-jobs '{"jobId":"legacy-held-2","printer":"pack-1","zpl":"^XA^FO50,50^FDHeld^FS^XZ"}' -H "$D1"
sleep 2
post /api/v1/print-jobs '{"jobId":"legacy-queued-2","printer":"pack-1","zpl":"^XA^FO50,50^FDQueued^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs '{"jobId":"legacy-discarded-2","printer":"pack-1","zpl":"^XA^FDDiscard^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs/legacy-discarded-2/discard '{"reason":"wrong label"}' -H "$SA"
post /api/v1/print-jobs '{"jobId":"legacy-marked-2","printer":"pack-1","zpl":"^XA^FDMarked^FS^XZ"}' -H "$D1"
post /api/v1/print-jobs/legacy-marked-2/mark-printed '{"reason":"written by hand"}' -H "$SA"
post /api/v1/print-jobs/legacy-maybe-1/reprint '{"reason":"checking reprint on a printed job"}' -H "$SA"
sleep 2
