package dev.floorgate.rates;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One package as the station measured it: actual weight in grams, outer dimensions in millimetres (any order; the
 * longest side is the length for limits and girth).
 */
public record Parcel(long weightGrams, int lengthMm, int widthMm, int heightMm) {
    /** 10 t and 100 m: far beyond any parcel, and small enough that no sum or volume can overflow a long. */
    public static final long MAX_GRAMS = 10_000_000;
    public static final int MAX_SIDE_MM = 100_000;

    public Parcel {
        if (weightGrams <= 0 || lengthMm <= 0 || widthMm <= 0 || heightMm <= 0) {
            throw new IllegalArgumentException("a parcel needs a positive weight and dimensions, got " + weightGrams
                    + " g and " + lengthMm + " x " + widthMm + " x " + heightMm + " mm");
        }
        if (weightGrams > MAX_GRAMS || Math.max(lengthMm, Math.max(widthMm, heightMm)) > MAX_SIDE_MM) {
            throw new IllegalArgumentException("a parcel of " + weightGrams + " g and " + lengthMm + " x " + widthMm
                    + " x " + heightMm + " mm is over " + MAX_GRAMS + " g or " + MAX_SIDE_MM + " mm a side");
        }
    }

    /** As a scale and a tape give them: kg and cm; rounded up to the gram and millimetre (a carrier would). */
    public static Parcel ofKgCm(String weightKg, String lengthCm, String widthCm, String heightCm) {
        return new Parcel(up(weightKg, 3), side(lengthCm), side(widthCm), side(heightCm));
    }

    private static int side(String cm) {
        long mm = up(cm, 1);
        if (mm > MAX_SIDE_MM) {
            throw new IllegalArgumentException("a side of " + cm + " cm is over " + MAX_SIDE_MM / 10 + " cm");
        }
        return (int) mm;
    }

    private static long up(String decimal, int shift) {
        return new BigDecimal(decimal).movePointRight(shift).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public int longestMm() {
        return Math.max(lengthMm, Math.max(widthMm, heightMm));
    }

    /** 2 × (the two shorter sides). */
    public int girthMm() {
        return 2 * (lengthMm + widthMm + heightMm - longestMm());
    }

    public long volumeMm3() {
        return (long) lengthMm * widthMm * heightMm;
    }
}
