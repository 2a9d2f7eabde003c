^XA^CI28
^PW812
^LL609
^FX whose parcel: the customer code large (NO OWNER for a parcel nobody announced), the name under it
^FO30,20^A0N,90,80^FH^FDC_2D100^FS
^FO30,115^A0N,36,34^FH^FDAna Lima^FS
^FO0,165^GB812,4,4^FS
^FX the core's parcel id, what every later scan of this parcel reads
^BY3,3,10
^FO40,190^BCN,170,Y,N,N^FH^FDP7K3M9Q2X4T^FS
^FO0,410^GB812,4,4^FS
^FX where it goes, and the carrier's number it came with
^FO30,430^A0N,30,28^FDSHELF^FS
^FO30,465^A0N,80,70^FH^FDSHELF_2DA_2D3^FS
^FO520,430^A0N,30,28^FH^FD2026_2D12_2D07^FS
^FO520,470^A0N,36,34^FH^FDUPS^FS
^FO30,560^A0N,28,26^FH^FD1Z5R89390357567127^FS
^PQ2^XZ
