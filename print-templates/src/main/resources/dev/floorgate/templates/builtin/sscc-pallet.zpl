# description: GS1 pallet label 4 x 6 in: SSCC (00) as GS1-128, optional content (02), count (37), best before (15), batch (10)
# dpi: 203
# size: 812x1218 dots
# field: from_name text required max=40 sample=FloorGate Demo Warehouse
# field: to_name text required max=40 sample=ACME Retail DC North
# field: sscc sscc required sample=106141411234567897
# field: content_gtin gtin optional sample=09501101530003
# field: count integer optional max=8 sample=48
# field: best_before date optional format=dd.MM.yyyy sample=2026-06-30
# field: batch text optional max=20 sample=ABC123
^XA
^PW812
^LL1218
^FO30,25^A0N,24,24^FDFROM^FS
^FO30,55^A0N,32,30^FD${from_name}^FS
^FO30,100^A0N,24,24^FDTO^FS
^FO30,130^A0N,40,38^FD${to_name}^FS
^FO0,190^GB812,4,4^FS
^FO30,210^A0N,28,26^FDSSCC^FS
^FO30,245^A0N,56,50^FD${sscc}^FS
^FO30,320^A0N,24,24^FDCONTENT^FS
^FO30,350^A0N,36,34^FD${content_gtin}^FS
^FO420,320^A0N,24,24^FDCOUNT^FS
^FO420,350^A0N,36,34^FD${count}^FS
^FO30,410^A0N,24,24^FDBEST BEFORE (dd.mm.yyyy)^FS
^FO30,440^A0N,36,34^FD${best_before}^FS
^FO420,410^A0N,24,24^FDBATCH^FS
^FO420,440^A0N,36,34^FD${batch}^FS
^FO0,500^GB812,4,4^FS
^BY2,3,10
^FO60,530^BCN,170,N,N,N,A^FD${gs1:02=content_gtin,37=count,15=best_before,10=batch}^FS
^FO60,710^A0N,28,26^FD${gs1-hri:02=content_gtin,37=count,15=best_before,10=batch}^FS
^FO0,770^GB812,4,4^FS
^BY4,3,10
^FO80,810^BCN,240,N,N,N,A^FD${gs1:00=sscc}^FS
^FO150,1065^A0N,40,38^FD${gs1-hri:00=sscc}^FS
^XZ
