# description: SKU label 4 x 2 in: SKU, description, GS1-128 with GTIN (01), optional expiry (17) and batch (10)
# dpi: 203
# size: 812x406 dots
# field: sku barcode required max=20 sample=SKU-10042
# field: description text required max=70 sample=Stainless steel water bottle 750 ml, blue
# field: gtin gtin required sample=09501101530003
# field: expiry date optional sample=2026-12-31
# field: batch text optional max=20 sample=ABC123
^XA
^PW812
^LL406
^FO30,20^A0N,44,40^FD${sku}^FS
^FO30,72^FB752,2,2,L^A0N,26,24^FD${description}^FS
^BY2,3,10
^FO30,135^BCN,130,N,N,N,A^FD${gs1:01=gtin,17=expiry,10=batch}^FS
^FO30,272^A0N,26,24^FD${gs1-hri:01=gtin,17=expiry,10=batch}^FS
^FO30,318^BCN,50,N,N,N^FD${sku}^FS
^FO560,318^A0N,24,22^FDGTIN^FS
^FO560,345^A0N,30,28^FD${gtin}^FS
^XZ
