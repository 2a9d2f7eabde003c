package dev.floorgate.barcodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.barcodes.TrackingSamples.Kind;
import dev.floorgate.barcodes.TrackingSamples.Sample;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated numbers ({@link TrackingSamples}, fixed seeds so a failure repeats): every valid number is
 * recognised as its carrier with a valid check digit, typed variants give the same key, and every single-digit
 * substitution is caught wherever the format's algorithm guarantees it (docs/TRACKING-NUMBERS.md section 2
 * lists the blind spots this test allows: UPS weight-2 positions changed by 5, FedEx remainders 0 and 10,
 * S10 remainders 0 and 6, DHL changes by 7).
 */
class TrackingNumbersPropertyTest {

    private static final int SAMPLES = 100;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyGeneratedValidNumberIsRecognisedAndTypedVariantsGiveTheSameKey(Kind kind) {
        TrackingSamples samples = new TrackingSamples(17L * (kind.ordinal() + 1));
        for (int n = 0; n < SAMPLES; n++) {
            Sample s = samples.next(kind);
            TrackingNumber t = TrackingNumbers.recognise(s.scan);
            assertThat(t.carrier()).as("%s", s).isEqualTo(s.carrier);
            assertThat(t.number()).as("%s", s).isEqualTo(s.key);
            assertThat(t.checkDigitValid()).as("%s", s).isTrue();
            assertThat(TrackingNumbers.recognise(typed(s.key)).number()).as("%s typed", s).isEqualTo(s.key);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everySingleDigitSubstitutionIsCaughtWhereTheAlgorithmGuaranteesIt(Kind kind) {
        TrackingSamples samples = new TrackingSamples(31L * (kind.ordinal() + 1));
        int caught = 0;
        for (int n = 0; n < SAMPLES; n++) {
            Sample s = samples.next(kind);
            for (int pos = s.firstData; pos <= s.checkAt; pos++) {
                char from = s.scan.charAt(pos);
                if (from < '0' || from > '9') {
                    continue; // UPS shipper letters: substitutions are digit for digit
                }
                for (char to = '0'; to <= '9'; to++) {
                    if (to == from) {
                        continue;
                    }
                    String mutated = s.scan.substring(0, pos) + to + s.scan.substring(pos + 1);
                    TrackingNumber t = TrackingNumbers.recognise(mutated);
                    boolean accepted = t.carrier() == s.carrier && t.checkDigitValid();
                    if (guaranteed(s, mutated, pos, from, to)) {
                        assertThat(accepted).as("%s with %s at %d: %s", s, to, pos, t).isFalse();
                        caught++;
                    }
                }
            }
        }
        assertThat(caught).isGreaterThan(SAMPLES * 8);
    }

    /** Whether the format's check digit must catch this substitution (the blind spots are in the class comment). */
    private static boolean guaranteed(Sample s, String mutated, int pos, char from, char to) {
        if (pos == s.checkAt) {
            return true;
        }
        int delta = Math.abs(to - from);
        switch (s.kind) {
            case UPS:
                return !((pos - 2) % 2 == 1 && delta == 5);
            case FEDEX_12:
            case FEDEX_34: {
                int before = TrackingSamples.fedexSum(s.scan.substring(s.firstData, s.checkAt)) % 11;
                int after = TrackingSamples.fedexSum(mutated.substring(s.firstData, s.checkAt)) % 11;
                return !((before == 0 || before == 10) && (after == 0 || after == 10));
            }
            case S10: {
                int before = TrackingSamples.s10Sum(s.scan.substring(2, 10)) % 11;
                int after = TrackingSamples.s10Sum(mutated.substring(2, 10)) % 11;
                return !(before + after == 6 && before * after == 0);
            }
            case DHL_10:
                return delta != 7;
            default:
                return true; // GS1 mod 10: weights 3 and 1 are both prime to 10
        }
    }

    /** How a person types it: lower case, groups of four, a dash in the middle. */
    private static String typed(String key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                b.append(i == 8 ? " - " : " ");
            }
            b.append(Character.toLowerCase(key.charAt(i)));
        }
        return b.toString();
    }
}
