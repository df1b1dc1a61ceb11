package org.govdx.rules.identifiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class IdentifierProperties {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private static final String ID_CHARACTERS = "0123456789X";

    @Provide
    Arbitrary<ResidentIdNumber> residentIds() {
        return Arbitraries.randomValue(ResidentIdNumber::random);
    }

    @Provide
    Arbitrary<UnifiedSocialCreditCode> creditCodes() {
        return Arbitraries.randomValue(UnifiedSocialCreditCode::random);
    }

    @Property
    void generatedResidentIdsAreValidAndDecodeTheirParts(@ForAll("residentIds") ResidentIdNumber id) {
        ResidentIdNumber parsed = ResidentIdNumber.parse(id.value(), TODAY);
        assertThat(parsed).isEqualTo(id);
        assertThat(ResidentIdNumber.of(parsed.divisionCode(), parsed.birthDate(), parsed.sequence())).isEqualTo(id);
        assertThat(parsed.sex()).isEqualTo(parsed.sequence() % 2 == 1 ? Sex.MALE : Sex.FEMALE);
    }

    @Property
    void anySingleCharacterChangeOfAResidentIdIsDetected(@ForAll("residentIds") ResidentIdNumber id,
                                                        @ForAll @IntRange(min = 0, max = 17) int position,
                                                        @ForAll @IntRange(min = 1, max = 10) int shift) {
        String value = id.value();
        char original = value.charAt(position);
        char replacement = ID_CHARACTERS.charAt((ID_CHARACTERS.indexOf(original) + shift) % ID_CHARACTERS.length());
        String corrupted = value.substring(0, position) + replacement + value.substring(position + 1);
        assertThat(ResidentIdNumber.validate(corrupted, TODAY).isValid()).as(corrupted).isFalse();
    }

    @Property
    void swappingTwoDifferentAdjacentCharactersOfAResidentIdIsDetected(@ForAll("residentIds") ResidentIdNumber id,
                                                                      @ForAll @IntRange(min = 0, max = 16) int position) {
        String value = id.value();
        if (value.charAt(position) == value.charAt(position + 1)) {
            return;
        }
        String swapped = value.substring(0, position) + value.charAt(position + 1) + value.charAt(position) + value.substring(position + 2);
        assertThat(ResidentIdNumber.validate(swapped, TODAY).isValid()).as(swapped).isFalse();
    }

    @Property
    void anySingleCharacterChangeOfACreditCodeIsDetected(@ForAll("creditCodes") UnifiedSocialCreditCode code,
                                                        @ForAll @IntRange(min = 0, max = 17) int position,
                                                        @ForAll @IntRange(min = 1, max = 30) int shift) {
        String alphabet = UnifiedSocialCreditCode.ALPHABET;
        String value = code.value();
        char replacement = alphabet.charAt((alphabet.indexOf(value.charAt(position)) + shift) % alphabet.length());
        String corrupted = value.substring(0, position) + replacement + value.substring(position + 1);
        assertThat(UnifiedSocialCreditCode.validate(corrupted).isValid()).as(corrupted).isFalse();
    }

    @Property
    void swappingTwoDifferentAdjacentCharactersOfACreditCodeIsDetected(@ForAll("creditCodes") UnifiedSocialCreditCode code,
                                                                      @ForAll @IntRange(min = 0, max = 16) int position) {
        String value = code.value();
        if (value.charAt(position) == value.charAt(position + 1)) {
            return;
        }
        String swapped = value.substring(0, position) + value.charAt(position + 1) + value.charAt(position) + value.substring(position + 2);
        assertThat(UnifiedSocialCreditCode.validate(swapped).isValid()).as(swapped).isFalse();
    }

    @Property
    void generatedCreditCodesRoundTrip(@ForAll("creditCodes") UnifiedSocialCreditCode code) {
        UnifiedSocialCreditCode parsed = UnifiedSocialCreditCode.parse(code.value().toLowerCase());
        assertThat(parsed).isEqualTo(code);
        assertThat(UnifiedSocialCreditCode.of(parsed.registrationDepartmentCode(), parsed.organisationTypeCode(),
                parsed.divisionCode(), parsed.organisationCode())).isEqualTo(code);
    }

    @Property
    void validatorsNeverThrowOnArbitraryText(@ForAll String text) {
        for (IdentifierKind kind : IdentifierKind.values()) {
            ValidationResult result = kind.validate(text);
            assertThat(result.kind()).isEqualTo(kind);
            if (result instanceof ValidationResult.Invalid invalid && text != null && text.strip().length() >= 4) {
                assertThat(invalid.message()).doesNotContain(text.strip());
            }
        }
    }

    @Property(tries = 50)
    void mobileNumbersSurviveFormatting(@ForAll @IntRange(min = 0, max = 1000) int seed) {
        String digits = MobileNumber.random(new Random(seed)).digits();
        String formatted = "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + " " + digits.substring(7);
        assertThat(MobileNumber.parse(formatted).digits()).isEqualTo(digits);
    }
}
