package dev.floorgate.rates;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in minor units of its currency (cents for EUR): exact, never a double. */
public record Money(long minor, Currency currency) implements Comparable<Money> {
    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String major, String currencyCode) {
        Currency c = Currency.getInstance(currencyCode);
        try {
            return new Money(new BigDecimal(major).movePointRight(c.getDefaultFractionDigits()).longValueExact(), c);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(major + " has more than " + c.getDefaultFractionDigits()
                    + " decimals for " + currencyCode, e);
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public BigDecimal amount() {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other);
        }
    }

    /** "12.40 EUR" */
    @Override
    public String toString() {
        return amount().toPlainString() + " " + currency.getCurrencyCode();
    }
}
