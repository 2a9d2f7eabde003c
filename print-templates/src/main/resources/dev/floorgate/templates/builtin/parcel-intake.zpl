# description: Parcel intake label 4 x 3 in: whose parcel it is (or NO OWNER), the shelf, the core's parcel id as Code 128, the carrier's tracking number
# dpi: 203
# size: 812x609 dots
# field: owner text required max=24 sample=C-100
# field: owner_name text optional max=36 sample=Ana Lima
# field: parcel barcode required max=20 sample=P7K3M9Q2X4T
# field: location text required max=20 sample=SHELF-A-3
# field: carrier text optional max=12 sample=UPS
# field: tracking text optional max=40 sample=1Z5R89390357567127
# field: received date optional sample=2026-12-07
^XA
^PW812
^LL609
^FX whose parcel: the customer code large (NO OWNER for a parcel nobody announced), the name under it
^FO30,20^A0N,90,80^FD${owner}^FS
^FO30,115^A0N,36,34^FD${owner_name}^FS
^FO0,165^GB812,4,4^FS
^FX the core's parcel id, what every later scan of this parcel reads
^BY3,3,10
^FO40,190^BCN,170,Y,N,N^FD${parcel}^FS
^FO0,410^GB812,4,4^FS
^FX where it goes, and the carrier's number it came with
^FO30,430^A0N,30,28^FDSHELF^FS
^FO30,465^A0N,80,70^FD${location}^FS
^FO520,430^A0N,30,28^FD${received}^FS
^FO520,470^A0N,36,34^FD${carrier}^FS
^FO30,560^A0N,28,26^FD${tracking}^FS
^XZ
