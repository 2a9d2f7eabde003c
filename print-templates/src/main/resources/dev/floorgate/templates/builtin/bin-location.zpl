# description: Bin location label 4 x 2 in: bin code large and as Code 128, warehouse, zone, level
# dpi: 203
# size: 812x406 dots
# field: bin barcode required max=20 sample=A-01-03-B
# field: warehouse text required max=20 sample=SH01
# field: zone text optional max=24 sample=AMBIENT
# field: level integer optional sample=3
^XA
^PW812
^LL406
^FO30,20^A0N,32,30^FD${warehouse}^FS
^FO380,20^FB400,1,0,R^A0N,32,30^FD${zone}^FS
^FO30,62^A0N,120,100^FD${bin}^FS
^FO0,190^GB812,3,3^FS
^BY2,3,10
^FO30,210^BCN,150,N,N,N^FD${bin}^FS
^FO620,210^GB170,160,4^FS
^FO620,225^FB170,1,0,C^A0N,30,28^FDLEVEL^FS
^FO620,270^FB170,1,0,C^A0N,90,80^FD${level}^FS
^XZ
