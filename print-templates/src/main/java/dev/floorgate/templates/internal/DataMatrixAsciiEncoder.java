package dev.floorgate.templates.internal;

import com.google.zxing.datamatrix.encoder.DefaultPlacement;
import com.google.zxing.datamatrix.encoder.ErrorCorrection;
import com.google.zxing.datamatrix.encoder.SymbolInfo;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

/**
 * ECC 200 Data Matrix in ASCII encodation only (ISO/IEC 16022): used for GS1 data, which needs FNC1 code words.
 * zxing 3.5.4 writes FNC1 only on its minimal-encoding path, and that path pads a symbol ending in C40 or Text
 * mode without leaving the mode, so scanners read the padding as data. ASCII encodation has no such state, and
 * GS1 data (mostly digits, packed two per code word) is compact in it anyway. Error correction, module placement
 * and symbol sizes come from zxing; this class adds the code words and the finder and alignment patterns.
 */
final class DataMatrixAsciiEncoder {
    private static final int PAD = 129;
    private static final int FNC1 = 232;
    private static final int UPPER_SHIFT = 235;

    private DataMatrixAsciiEncoder() {
    }

    /**
     * @param data the content; {@code fnc1} marks FNC1 (at the start: GS1 mode; later: a GS1 separator)
     * @return rows of modules, true = dark; IllegalArgumentException when a character is above U+00FF or the data
     *         does not fit the largest symbol
     */
    static boolean[][] encode(String data, char fnc1, boolean rectangular) {
        StringBuilder cw = new StringBuilder(data.length() + 8);
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == fnc1) {
                cw.append((char) FNC1);
            } else if (isDigit(c) && i + 1 < data.length() && isDigit(data.charAt(i + 1))) {
                cw.append((char) (130 + (c - '0') * 10 + (data.charAt(++i) - '0')));
            } else if (c < 128) {
                cw.append((char) (c + 1));
            } else if (c < 256) {
                cw.append((char) UPPER_SHIFT).append((char) (c - 128 + 1));
            } else {
                throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                        + " has no ASCII encodation in Data Matrix");
            }
        }
        SymbolInfo symbol = SymbolInfo.lookup(cw.length(), rectangular ? SymbolShapeHint.FORCE_RECTANGLE
                : SymbolShapeHint.FORCE_SQUARE, null, null, true);
        int capacity = symbol.getDataCapacity();
        if (cw.length() < capacity) {
            cw.append((char) PAD);
        }
        while (cw.length() < capacity) {
            // 253-state randomising of the further pad code words; position counts from 1.
            int position = cw.length() + 1;
            int value = PAD + ((149 * position) % 253) + 1;
            cw.append((char) (value <= 254 ? value : value - 254));
        }
        String withEcc = ErrorCorrection.encodeECC200(cw.toString(), symbol);
        DefaultPlacement placement = new DefaultPlacement(withEcc, symbol.getSymbolDataWidth(),
                symbol.getSymbolDataHeight());
        placement.place();
        return modules(placement, symbol);
    }

    /** Lays the data regions out with their solid left/bottom and alternating top/right edges. */
    private static boolean[][] modules(DefaultPlacement placement, SymbolInfo symbol) {
        int regionW = symbol.matrixWidth;
        int regionH = symbol.matrixHeight;
        int regionsX = symbol.getSymbolDataWidth() / regionW;
        int regionsY = symbol.getSymbolDataHeight() / regionH;
        boolean[][] rows = new boolean[symbol.getSymbolHeight()][symbol.getSymbolWidth()];
        for (int ry = 0; ry < regionsY; ry++) {
            for (int rx = 0; rx < regionsX; rx++) {
                int x0 = rx * (regionW + 2);
                int y0 = ry * (regionH + 2);
                for (int i = 0; i < regionW + 2; i++) {
                    rows[y0][x0 + i] = i % 2 == 0;
                    rows[y0 + regionH + 1][x0 + i] = true;
                }
                for (int j = 0; j < regionH + 2; j++) {
                    rows[y0 + j][x0] = true;
                    rows[y0 + j][x0 + regionW + 1] = j % 2 == 1 || j == regionH + 1;
                }
                for (int j = 0; j < regionH; j++) {
                    for (int i = 0; i < regionW; i++) {
                        rows[y0 + 1 + j][x0 + 1 + i] = placement.getBit(rx * regionW + i, ry * regionH + j);
                    }
                }
            }
        }
        return rows;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
