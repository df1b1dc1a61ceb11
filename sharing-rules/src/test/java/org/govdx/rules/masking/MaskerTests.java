package org.govdx.rules.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class MaskerTests {

    private static final byte[] KEY = "agreement-42-secret-key".getBytes(StandardCharsets.UTF_8);
    private final Masker masker = new Masker(KEY);

    private Object mask(Object value, String rule) {
        return masker.mask(value, MaskingRule.parse(rule));
    }

    @Test
    void nullStaysNullAndNoneIsTheValueItself() {
        for (MaskingStrategy s : MaskingStrategy.values()) {
            MaskingRule rule = s == MaskingStrategy.PARTIAL ? MaskingRule.partial(1, 1)
                    : s == MaskingStrategy.GENERALIZE ? MaskingRule.numberBand(10) : MaskingRule.of(s);
            assertThat(masker.mask(null, rule)).isNull();
        }
        Integer value = 42;
        assertThat(masker.mask(value, MaskingRule.NONE)).isSameAs(value);
    }

    @Test
    void chineseNameKeepsTheSurname() {
        assertThat(mask("张三丰", "chinese_name")).isEqualTo("张**");
        assertThat(mask("张三", "chinese_name")).isEqualTo("张*");
        assertThat(mask("欧阳修", "chinese_name")).isEqualTo("欧**");
        assertThat(mask("张", "chinese_name")).isEqualTo("*");
        assertThat(mask("𠮷野家", "chinese_name")).isEqualTo("𠮷**");
    }

    @Test
    void residentIdShowsRegionAndLastFourHidesBirthDate() {
        assertThat(mask("320505199001011233", "resident_id")).isEqualTo("320505********1233");
        assertThat(mask("11010519491231002x", "resident_id")).isEqualTo("110105********002X");
        assertThat(mask("1101051949123100", "resident_id")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void mobileShowsFirstThreeAndLastFour() {
        assertThat(mask("13812345678", "mobile")).isEqualTo("138****5678");
        assertThat(mask("+86 138-1234-5678", "mobile")).isEqualTo("138****5678");
        assertThat(mask("010-12345678", "mobile")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void creditCodeKeepsDepartmentTypeAndDivision() {
        assertThat(mask("91350100M000100Y43", "uscc")).isEqualTo("91350100**********");
        assertThat(mask("91350100m000100y43", "uscc")).isEqualTo("91350100**********");
        assertThat(mask("not a code", "uscc")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void addressKeepsUpToTheDistrict() {
        assertThat(mask("江苏省苏州市虎丘区狮山街道竹园路209号", "address")).isEqualTo("江苏省苏州市虎丘区****");
        assertThat(mask("北京市海淀区中关村大街27号", "address")).isEqualTo("北京市海淀区****");
        assertThat(mask("上海市浦东新区张江镇", "address")).isEqualTo("上海市浦东新区****");
        assertThat(mask("江苏省苏州市昆山市玉山镇", "address")).isEqualTo("江苏省苏州市昆山市****");
        assertThat(mask("新疆维吾尔自治区乌鲁木齐市天山区解放北路", "address")).isEqualTo("新疆维吾尔自治区乌鲁木齐市天山区****");
        assertThat(mask("内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇", "address")).isEqualTo("内蒙古自治区呼伦贝尔市鄂温克族自治旗****");
        assertThat(mask("四川省阿坝藏族羌族自治州汶川县威州镇", "address")).isEqualTo("四川省阿坝藏族羌族自治州汶川县****");
        assertThat(mask("苏州市阳光小区5栋", "address")).isEqualTo("苏州市****");
        assertThat(mask("江苏省狮山街道88号", "address")).isEqualTo("江苏省****");
        assertThat(mask("狮山街道88号", "address")).isEqualTo(Masker.REDACTED);
        assertThat(mask("江苏省苏州市虎丘区", "address")).isEqualTo("江苏省苏州市虎丘区****");
        assertThat(mask("12 Main Street", "address")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void generalizesDatesNumbersAndDivisions() {
        assertThat(mask(LocalDate.of(1985, 3, 2), "generalize(date:year)")).isEqualTo("1985");
        assertThat(mask("1985-03-02", "generalize(date:month)")).isEqualTo("1985-03");
        assertThat(mask("19850302", "generalize(date:year)")).isEqualTo("1985");
        assertThat(mask(LocalDateTime.of(1985, 3, 2, 10, 0), "generalize(date:month)")).isEqualTo("1985-03");
        assertThat(mask("1985-03-02T10:15:30+08:00", "generalize(date:year)")).isEqualTo("1985");
        assertThat(mask("1985-02-30", "generalize(date:year)")).isEqualTo(Masker.REDACTED);
        assertThat(mask(37, "generalize(number:10)")).isEqualTo("[30,40)");
        assertThat(mask("37.5", "generalize(number:10)")).isEqualTo("[30,40)");
        assertThat(mask(new BigDecimal("40"), "generalize(number:10)")).isEqualTo("[40,50)");
        assertThat(mask(-5L, "generalize(number:10)")).isEqualTo("[-10,0)");
        assertThat(mask(Double.NaN, "generalize(number:10)")).isEqualTo(Masker.REDACTED);
        assertThat(mask("forty", "generalize(number:10)")).isEqualTo(Masker.REDACTED);
        assertThat(mask("320505", "generalize(division:city)")).isEqualTo("320500");
        assertThat(mask(320505, "generalize(division:province)")).isEqualTo("320000");
        assertThat(mask("999999", "generalize(division:city)")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void partialKeepsTheAskedEndsAndAtLeastHalfOfAShortValueHidden() {
        assertThat(mask("6222021234567890", "partial(first=6,last=4)")).isEqualTo("622202******7890");
        assertThat(mask("abcdefgh", "partial(first=1,last=4)")).isEqualTo("a***efgh");
        assertThat(mask("abcde", "partial(first=1,last=4)")).isEqualTo("***de");
        assertThat(mask("abcd", "partial(first=1,last=4)")).isEqualTo("**cd");
        assertThat(mask("ab", "partial(first=1,last=0)")).isEqualTo("a*");
        assertThat(mask("a", "partial(first=1,last=0)")).isEqualTo("*");
        assertThat(mask(12345678, "partial(last=2)")).isEqualTo("******78");
        assertThat(mask("", "partial(first=1,last=1)")).isEqualTo("");
    }

    @Test
    void redactHidesValueAndLength() {
        assertThat(mask("anything at all", "redact")).isEqualTo(Masker.REDACTED);
        assertThat(mask(7, "redact")).isEqualTo(Masker.REDACTED);
    }

    @Test
    void pseudonymIsKeyedDeterministicAndFixedLength() {
        String p = (String) mask("11010519491231002X", "pseudonym");
        assertThat(p).startsWith("p_").hasSize(2 + Masker.PSEUDONYM_LENGTH).matches("p_[a-z2-7]{24}");
        assertThat(mask("11010519491231002X", "pseudonym")).isEqualTo(p);
        assertThat(new Masker(KEY.clone()).mask("11010519491231002X", MaskingRule.PSEUDONYM)).isEqualTo(p);
        byte[] otherKey = "agreement-43-secret-key".getBytes(StandardCharsets.UTF_8);
        assertThat(new Masker(otherKey).mask("11010519491231002X", MaskingRule.PSEUDONYM)).isNotEqualTo(p);
        // numbers are pseudonymised by their canonical text, so 1.50 and 1.5 join
        assertThat(mask(new BigDecimal("1.50"), "pseudonym")).isEqualTo(mask("1.5", "pseudonym"));
    }

    @Test
    void keyIsCopiedAndMustBeLongEnough() {
        byte[] key = KEY.clone();
        Masker m = new Masker(key);
        Object before = m.mask("x", MaskingRule.PSEUDONYM);
        key[0] ^= 1;
        assertThat(m.mask("x", MaskingRule.PSEUDONYM)).isEqualTo(before);
        assertThatThrownBy(() -> new Masker(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Masker.withoutPseudonymKey().mask("x", MaskingRule.PSEUDONYM))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Masker.withoutPseudonymKey().mask("x", MaskingRule.REDACT)).isEqualTo(Masker.REDACTED);
    }

    @Test
    void canonicalTextOfValues() {
        assertThat(Masker.canonicalText(new BigDecimal("1.500"))).isEqualTo("1.5");
        assertThat(Masker.canonicalText(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Masker.canonicalText(2.50d)).isEqualTo("2.5");
        assertThat(Masker.canonicalText(42L)).isEqualTo("42");
        assertThat(Masker.canonicalText(LocalDate.of(2020, 1, 2))).isEqualTo("2020-01-02");
        assertThat(Masker.canonicalText(new byte[] {1, (byte) 0xab})).isEqualTo("01ab");
    }
}
