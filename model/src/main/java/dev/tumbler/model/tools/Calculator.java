package dev.tumbler.model.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in tool: an in-process, exact calculator for one Python-like expression. It evaluates
 * {@code + - * / // % **} (Python precedence, {@code **} right-associative), parentheses, integers of any size
 * ({@link BigInteger}), decimals ({@link BigDecimal}; non-terminating divisions to 34 significant digits), string
 * literals, and the helpers {@code len(s)}, {@code count(s, sub)} / {@code s.count(sub)} (non-overlapping, as
 * Python's), {@code abs(x)} and {@code print(x)}. Nothing else runs: there are no names, imports or calls beyond
 * these, so it needs no sandbox. Huge exponents and results are refused with a clear error.
 */
public final class Calculator implements Tool {
    /** Longest expression accepted. */
    public static final int MAX_INPUT_CHARS = 2000;
    /** Longest string value. */
    static final int MAX_STRING_CHARS = 100_000;
    /** Deepest nesting of parentheses and unary operators. */
    private static final int MAX_DEPTH = 100;

    @Override
    public String run(String code) {
        try {
            return ExactArithmetic.format(evaluate(code));
        } catch (CalculatorException | ArithmeticException e) {
            return "error: " + e.getMessage();
        }
    }

    @Override
    public String describe() {
        return "built-in calculator (in-process): exact + - * / // % **, len(), count(); results up to about "
                + (long) (ExactArithmetic.MAX_BITS * Math.log10(2)) + " digits";
    }

    /** The value of {@code expression}: a BigInteger, BigDecimal or String. */
    public static Object evaluate(String expression) {
        if (expression.length() > MAX_INPUT_CHARS) {
            throw new CalculatorException("expression longer than " + MAX_INPUT_CHARS + " chars");
        }
        Parser p = new Parser(CalcLexer.tokens(expression));
        Object value = p.expression(0);
        p.expectEnd();
        return value;
    }

    /** Recursive descent over the lexer's tokens; evaluates as it parses. */
    private static final class Parser {
        private final List<CalcLexer.Token> tokens;
        private int at;

        Parser(List<CalcLexer.Token> tokens) {
            this.tokens = tokens;
        }

        Object expression(int depth) {
            Object value = term(depth);
            while (peekOp("+") || peekOp("-")) {
                String op = next().text();
                Object right = term(depth);
                value = op.equals("+") ? ExactArithmetic.add(value, right) : ExactArithmetic.subtract(value, right);
            }
            return value;
        }

        private Object term(int depth) {
            Object value = unary(depth);
            while (peekOp("*") || peekOp("/") || peekOp("//") || peekOp("%")) {
                String op = next().text();
                Object right = unary(depth);
                value = switch (op) {
                    case "*" -> ExactArithmetic.multiply(value, right);
                    case "/" -> ExactArithmetic.divide(value, right);
                    case "//" -> ExactArithmetic.floorDivide(value, right);
                    default -> ExactArithmetic.modulo(value, right);
                };
            }
            return value;
        }

        private Object unary(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CalculatorException("expression nested deeper than " + MAX_DEPTH);
            }
            if (peekOp("-")) {
                next();
                return ExactArithmetic.negate(unary(depth + 1));
            }
            if (peekOp("+")) {
                next();
                Object v = unary(depth + 1);
                ExactArithmetic.negate(v); // type check: unary + of a string is an error too
                return v;
            }
            return power(depth);
        }

        private Object power(int depth) {
            Object base = postfix(depth);
            if (peekOp("**")) {
                next();
                return ExactArithmetic.power(base, unary(depth + 1));
            }
            return base;
        }

        private Object postfix(int depth) {
            Object value = primary(depth);
            while (peekOp(".")) {
                next();
                CalcLexer.Token name = next();
                if (name.kind() != CalcLexer.Kind.NAME || !name.text().equals("count")) {
                    throw new CalculatorException("unknown method '" + name.text() + "'; strings have .count(sub)");
                }
                List<Object> args = arguments(depth);
                if (args.size() != 1) {
                    throw new CalculatorException("s.count(sub) takes 1 argument, got " + args.size());
                }
                value = count(value, args.get(0));
            }
            return value;
        }

        private Object primary(int depth) {
            CalcLexer.Token t = next();
            switch (t.kind()) {
                case INTEGER:
                    return new BigInteger(t.text());
                case DECIMAL:
                    return new BigDecimal(t.text());
                case STRING:
                    return t.text();
                case NAME:
                    if (!peekOp("(")) {
                        throw new CalculatorException("unknown name '" + t.text() + "'; the calculator knows only "
                                + "numbers, strings, len, count, abs and print");
                    }
                    return call(t.text(), arguments(depth));
                case OP:
                    if (t.text().equals("(")) {
                        Object v = expression(depth + 1);
                        expectOp(")");
                        return v;
                    }
                    throw new CalculatorException("unexpected '" + t.text() + "'");
                default:
                    throw new CalculatorException("unexpected end of expression");
            }
        }

        private List<Object> arguments(int depth) {
            expectOp("(");
            List<Object> args = new ArrayList<>();
            if (peekOp(")")) {
                next();
                return args;
            }
            do {
                args.add(expression(depth + 1));
            } while (peekOp(",") && next() != null);
            expectOp(")");
            return args;
        }

        private static Object call(String name, List<Object> args) {
            switch (name) {
                case "len":
                    arity(name, args, 1);
                    if (!(args.get(0) instanceof String s)) {
                        throw new CalculatorException("len() needs a string");
                    }
                    return BigInteger.valueOf(s.codePointCount(0, s.length()));
                case "count":
                    arity(name, args, 2);
                    return count(args.get(0), args.get(1));
                case "abs":
                    arity(name, args, 1);
                    Object v = args.get(0);
                    return ExactArithmetic.negate(v) instanceof BigInteger n ? n.abs() : ((BigDecimal) v).abs();
                case "print":
                    arity(name, args, 1);
                    return args.get(0);
                default:
                    throw new CalculatorException("unknown function '" + name + "'; the calculator knows len, count, "
                            + "abs and print");
            }
        }

        private static void arity(String name, List<Object> args, int n) {
            if (args.size() != n) {
                throw new CalculatorException(name + "() takes " + n + " argument" + (n == 1 ? "" : "s") + ", got "
                        + args.size());
            }
        }

        private static Object count(Object haystack, Object needle) {
            if (!(haystack instanceof String s) || !(needle instanceof String sub)) {
                throw new CalculatorException("count() needs two strings");
            }
            if (sub.isEmpty()) {
                return BigInteger.valueOf(s.codePointCount(0, s.length()) + 1L);
            }
            long n = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                n++;
            }
            return BigInteger.valueOf(n);
        }

        private boolean peekOp(String op) {
            CalcLexer.Token t = tokens.get(at);
            return t.kind() == CalcLexer.Kind.OP && t.text().equals(op);
        }

        private CalcLexer.Token next() {
            CalcLexer.Token t = tokens.get(at);
            if (t.kind() != CalcLexer.Kind.END) {
                at++;
            }
            return t;
        }

        private void expectOp(String op) {
            if (!peekOp(op)) {
                CalcLexer.Token t = tokens.get(at);
                throw new CalculatorException("expected '" + op + "' but found "
                        + (t.kind() == CalcLexer.Kind.END ? "the end" : "'" + t.text() + "'"));
            }
            next();
        }

        void expectEnd() {
            CalcLexer.Token t = tokens.get(at);
            if (t.kind() != CalcLexer.Kind.END) {
                throw new CalculatorException("unexpected '" + t.text() + "' after the expression");
            }
        }
    }
}
