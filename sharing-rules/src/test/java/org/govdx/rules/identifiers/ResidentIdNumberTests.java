package org.govdx.rules.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentIdNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    @Test
    void publishedExampleIsValid() {
        ResidentIdNumber id = ResidentIdNumber.parse("11010519491231002X", TODAY);
        assertThat(id.divisionCode().code()).isEqualTo("110105");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sequence()).isEqualTo(2);
        assertThat(id.sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void buildsTheCheckCharacter() {
        ResidentIdNumber id = ResidentIdNumber.of(DivisionCode.parse("110105"), LocalDate.of(1949, 12, 31), 2);
        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(ResidentIdNumber.checkCharacter("32050519900101123")).isEqualTo('3');
        ResidentIdNumber male = ResidentIdNumber.of(DivisionCode.parse("320505"), LocalDate.of(1990, 1, 1), 123);
        assertThat(male.sex()).isEqualTo(Sex.MALE);
        assertThat(ResidentIdNumber.validate(male.value(), TODAY).isValid()).isTrue();
    }

    @Test
    void lowerCaseXIsNormalisedToUpperCase() {
        ValidationResult result = ResidentIdNumber.validate(" 11010519491231002x ", TODAY);
        assertThat(result.normalised()).contains("11010519491231002X");
        assertThat(ResidentIdNumber.parse("11010519491231002x", TODAY))
                .isEqualTo(ResidentIdNumber.parse("11010519491231002X", TODAY));
    }

    @Test
    void rejectsWithAReason() {
        assertThat(reason(null)).isEqualTo(InvalidReason.EMPTY);
        assertThat(reason("  ")).isEqualTo(InvalidReason.EMPTY);
        assertThat(reason("11010519491231002")).isEqualTo(InvalidReason.WRONG_LENGTH);
        assertThat(reason("1101051949123100XX")).isEqualTo(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(reason("11010519491231002Y")).isEqualTo(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(reason("110105１９491231002X")).isEqualTo(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(reason("11010519491231003X")).isEqualTo(InvalidReason.CHECK_CHARACTER_MISMATCH);
        assertThat(reason("99010519491231002X")).isEqualTo(InvalidReason.UNKNOWN_PROVINCE);
        assertThat(reason(withCheck("11000519491231002"))).isEqualTo(InvalidReason.MALFORMED_DIVISION_CODE);
        assertThat(reason(withCheck("11010519490230002"))).isEqualTo(InvalidReason.INVALID_BIRTH_DATE);
        assertThat(reason(withCheck("11010519491331002"))).isEqualTo(InvalidReason.INVALID_BIRTH_DATE);
        // the GB 11643 example 440524188001010014 has a valid check digit but a birth date before 1900
        assertThat(reason("440524188001010014")).isEqualTo(InvalidReason.BIRTH_DATE_BEFORE_1900);
        assertThat(reason(withCheck("11010520250602002"))).isEqualTo(InvalidReason.BIRTH_DATE_IN_FUTURE);
        assertThat(reason(withCheck("11010520250601002"))).isNull();
    }

    @Test
    void messagesDoNotRepeatTheInput() {
        ValidationResult.Invalid invalid = (ValidationResult.Invalid) ResidentIdNumber.validate("11010519491231003X", TODAY);
        assertThat(invalid.message()).doesNotContain("110105").doesNotContain("1949");
    }

    @Test
    void parseThrowsWithTheValidationResult() {
        assertThatThrownBy(() -> ResidentIdNumber.parse("11010519491231003X", TODAY))
                .isInstanceOf(InvalidIdentifierException.class)
                .satisfies(e -> assertThat(((InvalidIdentifierException) e).result().why())
                        .isEqualTo(InvalidReason.CHECK_CHARACTER_MISMATCH));
    }

    private static String withCheck(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private static InvalidReason reason(String text) {
        return ResidentIdNumber.validate(text, TODAY).reason().orElse(null);
    }
}
