package dev.floorgate.barcodes;

/**
 * Who carries a parcel, as far as its tracking number tells (docs/TRACKING-NUMBERS.md). A post's S10 number
 * is {@link #UPU_S10}; the issuing post is its {@link TrackingNumber#issuingCountry()}.
 */
public enum Carrier {
    UPS,
    FEDEX,
    USPS,
    DHL_EXPRESS,
    DHL_ECOMMERCE,
    /** A UPU S10 item number (China Post, EMS and the other posts): two letters, 8 digits, check, country. */
    UPU_S10,
    /** Plausible Code 128 content that matches no known format; normalised, no check digit claimed. */
    UNKNOWN
}
