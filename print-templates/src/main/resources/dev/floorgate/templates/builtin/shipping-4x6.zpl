# description: Shipping label 4 x 6 in: ship-from, ship-to, carrier and service, tracking and order barcodes
# dpi: 203
# size: 812x1218 dots
# field: from_name text required max=40 sample=FloorGate Demo Warehouse
# field: from_street text required max=40 sample=1 Dock Road
# field: from_city text required max=40 sample=3011 AA Rotterdam NL
# field: to_name text required max=40 sample=ACME Retail B.V.
# field: to_street text required max=40 sample=Keizersgracht 123
# field: to_street2 text optional max=40 sample=2nd floor, goods entrance
# field: to_city text required max=40 sample=1015 CJ Amsterdam
# field: to_country text required max=30 sample=NETHERLANDS
# field: carrier text required max=16 sample=DHL
# field: service text optional max=24 sample=EXPRESS 12:00
# field: weight text optional max=12 sample=3.2 kg
# field: ship_date date optional sample=2025-06-30
# field: package text optional max=12 sample=1 of 1
# field: tracking barcode required max=30 sample=JD014600006281234567
# field: order barcode required max=24 sample=SO-2025-000123
# field: note text optional max=120 sample=Deliver to reception; call ahead
^XA
^PW812
^LL1218
^FX ship from
^FO30,25^A0N,24,24^FDFROM^FS
^FO30,55^A0N,30,30^FD${from_name}^FS
^FO30,90^A0N,26,26^FD${from_street}^FS
^FO30,122^A0N,26,26^FD${from_city}^FS
^FO0,170^GB812,4,4^FS
^FX ship to
^FO30,190^A0N,26,26^FDSHIP TO^FS
^FO60,230^A0N,50,46^FD${to_name}^FS
^FO60,292^A0N,40,38^FD${to_street}^FS
^FO60,342^A0N,40,38^FD${to_street2}^FS
^FO60,392^A0N,46,44^FD${to_city}^FS
^FO60,450^A0N,46,44^FD${to_country}^FS
^FO0,520^GB812,4,4^FS
^FX carrier, service, weight, date, package
^FO30,545^A0N,70,60^FD${carrier}^FS
^FO360,550^A0N,36,34^FD${service}^FS
^FO360,600^A0N,30,28^FD${weight}^FS
^FO560,600^A0N,30,28^FD${ship_date}^FS
^FO30,630^A0N,30,28^FD${package}^FS
^FO0,680^GB812,4,4^FS
^FX tracking number
^FO30,700^A0N,26,26^FDTRACKING^FS
^BY2,3,10
^FO96,740^BCN,200,Y,N,N^FD${tracking}^FS
^FO0,990^GB812,4,4^FS
^FX order number and note
^FO30,1010^A0N,24,24^FDORDER^FS
^FO30,1045^BCN,90,Y,N,N^FD${order}^FS
^FO440,1010^A0N,24,24^FDNOTE^FS
^FO440,1045^FB350,5,4,L^A0N,26,24^FD${note}^FS
^XZ
