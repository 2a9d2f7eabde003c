# description: PDA enrollment label 4 x 2 in: QR with the enrollment link, the one-time code, gateway and site
# dpi: 203
# size: 812x406 dots
# field: enroll_uri qr required max=400 sample=floorgate://enroll?gateway=https%3A%2F%2Fgw-sh01.local%3A8080&code=7KQ2-M9XD
# field: code text required max=20 sample=7KQ2-M9XD
# field: gateway_url text required max=60 sample=https://gw-sh01.local:8080
# field: tenant text required max=30 sample=acme
# field: warehouse text required max=20 sample=SH01
# field: expires text optional max=30 sample=2025-07-01 18:00 UTC
^XA
^PW812
^LL406
^FO20,20^BQN,2,7^FDMA,${enroll_uri}^FS
^FO390,25^A0N,30,28^FDPDA ENROLLMENT^FS
^FO390,70^A0N,64,54^FD${code}^FS
^FO390,150^A0N,24,22^FD${gateway_url}^FS
^FO390,190^A0N,26,24^FDTenant^FS
^FO520,190^A0N,26,24^FD${tenant}^FS
^FO390,225^A0N,26,24^FDWarehouse^FS
^FO520,225^A0N,26,24^FD${warehouse}^FS
^FO390,275^A0N,22,20^FDValid until^FS
^FO390,302^A0N,26,24^FD${expires}^FS
^FO390,350^A0N,20,18^FDScan with the FloorGate app, or type the code.^FS
^XZ
