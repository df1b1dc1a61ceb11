package org.govdx.rules.identifiers;

import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The identifier formats a catalog data element can name as its validator (DOMAIN rules 3 and 9).
 * {@link #validate(String)} dispatches to the format's validator.
 */
public enum IdentifierKind {
    /** Resident identity number, GB 11643-1999 ({@link ResidentIdNumber}). */
    RESIDENT_ID("居民身份证号码", ResidentIdNumber::validate, r -> ResidentIdNumber.random(r).value()),
    /** Unified social credit code, GB 32100-2015 ({@link UnifiedSocialCreditCode}). */
    USCC("统一社会信用代码", UnifiedSocialCreditCode::validate, r -> UnifiedSocialCreditCode.random(r).value()),
    /** Mainland mobile number ({@link MobileNumber}). */
    MOBILE("手机号码", MobileNumber::validate, r -> MobileNumber.random(r).digits()),
    /** Administrative division code, GB/T 2260 ({@link DivisionCode}). */
    DIVISION_CODE("行政区划代码", DivisionCode::validate, r -> DivisionCode.random(r).code());

    private final String zhLabel;
    private final Function<String, ValidationResult> validator;
    private final Function<RandomGenerator, String> generator;

    IdentifierKind(String zhLabel, Function<String, ValidationResult> validator, Function<RandomGenerator, String> generator) {
        this.zhLabel = zhLabel;
        this.validator = validator;
        this.generator = generator;
    }

    public String zhLabel() {
        return zhLabel;
    }

    /** Validates {@code text} as this kind of identifier (resident IDs against today's date in China). */
    public ValidationResult validate(String text) {
        return validator.apply(text);
    }

    /** A valid random identifier of this kind in normalised form, for tests and seeds. */
    public String random(RandomGenerator random) {
        return generator.apply(random);
    }
}
