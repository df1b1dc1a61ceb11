package org.govdx.rules.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OrganisationAndPhoneIdentifierTests {

    @Test
    void publishedCreditCodesAreValid() {
        for (String code : new String[] {"91350100M000100Y43", "91110000802100433B", "91440300708461136T", "91310000MA1FL1MMXL"}) {
            assertThat(UnifiedSocialCreditCode.validate(code).isValid()).as(code).isTrue();
        }
        UnifiedSocialCreditCode code = UnifiedSocialCreditCode.parse("91350100M000100Y43");
        assertThat(code.registrationDepartmentCode()).isEqualTo('9');
        assertThat(code.organisationTypeCode()).isEqualTo('1');
        assertThat(code.divisionCode()).isEqualTo("350100");
        assertThat(code.organisationCode()).isEqualTo("M000100Y4");
    }

    @Test
    void creditCodeCheckCharacterZeroWhenRemainderIsZero() {
        // find a body whose weighted sum is divisible by 31: the check character must be '0', not a 32nd symbol
        Random random = new Random(7);
        int found = 0;
        for (int i = 0; i < 5000 && found < 3; i++) {
            UnifiedSocialCreditCode c = UnifiedSocialCreditCode.random(random);
            if (c.value().charAt(17) == '0') {
                found++;
                assertThat(UnifiedSocialCreditCode.validate(c.value()).isValid()).isTrue();
            }
        }
        assertThat(found).isPositive();
    }

    @Test
    void creditCodeRejectsWithAReason() {
        assertThat(UnifiedSocialCreditCode.validate("").reason()).contains(InvalidReason.EMPTY);
        assertThat(UnifiedSocialCreditCode.validate("91350100M000100Y4").reason()).contains(InvalidReason.WRONG_LENGTH);
        assertThat(UnifiedSocialCreditCode.validate("91350100M000100I43").reason()).contains(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(UnifiedSocialCreditCode.validate("91A50100M000100Y43").reason()).contains(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(UnifiedSocialCreditCode.validate("91350100M000100Y44").reason()).contains(InvalidReason.CHECK_CHARACTER_MISMATCH);
        assertThat(UnifiedSocialCreditCode.validate("91350100m000100y43").normalised()).contains("91350100M000100Y43");
        assertThatThrownBy(() -> UnifiedSocialCreditCode.of('9', '1', "3501", "M000100Y4")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UnifiedSocialCreditCode.of('9', '1', "350100", "M000100Y4").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void mobileNumbersAcceptCountryPrefixAndSeparators() {
        for (String text : new String[] {"13800138000", " 13800138000 ", "+8613800138000", "+86 138 0013 8000",
                "8613800138000", "008613800138000", "138-0013-8000", "+86-138-0013-8000"}) {
            assertThat(MobileNumber.validate(text).normalised()).as(text).contains("13800138000");
        }
        assertThat(MobileNumber.validate("12800138000").reason()).contains(InvalidReason.INVALID_PREFIX);
        assertThat(MobileNumber.validate("+1 13800138000").reason()).contains(InvalidReason.INVALID_PREFIX);
        assertThat(MobileNumber.validate("1380013800").reason()).contains(InvalidReason.WRONG_LENGTH);
        assertThat(MobileNumber.validate("+86 86 13800138000").reason()).contains(InvalidReason.WRONG_LENGTH);
        assertThat(MobileNumber.validate("(138)00138000").reason()).contains(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(MobileNumber.validate("138.0013.8000").reason()).contains(InvalidReason.ILLEGAL_CHARACTER);
        assertThat(MobileNumber.validate(null).reason()).contains(InvalidReason.EMPTY);
    }

    @Test
    void divisionCodesKnowTheirLevel() {
        DivisionCode county = DivisionCode.parse("320505");
        assertThat(county.level()).isEqualTo(DivisionLevel.COUNTY);
        assertThat(county.isCounty()).isTrue();
        assertThat(county.city().code()).isEqualTo("320500");
        assertThat(county.province().code()).isEqualTo("320000");
        assertThat(county.city().isCity()).isTrue();
        assertThat(county.province().isProvince()).isTrue();
        assertThat(county.province().city()).isEqualTo(county.province());
        assertThat(county.generalisedTo(DivisionLevel.COUNTY)).isEqualTo(county);
        assertThat(DivisionCode.parse("820000").isProvince()).isTrue();
        assertThat(DivisionCode.validate("000000").reason()).contains(InvalidReason.UNKNOWN_PROVINCE);
        assertThat(DivisionCode.validate("830000").reason()).contains(InvalidReason.UNKNOWN_PROVINCE);
        assertThat(DivisionCode.validate("320005").reason()).contains(InvalidReason.MALFORMED_DIVISION_CODE);
        assertThat(DivisionCode.validate("32050").reason()).contains(InvalidReason.WRONG_LENGTH);
        assertThat(DivisionCode.validate("32O505").reason()).contains(InvalidReason.ILLEGAL_CHARACTER);
    }

    @Test
    void identifierKindDispatchesToTheRightValidator() {
        assertThat(IdentifierKind.RESIDENT_ID.validate("11010519491231002X").isValid()).isTrue();
        assertThat(IdentifierKind.USCC.validate("91350100M000100Y43").isValid()).isTrue();
        assertThat(IdentifierKind.MOBILE.validate("13800138000").isValid()).isTrue();
        assertThat(IdentifierKind.DIVISION_CODE.validate("320505").isValid()).isTrue();
        assertThat(IdentifierKind.DIVISION_CODE.validate("13800138000").isValid()).isFalse();
        assertThat(IdentifierKind.MOBILE.validate("320505").kind()).isEqualTo(IdentifierKind.MOBILE);
        Random random = new Random(1);
        for (IdentifierKind kind : IdentifierKind.values()) {
            for (int i = 0; i < 50; i++) {
                String value = kind.random(random);
                assertThat(kind.validate(value).normalised()).as(kind + " " + value).contains(value);
            }
        }
    }
}
