#!/bin/bash
# ctl.sh PORT COMMAND: one line to a printer simulator's control port
exec 3<>/dev/tcp/127.0.0.1/$1; echo "$2" >&3; timeout 2 head -n1 <&3; exec 3<&-
