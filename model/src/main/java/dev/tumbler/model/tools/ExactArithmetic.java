package dev.tumbler.model.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python-like arithmetic on exact numbers: {@link BigInteger} for integers, {@link BigDecimal} once a decimal or a
 * true division is involved. {@code //} and {@code %} floor like Python's. Results beyond {@link #MAX_BITS} bits
 * (about 30,000 decimal digits) are refused before they are computed where that can be known, else right after.
 */
final class ExactArithmetic {
    /** Largest magnitude of a result, in bits of its integer (or unscaled) value. */
    static final int MAX_BITS = 100_000;
    /** Largest |scale| (digits after the point) of a decimal result. */
    static final int MAX_SCALE = 10_000;
    /** Precision of non-terminating divisions and negative powers. */
    static final MathContext DIVISION = MathContext.DECIMAL128;

    private ExactArithmetic() {
    }

    static Object add(Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return checkLength(s + t);
        }
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return x.add(y);
        }
        return check(dec(a, "+", b).add(dec(b, "+", a)));
    }

    static Object subtract(Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return x.subtract(y);
        }
        return check(dec(a, "-", b).subtract(dec(b, "-", a)));
    }

    static Object multiply(Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return check(x.multiply(y));
        }
        return check(dec(a, "*", b).multiply(dec(b, "*", a)));
    }

    static Object divide(Object a, Object b) {
        BigDecimal x = dec(a, "/", b);
        BigDecimal y = dec(b, "/", a);
        requireNonZero(y);
        try {
            return check(x.divide(y));
        } catch (ArithmeticException nonTerminating) {
            return check(x.divide(y, DIVISION));
        }
    }

    static Object floorDivide(Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            requireNonZero(y);
            BigInteger[] qr = x.divideAndRemainder(y);
            return qr[1].signum() != 0 && qr[1].signum() != y.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
        }
        BigDecimal x = dec(a, "//", b);
        BigDecimal y = dec(b, "//", a);
        requireNonZero(y);
        BigDecimal q = x.divide(y, 0, RoundingMode.FLOOR);
        return check(q);
    }

    static Object modulo(Object a, Object b) {
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            requireNonZero(y);
            BigInteger r = x.mod(y.abs());
            return y.signum() < 0 && r.signum() != 0 ? r.add(y) : r;
        }
        BigDecimal x = dec(a, "%", b);
        BigDecimal y = dec(b, "%", a);
        requireNonZero(y);
        return check(x.subtract(y.multiply(x.divide(y, 0, RoundingMode.FLOOR))));
    }

    static Object negate(Object a) {
        if (a instanceof BigInteger x) {
            return x.negate();
        }
        return dec(a, "unary -", null).negate();
    }

    static Object power(Object base, Object exponent) {
        BigInteger n = integral(exponent);
        if (base instanceof String) {
            throw new CalculatorException("unsupported operand type for **: str");
        }
        BigDecimal b = base instanceof BigInteger i ? new BigDecimal(i) : (BigDecimal) base;
        if (b.signum() == 0 || b.abs().compareTo(BigDecimal.ONE) == 0) {
            if (b.signum() == 0 && n.signum() < 0) {
                throw new CalculatorException("zero cannot be raised to a negative power");
            }
            BigDecimal r = n.signum() == 0 ? BigDecimal.ONE : b.signum() == 0 ? BigDecimal.ZERO
                    : b.signum() > 0 || !n.testBit(0) ? BigDecimal.ONE : BigDecimal.ONE.negate();
            return base instanceof BigInteger && n.signum() >= 0 ? r.toBigIntegerExact() : r;
        }
        long bitsPerFactor = Math.max(1, b.unscaledValue().abs().bitLength());
        if (n.bitLength() > 31 || bitsPerFactor * n.abs().longValue() > MAX_BITS) {
            throw new CalculatorException("result too large: the exponent " + n + " would give more than about "
                    + digits(MAX_BITS) + " digits");
        }
        int e = n.intValueExact();
        if (base instanceof BigInteger i && e >= 0) {
            return i.pow(e);
        }
        if (e >= 0) {
            return check(b.pow(e));
        }
        return check(BigDecimal.ONE.divide(b.pow(-e), DIVISION));
    }

    /** The integer value of {@code v}, or an error naming why it is not one. */
    static BigInteger integral(Object v) {
        if (v instanceof BigInteger i) {
            return i;
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new CalculatorException("only integer exponents are supported, got " + format(d));
            }
        }
        throw new CalculatorException("expected a number, got a string");
    }

    /** Python-like text of a value: integers exactly, decimals without trailing zeros, strings as they are. */
    static String format(Object v) {
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            return Math.abs(s.scale()) > 100 ? s.toString() : s.toPlainString();
        }
        return v.toString();
    }

    private static BigDecimal dec(Object v, String op, Object other) {
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw new CalculatorException("unsupported operand types for " + op + ": " + typeName(v)
                + (other == null ? "" : " and " + typeName(other)));
    }

    private static String typeName(Object v) {
        return v instanceof String ? "str" : v instanceof BigInteger ? "int" : "decimal";
    }

    private static void requireNonZero(BigInteger y) {
        if (y.signum() == 0) {
            throw new CalculatorException("division by zero");
        }
    }

    private static void requireNonZero(BigDecimal y) {
        if (y.signum() == 0) {
            throw new CalculatorException("division by zero");
        }
    }

    private static BigInteger check(BigInteger v) {
        if (v.bitLength() > MAX_BITS) {
            throw new CalculatorException("result too large: more than about " + digits(MAX_BITS) + " digits");
        }
        return v;
    }

    private static BigDecimal check(BigDecimal v) {
        if (v.unscaledValue().bitLength() > MAX_BITS || Math.abs(v.scale()) > MAX_SCALE) {
            throw new CalculatorException("result too large: more than about " + digits(MAX_BITS) + " digits");
        }
        return v;
    }

    private static String checkLength(String s) {
        if (s.length() > Calculator.MAX_STRING_CHARS) {
            throw new CalculatorException("string too long: more than " + Calculator.MAX_STRING_CHARS + " chars");
        }
        return s;
    }

    private static long digits(int bits) {
        return (long) (bits * Math.log10(2));
    }
}
