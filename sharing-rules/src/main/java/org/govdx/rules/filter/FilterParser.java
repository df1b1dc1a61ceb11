package org.govdx.rules.filter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Recursive-descent parser of the row-filter language (DOMAIN rule 5). Grammar (keywords case-insensitive):
 * <pre>
 *   filter     = or EOF
 *   or         = and { "or" and }
 *   and        = unary { "and" unary }
 *   unary      = "not" unary | "(" or ")" | predicate
 *   predicate  = field ( op literal
 *                      | "in" "(" literal { "," literal } ")"
 *                      | "between" literal "and" literal
 *                      | "is" [ "not" ] "null" )
 *   op         = "=" | "!=" | "&lt;&gt;" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *   literal    = string | integer | decimal | "true" | "false" | "date" string
 *   string     = "'" { any character except "'" | "''" } "'"
 *   integer    = [ "-" ] digit { digit }                  (fits in a long)
 *   decimal    = [ "-" ] digit { digit } "." digit { digit }
 *   field      = letter_or_underscore { letter_or_digit_or_underscore }, at most 63 ASCII characters, not a keyword
 * </pre>
 * Precedence: {@code not} binds tightest, then {@code and}, then {@code or}; both are left-associative.
 * Only a field may stand left of an operator, so {@code 1 = 1}, functions and comments are syntax errors.
 * Limits: {@value #MAX_LENGTH} characters, nesting (parentheses and {@code not}) at most
 * {@value #MAX_NESTING_DEPTH} deep, at most {@value #MAX_IN_LIST_SIZE} literals in an in-list.
 */
public final class FilterParser {

    public static final int MAX_LENGTH = 2000;
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_IN_LIST_SIZE = 256;
    public static final int MAX_FIELD_NAME_LENGTH = 63;

    private enum TokenType {
        FIELD("a field name"), STRING("a string literal"), INTEGER("an integer"), DECIMAL("a decimal"),
        AND("'and'"), OR("'or'"), NOT("'not'"), IN("'in'"), BETWEEN("'between'"), IS("'is'"), NULL("'null'"),
        TRUE("'true'"), FALSE("'false'"), DATE("'date'"),
        LPAREN("'('"), RPAREN("')'"), COMMA("','"),
        EQ("'='"), NE("'!='"), LT("'<'"), LE("'<='"), GT("'>'"), GE("'>='"),
        EOF("the end of the filter");

        final String description;

        TokenType(String description) {
            this.description = description;
        }
    }

    private static final Map<String, TokenType> KEYWORDS = Map.of(
            "and", TokenType.AND, "or", TokenType.OR, "not", TokenType.NOT, "in", TokenType.IN,
            "between", TokenType.BETWEEN, "is", TokenType.IS, "null", TokenType.NULL,
            "true", TokenType.TRUE, "false", TokenType.FALSE, "date", TokenType.DATE);

    private record Token(TokenType type, String text, int position) {
        String describe() {
            return switch (type) {
                case FIELD, INTEGER, DECIMAL -> "'" + abbreviate(text) + "'";
                default -> type.description;
            };
        }
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int scanned;
    private int next;
    private int depth;

    private FilterParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; see the class comment for grammar and limits. */
    public static Filter parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new FilterSyntaxException(MAX_LENGTH, "at most " + MAX_LENGTH + " characters", "a longer filter");
        }
        FilterParser parser = new FilterParser(text);
        Filter filter = parser.parseOr();
        parser.expect(TokenType.EOF, "'and', 'or' or the end of the filter");
        return filter;
    }

    /** True when {@code name} may be used as a field name. */
    public static boolean isValidFieldName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_FIELD_NAME_LENGTH) {
            return false;
        }
        if (!isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return !KEYWORDS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    static String requireFieldName(String name) {
        if (!isValidFieldName(name)) {
            throw new IllegalArgumentException("not a valid field name (letters, digits, _; not a keyword)");
        }
        return name;
    }

    // ---- grammar ----

    private Filter parseOr() {
        Filter left = parseAnd();
        while (accept(TokenType.OR) != null) {
            left = new Or(left, parseAnd());
        }
        return left;
    }

    private Filter parseAnd() {
        Filter left = parseUnary();
        while (accept(TokenType.AND) != null) {
            left = new And(left, parseUnary());
        }
        return left;
    }

    private Filter parseUnary() {
        Token not = accept(TokenType.NOT);
        if (not != null) {
            enter(not);
            Filter operand = parseUnary();
            depth--;
            return new Not(operand);
        }
        Token open = accept(TokenType.LPAREN);
        if (open != null) {
            enter(open);
            Filter inner = parseOr();
            expect(TokenType.RPAREN, "')'");
            depth--;
            return inner;
        }
        return parsePredicate();
    }

    private Filter parsePredicate() {
        String field = expect(TokenType.FIELD, "a field name, 'not' or '('").text();
        Token t = peek();
        switch (t.type()) {
            case EQ, NE, LT, LE, GT, GE -> {
                next++;
                return new Comparison(field, operator(t.type()), parseLiteral());
            }
            case IN -> {
                next++;
                expect(TokenType.LPAREN, "'(' after 'in'");
                List<Literal> values = new ArrayList<>();
                do {
                    if (values.size() == MAX_IN_LIST_SIZE) {
                        throw new FilterSyntaxException(peek().position(),
                                "at most " + MAX_IN_LIST_SIZE + " values in an in-list", "more");
                    }
                    values.add(parseLiteral());
                } while (accept(TokenType.COMMA) != null);
                expect(TokenType.RPAREN, "',' or ')'");
                return new InList(field, values);
            }
            case BETWEEN -> {
                next++;
                Literal low = parseLiteral();
                expect(TokenType.AND, "'and' in 'between ... and ...'");
                return new Between(field, low, parseLiteral());
            }
            case IS -> {
                next++;
                boolean negated = accept(TokenType.NOT) != null;
                expect(TokenType.NULL, negated ? "'null'" : "'null' or 'not null'");
                return negated ? new IsNotNull(field) : new IsNull(field);
            }
            default -> throw new FilterSyntaxException(t.position(),
                    "a comparison operator, 'in', 'between' or 'is'", t.describe());
        }
    }

    private Literal parseLiteral() {
        Token t = peek();
        switch (t.type()) {
            case STRING -> {
                next++;
                return new TextLiteral(t.text());
            }
            case INTEGER -> {
                next++;
                try {
                    return new IntegerLiteral(Long.parseLong(t.text()));
                } catch (NumberFormatException e) {
                    throw new FilterSyntaxException(t.position(), "an integer within the range of a 64-bit long", "'" + abbreviate(t.text()) + "'");
                }
            }
            case DECIMAL -> {
                next++;
                return new DecimalLiteral(new BigDecimal(t.text()));
            }
            case TRUE, FALSE -> {
                next++;
                return new BooleanLiteral(t.type() == TokenType.TRUE);
            }
            case DATE -> {
                next++;
                Token date = expect(TokenType.STRING, "a quoted date 'yyyy-MM-dd' after 'date'");
                try {
                    return new DateLiteral(LocalDate.parse(date.text(), DateTimeFormatter.ISO_LOCAL_DATE));
                } catch (DateTimeParseException e) {
                    throw new FilterSyntaxException(date.position(), "a valid date 'yyyy-MM-dd'", "an invalid date");
                }
            }
            default -> throw new FilterSyntaxException(t.position(),
                    "a literal (string, number, true, false or date '...')", t.describe());
        }
    }

    private static ComparisonOperator operator(TokenType type) {
        return switch (type) {
            case EQ -> ComparisonOperator.EQ;
            case NE -> ComparisonOperator.NE;
            case LT -> ComparisonOperator.LT;
            case LE -> ComparisonOperator.LE;
            case GT -> ComparisonOperator.GT;
            case GE -> ComparisonOperator.GE;
            default -> throw new IllegalStateException(type.name());
        };
    }

    private void enter(Token token) {
        if (++depth > MAX_NESTING_DEPTH) {
            throw new FilterSyntaxException(token.position(),
                    "nesting of parentheses and 'not' at most " + MAX_NESTING_DEPTH + " deep", "deeper nesting");
        }
    }

    /** The next unconsumed token; tokens are scanned on demand so the earliest error is the one reported. */
    private Token peek() {
        while (tokens.size() <= next) {
            tokens.add(scan());
        }
        return tokens.get(next);
    }

    private Token accept(TokenType type) {
        Token t = peek();
        if (t.type() != type) {
            return null;
        }
        next++;
        return t;
    }

    private Token expect(TokenType type, String expectation) {
        Token t = accept(type);
        if (t == null) {
            throw new FilterSyntaxException(peek().position(), expectation, peek().describe());
        }
        return t;
    }

    // ---- lexer ----

    private Token scan() {
        String s = text;
        int n = s.length();
        int i = scanned;
        while (i < n && isBlank(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            scanned = n;
            return new Token(TokenType.EOF, "", n);
        }
        int start = i;
        char c = s.charAt(i);
        Token token;
        if (isIdentifierStart(c)) {
            while (i < n && isIdentifierPart(s.charAt(i))) {
                i++;
            }
            String word = s.substring(start, i);
            TokenType keyword = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
            if (keyword == null && word.length() > MAX_FIELD_NAME_LENGTH) {
                throw new FilterSyntaxException(start, "a field name of at most " + MAX_FIELD_NAME_LENGTH + " characters", "a longer name");
            }
            token = new Token(keyword == null ? TokenType.FIELD : keyword, word, start);
        } else if (isDigit(c) || (c == '-' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            TokenType type = TokenType.INTEGER;
            if (i < n && s.charAt(i) == '.') {
                if (i + 1 >= n || !isDigit(s.charAt(i + 1))) {
                    throw new FilterSyntaxException(i + 1, "a digit after the decimal point", describeChar(s, i + 1));
                }
                i++;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                type = TokenType.DECIMAL;
            }
            if (i < n && (isIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) {
                throw new FilterSyntaxException(i, "a blank or an operator after a number", describeChar(s, i));
            }
            token = new Token(type, s.substring(start, i), start);
        } else if (c == '\'') {
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= n) {
                    throw new FilterSyntaxException(start, "a closing quote for the string starting here", "the end of the filter");
                }
                char d = s.charAt(i);
                if (d == '\'') {
                    if (i + 1 < n && s.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                value.append(d);
                i++;
            }
            token = new Token(TokenType.STRING, value.toString(), start);
        } else {
            TokenType type;
            int length = 1;
            char following = i + 1 < n ? s.charAt(i + 1) : '\0';
            switch (c) {
                case '(' -> type = TokenType.LPAREN;
                case ')' -> type = TokenType.RPAREN;
                case ',' -> type = TokenType.COMMA;
                case '=' -> type = TokenType.EQ;
                case '!' -> {
                    if (following != '=') {
                        throw new FilterSyntaxException(i, "'!='", describeChar(s, i));
                    }
                    type = TokenType.NE;
                    length = 2;
                }
                case '<' -> {
                    if (following == '=') {
                        type = TokenType.LE;
                        length = 2;
                    } else if (following == '>') {
                        type = TokenType.NE;
                        length = 2;
                    } else {
                        type = TokenType.LT;
                    }
                }
                case '>' -> {
                    if (following == '=') {
                        type = TokenType.GE;
                        length = 2;
                    } else {
                        type = TokenType.GT;
                    }
                }
                default -> throw new FilterSyntaxException(i,
                        "a field name, literal, operator, parenthesis or comma", describeChar(s, i));
            }
            token = new Token(type, s.substring(i, i + length), start);
            i += length;
        }
        scanned = i;
        return token;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static String describeChar(String s, int i) {
        if (i >= s.length()) {
            return "the end of the filter";
        }
        int cp = s.codePointAt(i);
        return cp < 0x20 || cp == 0x7f ? String.format("character U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
