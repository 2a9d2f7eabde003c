package dev.floorgate.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For data zxing also encodes in ASCII encodation (digits), our symbol must be zxing's, module for module:
 * that proves the code words, padding and region layout (square and rectangular, one and several regions).
 */
class DataMatrixAsciiEncoderTest {
    @ParameterizedTest
    @CsvSource({"0109501101530003,false", "0109501101530003,true", "12,false", "12345678901234567890123456789012,true",
        "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123,false"})
    void digitsGiveZxingsOwnSymbol(String digits, boolean rectangular) {
        boolean[][] ours = DataMatrixAsciiEncoder.encode(digits, '\u001d', rectangular);
        BitMatrix theirs = new DataMatrixWriter().encode(digits, BarcodeFormat.DATA_MATRIX, 0, 0,
                Map.of(EncodeHintType.DATA_MATRIX_SHAPE, rectangular ? SymbolShapeHint.FORCE_RECTANGLE
                        : SymbolShapeHint.FORCE_SQUARE));
        assertThat(ours.length).isEqualTo(theirs.getHeight());
        assertThat(ours[0].length).isEqualTo(theirs.getWidth());
        for (int y = 0; y < ours.length; y++) {
            for (int x = 0; x < ours[y].length; x++) {
                assertThat(ours[y][x]).as("module %d,%d", x, y).isEqualTo(theirs.get(x, y));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void dataBeyondTheLargestSymbolOrLatin1IsRefused() {
        assertThatThrownBy(() -> DataMatrixAsciiEncoder.encode("x".repeat(1600), '\u001d', false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataMatrixAsciiEncoder.encode("東", '\u001d', false))
                .hasMessage("character U+6771 has no ASCII encodation in Data Matrix");
    }
}
