import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Generates the govdx demo data (Suzhou, division prefix 3205) into seeds/data/.
 *
 * <p>Run from the repository root: {@code java seeds/tools/GenerateDemoData.java [outputDir]}.
 * Single-file Java 17 program, JDK classes only, deterministic (fixed {@link Random} seed, no clock,
 * no hash-order dependence, {@link Locale#ROOT} number formatting).
 *
 * <p>Everything is synthetic: names are random combinations of common surnames and given-name
 * characters, company names are invented two-character brands, identifiers are random but carry
 * valid check digits (GB 11643 resident identity number, GB 32100 unified social credit code with
 * an embedded GB 11714 organisation code). All rows are generated in memory, validated by the
 * self-check below, and only then written; the written files are read back and every identifier
 * column is re-validated. Any failure aborts with exit code 1.
 */
public class GenerateDemoData {

    static final long SEED = 20250801L;
    /** "As of" date of the demo data; no generated date lies after it. */
    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final Random R = new Random(SEED);

    // ------------------------------------------------------------------ districts

    record District(String code, String name, boolean county, int weight, String[] roads, String[] streets) {
        /** Name as used in front of a company / clinic name: 苏州市姑苏区 or 昆山市. */
        String cityName() { return county ? name : "苏州市" + name; }
        /** Short trade-name prefix: 苏州 or 昆山. */
        String shortName() { return county ? name.substring(0, name.length() - 1) : "苏州"; }
        String addressPrefix() { return "江苏省苏州市" + name; }
    }

    static final List<District> DISTRICTS = List.of(
        new District("320505", "虎丘区", false, 8, new String[] {"科锦路", "枫林路", "玉屏路", "青城路", "锦峰路", "翠微路"}, new String[] {"城西", "枫林", "科城"}),
        new District("320506", "吴中区", false, 14, new String[] {"湖滨路", "长桥路", "碧波路", "越溪路", "香山路", "石湖路"}, new String[] {"长桥", "湖滨", "城南"}),
        new District("320507", "相城区", false, 9, new String[] {"澄阳路", "元和路", "采莲路", "荷塘路", "蠡湖路", "聚茂路"}, new String[] {"元和", "澄阳", "城北"}),
        new District("320508", "姑苏区", false, 10, new String[] {"平江路", "临河街", "仓前街", "南浜路", "书院巷", "锦帆路"}, new String[] {"城东", "城南", "城西"}),
        new District("320509", "吴江区", false, 15, new String[] {"鲈乡路", "垂虹路", "运河路", "湖畔路", "丝绸路", "新港路"}, new String[] {"松陵", "江湾", "城东"}),
        new District("320581", "常熟市", true, 16, new String[] {"虞山路", "琴川路", "海虞路", "尚湖路", "青墩路", "枫泾路"}, new String[] {"琴川", "虞山", "城南"}),
        new District("320582", "张家港市", true, 14, new String[] {"港城大道", "沙洲路", "暨阳路", "杨舍路", "滨江路", "长安路"}, new String[] {"杨舍", "金港", "城北"}),
        new District("320583", "昆山市", true, 22, new String[] {"玉山路", "前进路", "娄江路", "亭林路", "春晖路", "柏庐路"}, new String[] {"玉山", "亭林", "城东"}),
        new District("320585", "太仓市", true, 9, new String[] {"娄东路", "浏河路", "太平路", "苗圃路", "半泾路", "新港路"}, new String[] {"娄东", "城厢", "浏河"}));

    static final Map<String, District> DISTRICT_BY_CODE = new LinkedHashMap<>();
    static { for (District d : DISTRICTS) DISTRICT_BY_CODE.put(d.code, d); }

    /** Birth-place codes of people born elsewhere (real, current county-level codes). */
    static final String[] OTHER_BIRTH_CODES = {
        "320102", "320205", "320302", "321002", "320812", "340102", "341302", "410102", "411302",
        "420102", "510104", "330106", "370102", "360102", "430102", "110105", "500103"};
    /** Codes Suzhou used before the 2012 merger (姑苏区 = 沧浪/平江/金阊, 吴江区 = 吴江市). ID numbers keep them. */
    static final String[] GUSU_HISTORIC = {"320502", "320503", "320504"};
    static final String WUJIANG_HISTORIC = "320584";

    // ------------------------------------------------------------------ check-digit algorithms

    static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** GB 11643 / ISO 7064 MOD 11-2 check character over the first 17 digits. */
    static char idCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        return ID_CHECK[sum % 11];
    }

    static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    /** GB 32100 check character over the first 17 characters. */
    static char usccCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC_ALPHABET.indexOf(first17.charAt(i));
            if (v < 0) throw new IllegalArgumentException("not a USCC character: " + first17.charAt(i));
            sum += v * USCC_WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return USCC_ALPHABET.charAt(c == 31 ? 0 : c);
    }

    /** GB 11714 organisation code check character over the first 8 characters (A=10 .. Z=35). */
    static char orgCodeCheckChar(String first8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char ch = first8.charAt(i);
            int v;
            if (ch >= '0' && ch <= '9') v = ch - '0';
            else if (ch >= 'A' && ch <= 'Z') v = ch - 'A' + 10;
            else throw new IllegalArgumentException("not an organisation code character: " + ch);
            sum += v * ORG_WEIGHTS[i];
        }
        int c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
    }

    // ------------------------------------------------------------------ validators (self-check)

    static final Set<String> PROVINCES = new HashSet<>(Arrays.asList(
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"));
    static final Pattern ID_SHAPE = Pattern.compile("\\d{17}[\\dX]");
    static final Pattern MOBILE_SHAPE = Pattern.compile("1(3\\d|4[5-9]|5[0-35-9]|66|7[0-8]|8\\d|9[0-35-9])\\d{8}");
    static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final Pattern PERIOD_SHAPE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    static final Pattern INDUSTRY_SHAPE = Pattern.compile("[A-T]\\d{2}");
    static final Pattern HOUSEHOLD_SHAPE = Pattern.compile("H\\d{12}");
    static final Pattern CHINESE_NAME = Pattern.compile("[\\u4e00-\\u9fa5]{2,4}");

    /** Parses yyyymmdd / yyyy-mm-dd strictly; null when the date does not exist. */
    static LocalDate parseDate(String s) {
        String digits = s.replace("-", "");
        if (digits.length() != 8 || !digits.chars().allMatch(Character::isDigit)) return null;
        try {
            return LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    static boolean validIsoDate(String s) { return s != null && DATE_SHAPE.matcher(s).matches() && parseDate(s) != null; }

    static boolean validResidentId(String id) {
        if (id == null || !ID_SHAPE.matcher(id).matches()) return false;
        if (!PROVINCES.contains(id.substring(0, 2))) return false;
        LocalDate birth = parseDate(id.substring(6, 14));
        if (birth == null || birth.getYear() < 1900 || birth.isAfter(AS_OF)) return false;
        return idCheckChar(id.substring(0, 17)) == id.charAt(17);
    }

    static boolean validUscc(String s) {
        if (s == null || s.length() != 18) return false;
        for (int i = 0; i < 18; i++) if (USCC_ALPHABET.indexOf(s.charAt(i)) < 0) return false;
        if (s.charAt(0) != '9' || "123".indexOf(s.charAt(1)) < 0) return false;
        if (!s.substring(2, 8).chars().allMatch(Character::isDigit) || !PROVINCES.contains(s.substring(2, 4))) return false;
        if (orgCodeCheckChar(s.substring(8, 16)) != s.charAt(16)) return false;
        return usccCheckChar(s.substring(0, 17)) == s.charAt(17);
    }

    static boolean validMobile(String s) { return s != null && MOBILE_SHAPE.matcher(s).matches(); }

    static boolean validSuzhouDistrict(String s) { return s != null && DISTRICT_BY_CODE.containsKey(s); }

    static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("self-check failed: " + what);
    }

    // ------------------------------------------------------------------ random helpers

    static <T> T pick(T[] a) { return a[R.nextInt(a.length)]; }
    static <T> T pick(List<T> a) { return a.get(R.nextInt(a.size())); }

    static District pickDistrict() {
        int total = 0;
        for (District d : DISTRICTS) total += d.weight;
        int x = R.nextInt(total);
        for (District d : DISTRICTS) {
            x -= d.weight;
            if (x < 0) return d;
        }
        throw new AssertionError();
    }

    /** Index into an array whose first entries are the most frequent. */
    static int skewed(int n, double power) { return Math.min(n - 1, (int) (Math.pow(R.nextDouble(), power) * n)); }

    static LocalDate dateBetween(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        if (days < 0) throw new IllegalArgumentException(from + " > " + to);
        return from.plusDays((long) (R.nextDouble() * (days + 1)));
    }

    static int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) total += w;
        int x = R.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) return i;
        }
        throw new AssertionError();
    }

    static String money(BigDecimal v) { return v.setScale(2, RoundingMode.HALF_UP).toPlainString(); }

    // ------------------------------------------------------------------ people

    static final String[] SURNAMES = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
        .split("");
    static final String[] MALE_CLASSIC = "国建华明军平志勇强文金德福荣春庆海东兴良伟刚林忠发成保新根宝祥才永".split("");
    static final String[] MALE_MODERN = "浩宇轩睿博航泽然子嘉俊杰涛磊鹏辉飞鑫超凯健帆旭宁晨昊逸宸皓锐彬哲铭".split("");
    static final String[] FEMALE_CLASSIC = "秀英兰芳桂珍凤玉梅红华娟霞丽敏萍琴云莲美翠金琳月菊燕".split("");
    static final String[] FEMALE_MODERN = "婷雪慧颖洁倩蕾佳怡欣悦涵萱妍婉晴瑶璐菲雯诗梦雨静艳娜丹琪蓉薇".split("");
    static final String[] MINORITIES = {"回族", "满族", "蒙古族", "壮族", "苗族", "土家族", "彝族", "布依族", "侗族", "朝鲜族"};
    static final String[] ETHNIC_GROUPS = (
        "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 "
        + "水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 "
        + "俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族").split(" ");
    static final Set<String> ETHNIC_SET = new HashSet<>(Arrays.asList(ETHNIC_GROUPS));
    static final List<String> MARITAL = List.of("未婚", "已婚", "离婚", "丧偶");
    static final String[] MOBILE_PREFIXES = {
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "157", "158", "159",
        "173", "175", "176", "177", "178", "180", "181", "182", "183", "186", "187", "188", "189", "191", "193", "195", "198", "199"};

    static final class Person {
        String id, name, sex, ethnicity, mobile, districtCode, address, householdId, marital;
        LocalDate birth, registered;
        boolean male;
        String surname;

        List<String> row() {
            return List.of(id, name, sex, birth.toString(), ethnicity, mobile, districtCode, address, householdId, marital,
                registered.toString());
        }
    }

    static final Set<String> usedIds = new HashSet<>();
    static final Set<String> usedMobiles = new HashSet<>();

    static String newResidentId(String division, LocalDate birth, boolean male) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int seq = male ? 2 * R.nextInt(500) + 1 : 2 * R.nextInt(499) + 2;
            String first17 = division + String.format(Locale.ROOT, "%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), seq);
            String id = first17 + idCheckChar(first17);
            if (usedIds.add(id)) return id;
        }
        throw new IllegalStateException("cannot allocate an id for " + division + birth);
    }

    static String newMobile() {
        while (true) {
            String m = pick(MOBILE_PREFIXES) + String.format(Locale.ROOT, "%08d", R.nextInt(100_000_000));
            if (usedMobiles.add(m)) return m;
        }
    }

    static String givenName(boolean male, int birthYear) {
        boolean classic = birthYear < 1975 ? R.nextInt(10) < 8 : R.nextInt(10) < 2;
        String[] pool = male ? (classic ? MALE_CLASSIC : MALE_MODERN) : (classic ? FEMALE_CLASSIC : FEMALE_MODERN);
        String first = pick(pool);
        if (R.nextInt(100) < 22) return first;
        String second;
        do { second = pick(pool); } while (second.equals(first) && R.nextInt(4) != 0);
        return first + second;
    }

    static String birthDivision(District d, boolean local) {
        if (!local) return pick(OTHER_BIRTH_CODES);
        if (d.code.equals("320508")) return pick(GUSU_HISTORIC);
        if (d.code.equals("320509")) return WUJIANG_HISTORIC;
        return d.code;
    }

    static Person newPerson(District d, String surname, boolean male, LocalDate birth, boolean local) {
        Person p = new Person();
        p.male = male;
        p.sex = male ? "男" : "女";
        p.birth = birth;
        p.surname = surname;
        p.name = surname + givenName(male, birth.getYear());
        p.id = newResidentId(birthDivision(d, local), birth, male);
        p.ethnicity = R.nextInt(100) < 96 ? "汉族" : pick(MINORITIES);
        int age = ageAt(birth, AS_OF);
        boolean noPhone = age >= 75 ? R.nextInt(100) < 30 : R.nextInt(100) < 2;
        p.mobile = noPhone ? "" : newMobile();
        p.districtCode = d.code;
        if (local) {
            LocalDate start = birth.isBefore(LocalDate.of(1958, 1, 9)) ? LocalDate.of(1958, 1, 9).plusDays(R.nextInt(1500)) : birth.plusDays(R.nextInt(61));
            p.registered = start.isAfter(AS_OF) ? AS_OF : start;
        } else {
            LocalDate from = birth.plusYears(18);
            if (from.isAfter(AS_OF)) from = birth.plusYears(6); // moved here as a child with the family
            if (from.isBefore(LocalDate.of(1985, 1, 1))) from = LocalDate.of(1985, 1, 1);
            p.registered = dateBetween(from, AS_OF);
        }
        return p;
    }

    static int ageAt(LocalDate birth, LocalDate at) { return (int) ChronoUnit.YEARS.between(birth, at); }

    static String singleMarital(int age, boolean male) {
        if (age < (male ? 22 : 20)) return "未婚";
        int x = R.nextInt(100);
        if (age < 30) return x < 70 ? "未婚" : x < 90 ? "已婚" : "离婚";
        if (age < 60) return x < 25 ? "未婚" : x < 70 ? "已婚" : x < 95 ? "离婚" : "丧偶";
        return x < 5 ? "未婚" : x < 40 ? "已婚" : x < 50 ? "离婚" : "丧偶";
    }

    static int householdSeq = 0;

    /** One household: 1 person, a couple, a couple with children, optionally an elderly parent. */
    static List<Person> newHousehold() {
        District d = pickDistrict();
        String hh = "H" + d.code + String.format(Locale.ROOT, "%06d", ++householdSeq);
        String address = d.addressPrefix() + pick(d.roads) + (1 + R.nextInt(388)) + "号" + (1 + R.nextInt(28)) + "幢"
            + (1 + R.nextInt(18)) + String.format(Locale.ROOT, "%02d", 1 + R.nextInt(4)) + "室";
        int size = 1 + weighted(new int[] {22, 30, 28, 15, 5});
        boolean localFamily = R.nextInt(100) < 78;
        List<Person> members = new ArrayList<>();
        boolean headMale = R.nextInt(100) < 70;
        LocalDate headBirth = size >= 3
            ? dateBetween(LocalDate.of(1950, 1, 1), LocalDate.of(1986, 12, 31))
            : size == 2 ? dateBetween(LocalDate.of(1940, 1, 1), LocalDate.of(2001, 12, 31))
            : dateBetween(LocalDate.of(1940, 1, 1), LocalDate.of(2003, 12, 31));
        String headSurname = SURNAMES[skewed(SURNAMES.length, 1.8)];
        Person head = newPerson(d, headSurname, headMale, headBirth, localFamily);
        members.add(head);
        if (size == 1) {
            head.marital = singleMarital(ageAt(headBirth, AS_OF), headMale);
        } else {
            head.marital = "已婚";
            LocalDate spouseBirth = headBirth.plusDays(R.nextInt(6 * 365) - 3 * 365 + (headMale ? 500 : -500));
            if (spouseBirth.isBefore(LocalDate.of(1940, 1, 1))) spouseBirth = LocalDate.of(1940, 1, 1).plusDays(R.nextInt(300));
            if (spouseBirth.isAfter(LocalDate.of(2001, 12, 31))) spouseBirth = LocalDate.of(2001, 12, 31).minusDays(R.nextInt(300));
            Person spouse = newPerson(d, SURNAMES[skewed(SURNAMES.length, 1.8)], !headMale, spouseBirth, R.nextInt(100) < 70 ? localFamily : !localFamily);
            spouse.marital = "已婚";
            members.add(spouse);
            Person father = headMale ? head : spouse;
            Person mother = headMale ? spouse : head;
            int children = size == 5 ? 2 : size - 2;
            LocalDate older = father.birth.isBefore(mother.birth) ? mother.birth : father.birth;
            LocalDate from = older.plusYears(22);
            LocalDate to = mother.birth.plusYears(42);
            if (to.isAfter(LocalDate.of(2010, 12, 31))) to = LocalDate.of(2010, 12, 31);
            for (int c = 0; c < children && !from.isAfter(to); c++) {
                boolean male = R.nextBoolean();
                Person child = newPerson(d, father.surname, male, dateBetween(from, to), R.nextInt(100) < 90);
                int age = ageAt(child.birth, AS_OF);
                child.marital = age < (male ? 22 : 20) ? "未婚" : R.nextInt(100) < 80 ? "未婚" : "已婚";
                members.add(child);
            }
            if (size == 5) {
                LocalDate pFrom = head.birth.minusYears(38);
                LocalDate pTo = head.birth.minusYears(22);
                if (pFrom.isBefore(LocalDate.of(1940, 1, 1))) pFrom = LocalDate.of(1940, 1, 1);
                if (!pFrom.isAfter(pTo)) {
                    boolean male = R.nextInt(100) < 35;
                    Person parent = newPerson(d, male ? head.surname : SURNAMES[skewed(SURNAMES.length, 1.8)], male,
                        dateBetween(pFrom, pTo), localFamily);
                    parent.marital = R.nextInt(100) < 70 ? "丧偶" : "已婚";
                    members.add(parent);
                }
            }
        }
        for (Person p : members) {
            p.address = address;
            p.householdId = hh;
        }
        return members;
    }

    static List<Person> newResidents(int count) {
        List<Person> out = new ArrayList<>();
        while (out.size() < count) out.addAll(newHousehold());
        return new ArrayList<>(out.subList(0, count));
    }

    // ------------------------------------------------------------------ resident-row validation (upload rules)

    static final String[] RESIDENT_HEADER = {
        "resident_id", "name", "sex", "birth_date", "ethnicity", "mobile", "district_code", "address", "household_id",
        "marital_status", "registered_date"};

    /**
     * Validates one residents row the way the platform's upload validation should (data elements DE0001..).
     * Returns "field:CODE" strings; empty when the row is valid.
     */
    static List<String> residentRowErrors(List<String> r, Set<String> seenIds) {
        List<String> errors = new ArrayList<>();
        String id = r.get(0);
        if (id.isBlank()) errors.add("resident_id:REQUIRED_MISSING");
        else if (!ID_SHAPE.matcher(id).matches()) errors.add("resident_id:INVALID_FORMAT");
        else if (parseDate(id.substring(6, 14)) == null) errors.add("resident_id:INVALID_DATE");
        else if (!validResidentId(id)) errors.add("resident_id:INVALID_CHECK_DIGIT");
        else if (!seenIds.add(id)) errors.add("resident_id:DUPLICATE_KEY");
        if (r.get(1).isBlank()) errors.add("name:REQUIRED_MISSING");
        else if (!CHINESE_NAME.matcher(r.get(1)).matches()) errors.add("name:INVALID_FORMAT");
        if (!r.get(2).equals("男") && !r.get(2).equals("女")) errors.add("sex:INVALID_ENUM");
        LocalDate birth = validIsoDate(r.get(3)) ? parseDate(r.get(3)) : null;
        if (birth == null) errors.add("birth_date:INVALID_DATE");
        else if (birth.getYear() < 1940 || birth.getYear() > 2010) errors.add("birth_date:OUT_OF_RANGE");
        if (!ETHNIC_SET.contains(r.get(4))) errors.add("ethnicity:INVALID_ENUM");
        if (!r.get(5).isEmpty() && !validMobile(r.get(5))) errors.add("mobile:INVALID_MOBILE");
        if (!validSuzhouDistrict(r.get(6))) errors.add("district_code:INVALID_DIVISION_CODE");
        if (r.get(7).isBlank()) errors.add("address:REQUIRED_MISSING");
        if (!HOUSEHOLD_SHAPE.matcher(r.get(8)).matches()) errors.add("household_id:INVALID_FORMAT");
        if (!MARITAL.contains(r.get(9))) errors.add("marital_status:INVALID_ENUM");
        LocalDate reg = validIsoDate(r.get(10)) ? parseDate(r.get(10)) : null;
        if (reg == null) errors.add("registered_date:INVALID_DATE");
        // Cross-field consistency is only checked when each field is valid on its own.
        if (errors.isEmpty()) {
            if (!id.substring(6, 14).equals(r.get(3).replace("-", ""))) errors.add("birth_date:INCONSISTENT_WITH_ID");
            boolean male = (id.charAt(16) - '0') % 2 == 1;
            if (male != r.get(2).equals("男")) errors.add("sex:INCONSISTENT_WITH_ID");
            if (reg.isBefore(birth) || reg.isAfter(AS_OF)) errors.add("registered_date:OUT_OF_RANGE");
        }
        return errors;
    }

    record InjectedError(int dataRow, String field, String code, String note) { }

    /** ~1% of 1500: 15 deliberately broken rows inside a 150-row upload sample. */
    static List<InjectedError> injectErrors(List<List<String>> rows) {
        List<InjectedError> out = new ArrayList<>();
        int[] at = {7, 18, 26, 39, 47, 58, 66, 77, 85, 96, 104, 115, 123, 134, 146};
        // 4 x bad check digit
        for (int k = 0; k < 4; k++) {
            List<String> r = rows.get(at[k]);
            String id = r.get(0);
            char good = id.charAt(17);
            String candidates = "0123456789X".replace(String.valueOf(good), "");
            char bad = candidates.charAt(k == 3 ? candidates.length() - 1 : R.nextInt(candidates.length() - 1));
            r.set(0, id.substring(0, 17) + bad);
            out.add(new InjectedError(at[k], "resident_id", "INVALID_CHECK_DIGIT", "校验位应为 " + good + "，文件中为 " + bad));
        }
        // 3 x impossible date (check digit recomputed so that only the date is wrong)
        String[][] impossible = {{"1987", "02", "30"}, {"1999", "02", "29"}, {"2001", "13", "05"}};
        for (int k = 0; k < 3; k++) {
            List<String> r = rows.get(at[4 + k]);
            String id = r.get(0);
            String first17 = id.substring(0, 6) + impossible[k][0] + impossible[k][1] + impossible[k][2] + id.substring(14, 17);
            r.set(0, first17 + idCheckChar(first17));
            r.set(3, impossible[k][0] + "-" + impossible[k][1] + "-" + impossible[k][2]);
            r.set(10, "2005-06-01");
            String note = "出生日期 " + r.get(3) + " 不存在（身份号码校验位本身正确）";
            out.add(new InjectedError(at[4 + k], "resident_id", "INVALID_DATE", note));
            out.add(new InjectedError(at[4 + k], "birth_date", "INVALID_DATE", note));
        }
        // 3 x missing required name (two empty, one whitespace only)
        for (int k = 0; k < 3; k++) {
            rows.get(at[7 + k]).set(1, k == 2 ? " " : "");
            out.add(new InjectedError(at[7 + k], "name", "REQUIRED_MISSING", k == 2 ? "姓名仅含空格" : "姓名为空"));
        }
        rows.get(at[10]).set(5, "1381234567");
        out.add(new InjectedError(at[10], "mobile", "INVALID_MOBILE", "手机号码只有 10 位"));
        rows.get(at[11]).set(5, "12012345678");
        out.add(new InjectedError(at[11], "mobile", "INVALID_MOBILE", "号段 120 不是移动电话号段"));
        rows.get(at[12]).set(6, "320599");
        out.add(new InjectedError(at[12], "district_code", "INVALID_DIVISION_CODE", "320599 不是苏州市的县级行政区划代码"));
        for (int col : new int[] {0, 2, 3, 10}) rows.get(at[13]).set(col, rows.get(12).get(col)); // same id, consistent sex/birth
        out.add(new InjectedError(at[13], "resident_id", "DUPLICATE_KEY", "与第 14 行（数据第 13 行）的公民身份号码重复"));
        rows.get(at[14]).set(2, "M");
        out.add(new InjectedError(at[14], "sex", "INVALID_ENUM", "性别取值应为 男/女"));
        return out;
    }

    // ------------------------------------------------------------------ businesses

    record Industry(String code, int weight, String[] words, String scope, boolean food) { }

    static final List<Industry> ENTERPRISE_INDUSTRIES = List.of(
        new Industry("I65", 10, new String[] {"信息技术", "软件科技", "网络科技", "数字科技"},
            "一般项目：软件开发；信息系统集成服务；信息技术咨询服务；数据处理和存储支持服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C39", 9, new String[] {"电子科技", "光电科技", "半导体科技", "电子"},
            "一般项目：电子元器件制造；电子元器件批发；电子专用材料制造；集成电路芯片及产品销售；货物进出口（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C34", 7, new String[] {"精密机械", "机械设备", "动力设备"},
            "一般项目：通用设备制造（不含特种设备制造）；机械零件、零部件加工；机械设备销售；金属切削加工服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C35", 5, new String[] {"自动化设备", "智能装备", "机电设备"},
            "一般项目：专用设备制造（不含许可类专业设备制造）；工业自动控制系统装置制造；智能机器人的研发；机械电气设备销售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C38", 4, new String[] {"电气", "电器", "新能源科技"},
            "一般项目：配电开关控制设备制造；电池制造；光伏设备及元器件制造；电气机械设备销售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C36", 3, new String[] {"汽车零部件", "汽车配件"},
            "一般项目：汽车零部件及配件制造；汽车零配件批发；模具制造（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C29", 3, new String[] {"塑胶制品", "塑料科技"},
            "一般项目：塑料制品制造；塑料制品销售；橡胶制品制造（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C33", 3, new String[] {"五金制品", "金属制品"},
            "一般项目：五金产品制造；五金产品批发；金属表面处理及热处理加工（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C17", 3, new String[] {"纺织", "丝绸"},
            "一般项目：面料纺织加工；针纺织品及原料销售；面料印染加工（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C18", 2, new String[] {"服饰", "制衣"},
            "一般项目：服装制造；服装服饰批发；服装服饰零售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("C13", 4, new String[] {"粮油食品", "农副产品加工"},
            "许可项目：粮食加工食品生产；食品生产（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：食用农产品初加工；农副产品销售", true),
        new Industry("C14", 4, new String[] {"食品", "烘焙食品"},
            "许可项目：食品生产；食品销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：食品销售（仅销售预包装食品）", true),
        new Industry("C15", 3, new String[] {"饮品", "茶业", "酒业"},
            "许可项目：饮料生产；酒类经营；茶叶制品生产（依法须经批准的项目，经相关部门批准后方可开展经营活动）", true),
        new Industry("F51", 6, new String[] {"贸易", "商贸", "进出口"},
            "一般项目：货物进出口；技术进出口；五金产品批发；电子产品销售；日用百货销售（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("F51", 4, new String[] {"食品贸易", "农产品贸易"},
            "许可项目：食品销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：食用农产品批发；食品销售（仅销售预包装食品）", true),
        new Industry("F52", 5, new String[] {"超市", "商业管理", "便利连锁"},
            "许可项目：食品销售；烟草制品零售（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：食用农产品零售；日用百货销售", true),
        new Industry("H62", 6, new String[] {"餐饮管理", "餐饮服务"},
            "许可项目：餐饮服务；食品销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：餐饮管理", true),
        new Industry("H61", 2, new String[] {"酒店管理", "宾馆"},
            "许可项目：住宿服务；餐饮服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：酒店管理", true),
        new Industry("G54", 3, new String[] {"物流", "运输"},
            "许可项目：道路货物运输（不含危险货物）（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：国内货物运输代理；普通货物仓储服务（不含危险化学品等需许可审批的项目）", false),
        new Industry("G59", 2, new String[] {"仓储", "供应链"},
            "一般项目：普通货物仓储服务（不含危险化学品等需许可审批的项目）；装卸搬运；供应链管理服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("E48", 2, new String[] {"建设工程", "市政工程"},
            "许可项目：建设工程施工（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：园林绿化工程施工；土石方工程施工", false),
        new Industry("E50", 2, new String[] {"装饰工程", "建筑装饰"},
            "许可项目：住宅室内装饰装修（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：建筑装饰材料销售", false),
        new Industry("K70", 2, new String[] {"置业", "物业管理"},
            "一般项目：物业管理；房地产经纪；非居住房地产租赁（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("L72", 4, new String[] {"企业管理咨询", "商务咨询", "会展服务"},
            "一般项目：企业管理咨询；信息咨询服务（不含许可类信息咨询服务）；会议及展览服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("M75", 3, new String[] {"生物科技", "新材料科技", "环保科技"},
            "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；新材料技术研发；环保咨询服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("O80", 1, new String[] {"家政服务", "保洁服务"},
            "一般项目：家政服务；专业保洁、清洗、消毒服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false));

    /** Individual businesses (个体工商户, USCC type 2): the word is the shop type. */
    static final List<Industry> INDIVIDUAL_INDUSTRIES = List.of(
        new Industry("H62", 10, new String[] {"面馆", "小吃店", "餐馆", "饭店", "馄饨店", "奶茶店"},
            "许可项目：餐饮服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：食品销售（仅销售预包装食品）", true),
        new Industry("F52", 8, new String[] {"便利店", "水果店", "副食品店", "生鲜店"},
            "许可项目：食品销售；烟草制品零售（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：食用农产品零售；日用百货销售", true),
        new Industry("H61", 1, new String[] {"旅馆"},
            "许可项目：住宿服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）", true),
        new Industry("O80", 2, new String[] {"理发店"}, "一般项目：理发服务；美甲服务", false),
        new Industry("O80", 1, new String[] {"洗衣店"}, "一般项目：洗烫服务；洗染服务", false),
        new Industry("O81", 2, new String[] {"汽车修理部"}, "一般项目：机动车修理和维护；汽车零配件零售", false),
        new Industry("O81", 1, new String[] {"家电维修部"}, "一般项目：日用电器修理；家用电器销售", false));

    /** Farmers' cooperatives (农民专业合作社, USCC type 3). */
    static final List<Industry> COOPERATIVE_INDUSTRIES = List.of(
        new Industry("A01", 4, new String[] {"水稻种植专业合作社", "蔬菜种植专业合作社", "果品专业合作社", "茶叶专业合作社"},
            "一般项目：组织收购、销售成员种植的农产品；为成员提供农业生产资料的购买；农业生产技术服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false),
        new Industry("A04", 2, new String[] {"水产养殖专业合作社"},
            "许可项目：水产养殖（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：组织收购、销售成员养殖的水产品", false),
        new Industry("A05", 1, new String[] {"农机专业合作社"},
            "一般项目：农业机械服务；农作物收割服务；农业生产托管服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）", false));

    static final String[] BRAND_A = "澜昱禾泓睿璟沐钧珩岚曜骁楠煦翊弈瑄骐梵霁堃钰淞琨峤翎澄熠濬珏".split("");
    static final String[] BRAND_B = "川辰拓源恒泰达桥芯港屿跃驰垣岳帆杉舟启联衡锦越和朗硕嘉".split("");

    static final class Business {
        String uscc, name, status, industry, scope, districtCode, address;
        char type;
        Person rep;
        BigDecimal capital;
        LocalDate established;
        boolean food;

        List<String> row() {
            return List.of(uscc, name, rep.name, rep.id, money(capital), established.toString(), scope, districtCode, address,
                status, industry);
        }
    }

    static final Set<String> usedUscc = new HashSet<>();
    static final Set<String> usedNames = new HashSet<>();

    static String newUscc(char type, String division) {
        while (true) {
            StringBuilder body = new StringBuilder();
            if (R.nextInt(100) < 65) {
                body.append("MA");
                for (int i = 0; i < 6; i++) body.append(USCC_ALPHABET.charAt(R.nextInt(USCC_ALPHABET.length())));
            } else {
                body.append((char) ('1' + R.nextInt(9)));
                for (int i = 0; i < 7; i++) body.append((char) ('0' + R.nextInt(10)));
            }
            String org = body.toString() + orgCodeCheckChar(body.toString());
            String first17 = "9" + type + division + org;
            String uscc = first17 + usccCheckChar(first17);
            if (usedUscc.add(uscc)) return uscc;
        }
    }

    static Industry pickIndustry(List<Industry> list) {
        int[] w = new int[list.size()];
        for (int i = 0; i < w.length; i++) w[i] = list.get(i).weight;
        return list.get(weighted(w));
    }

    static Person pickLegalRep(List<Person> residents, LocalDate established) {
        boolean fromRegister = R.nextInt(100) < 72;
        for (int attempt = 0; fromRegister && attempt < 50; attempt++) {
            Person p = pick(residents);
            int age = ageAt(p.birth, established);
            if (age >= 22 && age <= 70) return p;
        }
        // Someone not in the Suzhou residents register (born and registered elsewhere).
        LocalDate birth = dateBetween(established.minusYears(60), established.minusYears(23));
        if (birth.isBefore(LocalDate.of(1940, 1, 1))) birth = LocalDate.of(1940, 1, 1).plusDays(R.nextInt(3000));
        boolean male = R.nextInt(100) < 68;
        Person p = new Person();
        p.male = male;
        p.birth = birth;
        p.surname = SURNAMES[skewed(SURNAMES.length, 1.8)];
        p.name = p.surname + givenName(male, birth.getYear());
        p.id = newResidentId(pick(OTHER_BIRTH_CODES), birth, male);
        return p;
    }

    static List<Business> newBusinesses(int count, List<Person> residents) {
        List<Business> out = new ArrayList<>();
        while (out.size() < count) {
            Business b = new Business();
            int t = weighted(new int[] {74, 21, 5});
            b.type = "123".charAt(t);
            District d = pickDistrict();
            if (b.type == '3' && (d.code.equals("320508") || d.code.equals("320505"))) continue; // no farms in the old town
            Industry ind = pickIndustry(t == 0 ? ENTERPRISE_INDUSTRIES : t == 1 ? INDIVIDUAL_INDUSTRIES : COOPERATIVE_INDUSTRIES);
            String brand = pick(BRAND_A) + pick(BRAND_B);
            String word = pick(ind.words);
            String name;
            if (b.type == '1') {
                String prefix = d.county ? (R.nextBoolean() ? d.shortName() : d.name) : (R.nextInt(100) < 75 ? "苏州" : "苏州市" + d.name);
                name = prefix + brand + word + (R.nextInt(100) < 4 ? "股份有限公司" : "有限公司");
            } else {
                name = d.cityName() + brand + word;
            }
            if (!usedNames.add(name)) continue;
            b.name = name;
            b.industry = ind.code;
            b.scope = ind.scope;
            b.food = ind.food;
            b.districtCode = d.code;
            b.established = b.type == '3' ? dateBetween(LocalDate.of(2007, 7, 1), LocalDate.of(2024, 12, 31))
                : dateBetween(LocalDate.of(1998, 1, 1), LocalDate.of(2025, 6, 20));
            b.uscc = newUscc(b.type, d.code);
            b.rep = pickLegalRep(residents, b.established);
            long capital;
            if (b.type == '1') {
                long[] steps = {100_000, 300_000, 500_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000};
                capital = steps[skewed(steps.length, 1.4)];
                if (name.endsWith("股份有限公司") && capital < 5_000_000) capital = 5_000_000 * (1 + R.nextInt(4));
            } else if (b.type == '2') {
                capital = 1000L * (10 + R.nextInt(291));
            } else {
                capital = 10_000L * (10 + R.nextInt(191));
            }
            b.capital = BigDecimal.valueOf(capital);
            b.address = d.addressPrefix() + pick(d.roads) + (1 + R.nextInt(688)) + "号"
                + (R.nextBoolean() ? (1 + R.nextInt(12)) + "幢" + (1 + R.nextInt(9)) + "0" + (1 + R.nextInt(9)) + "室" : "");
            int age = (int) ChronoUnit.YEARS.between(b.established, AS_OF);
            int s = R.nextInt(100);
            b.status = s < (age > 10 ? 72 : 90) ? "存续" : s < (age > 10 ? 90 : 97) ? "注销" : "吊销";
            out.add(b);
        }
        return out;
    }

    // ------------------------------------------------------------------ social insurance

    static final String[] INSURANCE_TYPES = {"养老", "医疗", "失业", "工伤", "生育"};
    /** Illustrative Suzhou-like rates (employer, employee); not official figures. */
    static final Map<String, BigDecimal[]> RATES = new LinkedHashMap<>();
    static {
        RATES.put("养老", new BigDecimal[] {new BigDecimal("0.16"), new BigDecimal("0.08")});
        RATES.put("医疗", new BigDecimal[] {new BigDecimal("0.07"), new BigDecimal("0.02")});
        RATES.put("失业", new BigDecimal[] {new BigDecimal("0.005"), new BigDecimal("0.005")});
        RATES.put("生育", new BigDecimal[] {new BigDecimal("0.008"), BigDecimal.ZERO});
    }

    static BigDecimal workInjuryRate(String industry) {
        switch (industry.charAt(0)) {
            case 'I': case 'L': case 'M': case 'K': return new BigDecimal("0.002");
            case 'F': case 'H': case 'O': return new BigDecimal("0.004");
            case 'C': case 'A': return new BigDecimal("0.006");
            default: return new BigDecimal("0.010"); // E, G
        }
    }

    static final int BASE_MIN_2024 = 4500, BASE_MAX_2024 = 24000, BASE_MIN_2025 = 4600, BASE_MAX_2025 = 24500;

    static List<List<String>> newSocialInsurance(int target, List<Person> residents, List<Business> businesses) {
        List<Business> employers = new ArrayList<>();
        for (Business b : businesses) {
            if (b.status.equals("存续") && b.type != '3' && b.established.isBefore(LocalDate.of(2024, 1, 1))) {
                employers.add(b);
                if (b.type == '1') { employers.add(b); employers.add(b); } // companies employ more people
            }
        }
        List<Person> candidates = new ArrayList<>(residents);
        List<List<String>> rows = new ArrayList<>();
        Set<String> employed = new HashSet<>();
        YearMonth first = YearMonth.of(2024, 1), last = YearMonth.of(2025, 6);
        while (rows.size() < target) {
            Person p = pick(candidates);
            int age = ageAt(p.birth, LocalDate.of(2024, 1, 1));
            if (age < 18 || age >= (p.male ? 60 : 55) || !employed.add(p.id)) continue;
            Business e = pick(employers);
            YearMonth start = first.plusMonths(R.nextInt(18));
            int months = 1 + R.nextInt(12);
            int base2024 = Math.min(BASE_MAX_2024, BASE_MIN_2024 + (int) (Math.pow(R.nextDouble(), 2.2) * 16000));
            for (YearMonth ym = start; !ym.isAfter(last) && months-- > 0; ym = ym.plusMonths(1)) {
                int base = ym.getYear() == 2024 ? base2024 : Math.max(BASE_MIN_2025, Math.min(BASE_MAX_2025, (int) Math.round(base2024 * 1.03)));
                BigDecimal b = BigDecimal.valueOf(base);
                for (String type : INSURANCE_TYPES) {
                    BigDecimal[] rate = type.equals("工伤") ? new BigDecimal[] {workInjuryRate(e.industry), BigDecimal.ZERO} : RATES.get(type);
                    rows.add(List.of(p.id, e.uscc, type, ym.toString(), money(b), money(b.multiply(rate[0])), money(b.multiply(rate[1])),
                        e.districtCode));
                }
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ traffic

    record Station(String id, String road, String districtCode, String[] directions, int peakPerHour, int speedLimit, double heavyBase) { }

    static final List<Station> STATIONS = List.of(
        new Station("TC32050501", "枫林大道", "320505", new String[] {"东向西", "西向东"}, 2600, 60, 0.10),
        new Station("TC32050601", "滨湖大道", "320506", new String[] {"南向北", "北向南"}, 3000, 70, 0.08),
        new Station("TC32050701", "澄阳快速路", "320507", new String[] {"南向北", "北向南"}, 4200, 80, 0.14),
        new Station("TC32050801", "临河街", "320508", new String[] {"东向西", "西向东"}, 1100, 40, 0.02),
        new Station("TC32050901", "鲈乡大道", "320509", new String[] {"南向北", "北向南"}, 2400, 60, 0.12),
        new Station("TC32058101", "虞山大道", "320581", new String[] {"东向西", "西向东"}, 2000, 60, 0.11),
        new Station("TC32058201", "港城大道", "320582", new String[] {"东向西", "西向东"}, 2300, 60, 0.22),
        new Station("TC32058301", "前进路", "320583", new String[] {"东向西", "西向东"}, 3200, 60, 0.09),
        new Station("TC32058501", "浏河大道", "320585", new String[] {"南向北", "北向南"}, 1800, 60, 0.18));

    static final double[] WEEKDAY_PROFILE = {
        0.10, 0.07, 0.05, 0.05, 0.07, 0.17, 0.45, 0.88, 1.00, 0.76, 0.64, 0.63, 0.58, 0.60, 0.64, 0.70, 0.82, 0.98, 0.90, 0.62,
        0.48, 0.38, 0.27, 0.17};
    static final double[] WEEKEND_PROFILE = {
        0.14, 0.09, 0.06, 0.05, 0.05, 0.09, 0.20, 0.38, 0.55, 0.68, 0.75, 0.74, 0.70, 0.70, 0.72, 0.74, 0.75, 0.72, 0.66, 0.58,
        0.50, 0.42, 0.32, 0.22};

    static List<List<String>> newTraffic() {
        List<List<String>> rows = new ArrayList<>();
        LocalDate monday = LocalDate.of(2025, 3, 3);
        for (Station s : STATIONS) {
            for (int day = 0; day < 7; day++) {
                LocalDate date = monday.plusDays(day);
                boolean weekend = day >= 5;
                for (int hour = 0; hour < 24; hour++) {
                    for (int dir = 0; dir < 2; dir++) {
                        double profile = (weekend ? WEEKEND_PROFILE : WEEKDAY_PROFILE)[hour];
                        double tidal = weekend ? 1.0 : hour < 12 ? (dir == 0 ? 1.15 : 0.85) : (dir == 0 ? 0.88 : 1.12);
                        int count = (int) Math.round(s.peakPerHour * profile * tidal * (0.9 + 0.2 * R.nextDouble()));
                        double load = count / (s.peakPerHour * 1.05);
                        double speed = s.speedLimit * (1.02 - 0.55 * Math.pow(Math.min(load, 1.2), 2.5)) * (0.95 + 0.08 * R.nextDouble());
                        speed = Math.max(8.0, speed);
                        double heavy = s.heavyBase * (hour < 6 || hour >= 22 ? 2.2 : 1.0) * (weekend ? 0.7 : 1.0) * (0.8 + 0.4 * R.nextDouble());
                        heavy = Math.min(0.6, heavy);
                        rows.add(List.of(s.id, s.road, s.districtCode, date.toString(), Integer.toString(hour), s.directions[dir],
                            Integer.toString(count), String.format(Locale.ROOT, "%.1f", speed), String.format(Locale.ROOT, "%.2f", heavy)));
                    }
                }
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ food safety

    /** A sample category; failedItems[i] are the test items a sample i can plausibly fail. */
    record FoodCategory(String category, String[] samples, String[][] failedItems) { }

    static final Map<String, FoodCategory> FOOD = new LinkedHashMap<>();
    /** spec: "sample=item|item/sample=item" */
    static void food(String category, String spec) {
        String[] parts = spec.split("/");
        String[] samples = new String[parts.length];
        String[][] items = new String[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            String[] kv = parts[i].split("=");
            samples[i] = kv[0];
            items[i] = kv[1].split("\\|");
        }
        FOOD.put(category, new FoodCategory(category, samples, items));
    }
    static {
        food("粮食加工品", "大米=镉(以Cd计)|黄曲霉毒素B1/小麦粉=脱氧雪腐镰刀菌烯醇|玉米赤霉烯酮/挂面=铅(以Pb计)");
        food("食用油、油脂及其制品", "菜籽油=酸价(KOH)|苯并[a]芘|溶剂残留量/大豆油=酸价(KOH)|过氧化值/花生油=黄曲霉毒素B1|苯并[a]芘/芝麻油=苯并[a]芘|酸价(KOH)");
        food("肉制品", "酱卤肉制品=菌落总数|大肠菌群|苯甲酸及其钠盐(以苯甲酸计)/熏煮香肠=亚硝酸盐(以亚硝酸钠计)|菌落总数/腊肉=过氧化值(以脂肪计)|亚硝酸盐(以亚硝酸钠计)/盐水鸭=菌落总数|大肠菌群");
        food("糕点", "月饼=过氧化值(以脂肪计)|脱氢乙酸及其钠盐(以脱氢乙酸计)/蛋糕=菌落总数|霉菌/面包=脱氢乙酸及其钠盐(以脱氢乙酸计)|霉菌/青团=菌落总数|糖精钠(以糖精计)");
        food("饮料", "包装饮用水=铜绿假单胞菌|溴酸盐/果汁饮料=菌落总数|霉菌/茶饮料=菌落总数|大肠菌群");
        food("酒类", "黄酒=甜蜜素(以环己基氨基磺酸计)|酒精度/白酒=甲醇|氰化物(以HCN计)|酒精度/啤酒=酒精度|甲醛");
        food("茶叶及相关制品", "绿茶=联苯菊酯|草甘膦/红茶=氯氟氰菊酯和高效氯氟氰菊酯/花茶=联苯菊酯|吡虫啉");
        food("调味品", "酱油=苯甲酸及其钠盐(以苯甲酸计)|氨基酸态氮/食醋=苯甲酸及其钠盐(以苯甲酸计)|总酸(以乙酸计)/味精=谷氨酸钠/辣椒酱=苯甲酸及其钠盐(以苯甲酸计)|山梨酸及其钾盐(以山梨酸计)");
        food("乳制品", "纯牛奶=蛋白质|非脂乳固体/发酵乳=大肠菌群|酵母|霉菌/调制乳=蛋白质|菌落总数");
        food("食用农产品", "韭菜=腐霉利|二甲戊灵/芹菜=毒死蜱|甲拌磷/豇豆=噻虫胺|灭蝇胺/普通白菜=啶虫脒/柑橘=丙溴磷|水胺硫磷/猪肉=磺胺类(总量)|恩诺沙星/鸡蛋=氟苯尼考|恩诺沙星/鲫鱼=恩诺沙星|孔雀石绿/淡水虾=呋喃唑酮代谢物|恩诺沙星");
        food("餐饮食品", "复用餐饮具=大肠菌群|阴离子合成洗涤剂(以十二烷基苯磺酸钠计)/油炸面制品=铝的残留量(干样品，以Al计)/自制发酵面制品=糖精钠(以糖精计)|甜蜜素(以环己基氨基磺酸计)/煎炸过程用油=极性组分|酸价(KOH)");
    }

    static String[] categoriesFor(String industry) {
        switch (industry) {
            case "C13": return new String[] {"粮食加工品", "食用油、油脂及其制品", "肉制品"};
            case "C14": return new String[] {"糕点", "肉制品", "调味品"};
            case "C15": return new String[] {"饮料", "酒类", "茶叶及相关制品"};
            case "H61": case "H62": return new String[] {"餐饮食品"};
            default: return new String[] {"粮食加工品", "食用油、油脂及其制品", "调味品", "乳制品", "饮料", "酒类", "食用农产品", "食用农产品", "食用农产品"};
        }
    }

    static String inspectorUnit(District d) {
        return R.nextInt(100) < 12 ? "苏州市市场监督管理局" : d.cityName() + "市场监督管理局";
    }

    static List<List<String>> newFoodInspections(int count, List<Business> businesses) {
        List<Business> food = new ArrayList<>();
        for (Business b : businesses)
            if (b.food && b.status.equals("存续") && b.established.isBefore(LocalDate.of(2025, 5, 1))) food.add(b);
        record Draft(Business b, LocalDate date, String category, String sample, String result, String failed, String unit) { }
        List<Draft> drafts = new ArrayList<>();
        while (drafts.size() < count) {
            Business b = pick(food);
            LocalDate from = b.established.isAfter(LocalDate.of(2024, 1, 1)) ? b.established.plusDays(30) : LocalDate.of(2024, 1, 1);
            if (from.isAfter(AS_OF)) continue;
            LocalDate date = dateBetween(from, AS_OF);
            FoodCategory c = FOOD.get(pick(categoriesFor(b.industry)));
            int si = R.nextInt(c.samples.length);
            boolean fail = R.nextInt(1000) < 38;
            drafts.add(new Draft(b, date, c.category, c.samples[si], fail ? "不合格" : "合格", fail ? pick(c.failedItems[si]) : "",
                inspectorUnit(DISTRICT_BY_CODE.get(b.districtCode))));
        }
        drafts.sort((x, y) -> x.date.compareTo(y.date));
        List<List<String>> rows = new ArrayList<>();
        int seq = 0;
        for (Draft d : drafts) {
            String id = "DC" + String.format(Locale.ROOT, "%02d", d.date.getYear() % 100) + d.b.districtCode
                + String.format(Locale.ROOT, "%05d", ++seq);
            rows.add(List.of(id, d.b.uscc, d.b.name, d.date.toString(), d.category, d.sample, d.result, d.failed, d.unit,
                d.b.districtCode));
        }
        return rows;
    }

    // ------------------------------------------------------------------ vaccinations

    static String clinicName(District d) {
        return d.cityName() + pick(d.streets) + "街道社区卫生服务中心";
    }

    static List<List<String>> newVaccinations(int target, List<Person> residents) {
        List<Person> order = new ArrayList<>(residents);
        java.util.Collections.shuffle(order, R);
        List<List<String>> rows = new ArrayList<>();
        LocalDate from = LocalDate.of(2019, 1, 1);
        for (Person p : order) {
            if (rows.size() >= target) break;
            District home = DISTRICT_BY_CODE.get(p.districtCode);
            District where = R.nextInt(100) < 94 ? home : pickDistrict();
            String clinic = clinicName(where);
            List<String[]> doses = new ArrayList<>(); // vaccine, dose, date
            // COVID-19 inactivated vaccine, 2021-2022
            if (R.nextInt(100) < 55 && p.birth.isBefore(LocalDate.of(2009, 1, 1))) {
                LocalDate d1 = dateBetween(LocalDate.of(2021, 3, 1), LocalDate.of(2021, 10, 31));
                LocalDate d2 = d1.plusDays(21 + R.nextInt(36));
                doses.add(new String[] {"新冠病毒灭活疫苗（Vero细胞）", "1", d1.toString()});
                doses.add(new String[] {"新冠病毒灭活疫苗（Vero细胞）", "2", d2.toString()});
                if (R.nextInt(100) < 70) doses.add(new String[] {"新冠病毒灭活疫苗（Vero细胞）", "3", d2.plusDays(183 + R.nextInt(240)).toString()});
            }
            // seasonal influenza: one dose per season (October-December)
            int fluRate = ageAt(p.birth, AS_OF) >= 60 ? 45 : 18;
            for (int season = 2019; season <= 2024; season++) {
                if (R.nextInt(100) < fluRate)
                    doses.add(new String[] {"四价流感病毒裂解疫苗", "1", dateBetween(LocalDate.of(season, 10, 1), LocalDate.of(season, 12, 31)).toString()});
            }
            int age = ageAt(p.birth, LocalDate.of(2022, 1, 1));
            if (age >= 60 && R.nextInt(100) < 25)
                doses.add(new String[] {"23价肺炎球菌多糖疫苗", "1", dateBetween(LocalDate.of(2020, 9, 1), AS_OF).toString()});
            if (age >= 50 && R.nextInt(100) < 10) {
                LocalDate d1 = dateBetween(LocalDate.of(2021, 1, 1), LocalDate.of(2024, 12, 31));
                doses.add(new String[] {"重组带状疱疹疫苗（CHO细胞）", "1", d1.toString()});
                doses.add(new String[] {"重组带状疱疹疫苗（CHO细胞）", "2", d1.plusDays(61 + R.nextInt(120)).toString()});
            }
            if (!p.male && age >= 16 && age <= 45 && R.nextInt(100) < 22) {
                LocalDate d1 = dateBetween(LocalDate.of(2019, 6, 1), LocalDate.of(2024, 6, 30));
                doses.add(new String[] {"九价人乳头瘤病毒疫苗", "1", d1.toString()});
                doses.add(new String[] {"九价人乳头瘤病毒疫苗", "2", d1.plusDays(60 + R.nextInt(20)).toString()});
                doses.add(new String[] {"九价人乳头瘤病毒疫苗", "3", d1.plusDays(180 + R.nextInt(40)).toString()});
            }
            if (age >= 18 && age <= 55 && R.nextInt(100) < 8) {
                LocalDate d1 = dateBetween(from, LocalDate.of(2024, 12, 31));
                doses.add(new String[] {"乙型肝炎疫苗（汉逊酵母）", "1", d1.toString()});
                doses.add(new String[] {"乙型肝炎疫苗（汉逊酵母）", "2", d1.plusDays(30 + R.nextInt(7)).toString()});
                doses.add(new String[] {"乙型肝炎疫苗（汉逊酵母）", "3", d1.plusDays(180 + R.nextInt(14)).toString()});
            }
            if (R.nextInt(100) < 5) {
                LocalDate d0 = dateBetween(from, LocalDate.of(2025, 5, 15));
                int[] days = {0, 3, 7, 14, 28};
                for (int i = 0; i < days.length; i++)
                    doses.add(new String[] {"冻干人用狂犬病疫苗（Vero细胞）", Integer.toString(i + 1), d0.plusDays(days[i]).toString()});
            }
            doses.sort((a, b) -> a[2].compareTo(b[2]));
            for (String[] v : doses) {
                if (LocalDate.parse(v[2]).isAfter(AS_OF) || LocalDate.parse(v[2]).isBefore(p.birth)) continue;
                rows.add(List.of(p.id, v[0], v[1], v[2], clinic, where.code));
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ CSV

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    static String csv(String[] header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", header)).append('\n');
        for (List<String> r : rows) {
            check(r.size() == header.length, "column count " + r);
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) sb.append(',');
                sb.append(csvField(r.get(i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { f.append('"'); i++; }
                else if (c == '"') quoted = false;
                else f.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') { row.add(f.toString()); f.setLength(0); }
            else if (c == '\n') { row.add(f.toString()); f.setLength(0); rows.add(row); row = new ArrayList<>(); }
            else f.append(c);
        }
        check(f.length() == 0 && row.isEmpty(), "file must end with a newline");
        return rows;
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "seeds/data");
        selfTestAlgorithms();

        List<Person> residents = newResidents(1500);
        List<Person> uploadSample = newResidents(150);
        List<List<String>> residentRows = new ArrayList<>();
        for (Person p : residents) residentRows.add(p.row());
        List<List<String>> errorRows = new ArrayList<>();
        for (Person p : uploadSample) errorRows.add(new ArrayList<>(p.row()));
        List<InjectedError> injected = injectErrors(errorRows);

        List<Business> businesses = newBusinesses(800, residents);
        List<List<String>> licenceRows = new ArrayList<>();
        for (Business b : businesses) licenceRows.add(b.row());
        List<List<String>> insuranceRows = newSocialInsurance(4000, residents, businesses);
        List<List<String>> trafficRows = newTraffic();
        List<List<String>> foodRows = newFoodInspections(1000, businesses);
        List<List<String>> vaccinationRows = newVaccinations(2000, residents);

        selfCheck(residentRows, errorRows, injected, businesses, insuranceRows, trafficRows, foodRows, vaccinationRows);

        Map<String, String> files = new TreeMap<>();
        files.put("residents.csv", csv(RESIDENT_HEADER, residentRows));
        files.put("residents-with-errors.csv", csv(RESIDENT_HEADER, errorRows));
        List<List<String>> expected = new ArrayList<>();
        for (InjectedError e : injected)
            expected.add(List.of(Integer.toString(e.dataRow + 2), errorRows.get(e.dataRow).get(0), e.field, e.code, e.note));
        files.put("residents-with-errors.expected.csv", csv(new String[] {"line", "resident_id", "field", "error", "note"}, expected));
        files.put("business-licences.csv", csv(new String[] {
            "uscc", "company_name", "legal_representative", "legal_rep_id", "registered_capital_cny", "established_date",
            "business_scope", "district_code", "address", "status", "industry_code"}, licenceRows));
        files.put("social-insurance-payments.csv", csv(new String[] {
            "resident_id", "employer_uscc", "insurance_type", "period", "contribution_base", "employer_amount", "employee_amount",
            "district_code"}, insuranceRows));
        files.put("traffic-counts.csv", csv(new String[] {
            "station_id", "road_name", "district_code", "date", "hour", "direction", "vehicle_count", "avg_speed_kmh",
            "heavy_vehicle_share"}, trafficRows));
        files.put("food-safety-inspections.csv", csv(new String[] {
            "inspection_id", "business_uscc", "business_name", "inspection_date", "product_category", "sample_name", "result",
            "failed_item", "inspector_unit", "district_code"}, foodRows));
        files.put("health-vaccinations.csv", csv(new String[] {
            "resident_id", "vaccine", "dose_number", "vaccination_date", "clinic_name", "district_code"}, vaccinationRows));

        Files.createDirectories(out);
        for (Map.Entry<String, String> f : files.entrySet())
            Files.write(out.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.UTF_8));
        long total = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            String text = new String(Files.readAllBytes(out.resolve(f.getKey())), StandardCharsets.UTF_8);
            check(text.equals(f.getValue()), "read-back " + f.getKey());
            if (!f.getKey().startsWith("residents-with-errors")) revalidateWritten(f.getKey(), parseCsv(text));
            long size = Files.size(out.resolve(f.getKey()));
            total += size;
            System.out.printf(Locale.ROOT, "%-40s %6d rows %9d bytes%n", f.getKey(), parseCsv(text).size() - 1, size);
        }
        System.out.printf(Locale.ROOT, "%-40s %16d bytes%n", "total", total);
    }

    static void selfTestAlgorithms() {
        check(validResidentId("11010519491231002X"), "GB 11643 known value");
        check(!validResidentId("110105194912310021"), "GB 11643 wrong check digit");
        check(orgCodeCheckChar("71526726") == 'X', "GB 11714 known value");
        check(validUscc("91350100M000100Y43"), "GB 32100 example");
        check(validUscc("9144030071526726XG"), "GB 32100 known value");
        check(!validUscc("9144030071526726XH"), "GB 32100 wrong check character");
        check(parseDate("19870230") == null && parseDate("19990229") == null && parseDate("20000229") != null, "calendar");
    }

    /** Re-validates every identifier column of a written (valid) file, by header name. */
    static void revalidateWritten(String file, List<List<String>> rows) {
        List<String> header = rows.get(0);
        for (List<String> r : rows.subList(1, rows.size())) {
            check(r.size() == header.size(), file + " column count");
            for (int i = 0; i < header.size(); i++) {
                String col = header.get(i), v = r.get(i);
                switch (col) {
                    case "resident_id": case "legal_rep_id": check(validResidentId(v), file + " " + col + " " + v); break;
                    case "uscc": case "employer_uscc": case "business_uscc": check(validUscc(v), file + " " + col + " " + v); break;
                    case "mobile": check(v.isEmpty() || validMobile(v), file + " mobile " + v); break;
                    case "district_code": check(validSuzhouDistrict(v), file + " district " + v); break;
                    default:
                        if (col.endsWith("_date") || col.equals("date")) check(validIsoDate(v) && !parseDate(v).isAfter(AS_OF), file + " " + col + " " + v);
                }
            }
        }
    }

    static void selfCheck(List<List<String>> residentRows, List<List<String>> errorRows, List<InjectedError> injected,
                          List<Business> businesses, List<List<String>> insuranceRows, List<List<String>> trafficRows,
                          List<List<String>> foodRows, List<List<String>> vaccinationRows) {
        // residents: every row valid, keys and mobiles unique, households consistent
        Map<String, LocalDate> birthById = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> mobiles = new HashSet<>();
        for (List<String> r : residentRows) {
            List<String> errors = residentRowErrors(r, seen);
            check(errors.isEmpty(), "residents.csv row " + r + " " + errors);
            if (!r.get(5).isEmpty()) check(mobiles.add(r.get(5)), "duplicate mobile " + r.get(5));
            check(r.get(8).substring(1, 7).equals(r.get(6)), "household district " + r);
            int age = ageAt(parseDate(r.get(3)), AS_OF);
            check(!r.get(9).equals("已婚") || age >= (r.get(2).equals("男") ? 22 : 20), "married below legal age " + r);
            birthById.put(r.get(0), parseDate(r.get(3)));
        }
        check(residentRows.size() == 1500, "resident count");

        // upload sample: exactly the injected errors are reported, nothing else; no overlap with the register
        Map<Integer, Set<String>> expected = new TreeMap<>();
        for (InjectedError e : injected) expected.computeIfAbsent(e.dataRow, k -> new HashSet<>()).add(e.field + ":" + e.code);
        Set<String> seenUpload = new HashSet<>();
        for (int i = 0; i < errorRows.size(); i++) {
            Set<String> got = new HashSet<>(residentRowErrors(errorRows.get(i), seenUpload));
            check(got.equals(expected.getOrDefault(i, Set.of())), "upload sample row " + i + " expected " + expected.get(i) + " got " + got);
            check(!birthById.containsKey(errorRows.get(i).get(0)), "upload sample overlaps the register at row " + i);
        }
        check(expected.size() == 15, "15 broken rows");

        // licences
        Map<String, Business> byUscc = new HashMap<>();
        for (Business b : businesses) {
            check(validUscc(b.uscc) && b.uscc.charAt(1) == b.type && b.uscc.substring(2, 8).equals(b.districtCode), "uscc " + b.uscc);
            check(byUscc.put(b.uscc, b) == null, "duplicate uscc " + b.uscc);
            check(validResidentId(b.rep.id), "legal rep id " + b.rep.id);
            int age = ageAt(b.rep.birth, b.established);
            check(age >= 18 && age <= 75, "legal rep age " + age + " " + b.uscc);
            check(b.rep.id.substring(6, 14).equals(b.rep.birth.toString().replace("-", "")), "rep birth");
            check(INDUSTRY_SHAPE.matcher(b.industry).matches(), "industry " + b.industry);
            check(List.of("存续", "注销", "吊销").contains(b.status), "status");
            check(b.capital.signum() > 0 && !b.established.isAfter(AS_OF), "capital/date " + b.uscc);
        }
        check(businesses.size() == 800 && usedNames.size() >= 800, "licence count");

        // social insurance: references resolve, amounts recompute, key unique
        Set<String> keys = new HashSet<>();
        for (List<String> r : insuranceRows) {
            check(birthById.containsKey(r.get(0)), "insured person not in register " + r.get(0));
            Business e = byUscc.get(r.get(1));
            check(e != null && e.status.equals("存续") && e.districtCode.equals(r.get(7)), "employer " + r.get(1));
            check(Arrays.asList(INSURANCE_TYPES).contains(r.get(2)), "insurance type " + r.get(2));
            check(PERIOD_SHAPE.matcher(r.get(3)).matches() && r.get(3).compareTo("2024-01") >= 0 && r.get(3).compareTo("2025-06") <= 0, "period " + r.get(3));
            check(keys.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3)), "duplicate payment key " + r);
            BigDecimal base = new BigDecimal(r.get(4));
            boolean y2024 = r.get(3).startsWith("2024");
            check(base.intValue() >= (y2024 ? BASE_MIN_2024 : BASE_MIN_2025) && base.intValue() <= (y2024 ? BASE_MAX_2024 : BASE_MAX_2025), "base " + base);
            BigDecimal[] rate = r.get(2).equals("工伤") ? new BigDecimal[] {workInjuryRate(e.industry), BigDecimal.ZERO} : RATES.get(r.get(2));
            check(r.get(5).equals(money(base.multiply(rate[0]))) && r.get(6).equals(money(base.multiply(rate[1]))), "amounts " + r);
        }

        // traffic
        Set<String> tkeys = new HashSet<>();
        for (List<String> r : trafficRows) {
            check(tkeys.add(r.get(0) + "|" + r.get(3) + "|" + r.get(4) + "|" + r.get(5)), "traffic key " + r);
            int hour = Integer.parseInt(r.get(4));
            double speed = Double.parseDouble(r.get(7)), share = Double.parseDouble(r.get(8));
            check(hour >= 0 && hour <= 23 && Integer.parseInt(r.get(6)) >= 0 && speed > 0 && speed <= 120 && share >= 0 && share <= 1, "traffic " + r);
        }

        // food safety
        Set<String> fids = new HashSet<>();
        for (List<String> r : foodRows) {
            check(fids.add(r.get(0)), "inspection id " + r.get(0));
            Business b = byUscc.get(r.get(1));
            check(b != null && b.name.equals(r.get(2)) && b.food && b.districtCode.equals(r.get(9)), "inspected business " + r);
            LocalDate d = parseDate(r.get(3));
            check(d != null && !d.isBefore(b.established) && !d.isAfter(AS_OF), "inspection date " + r);
            check(r.get(6).equals("合格") ? r.get(7).isEmpty() : r.get(6).equals("不合格") && !r.get(7).isEmpty(), "result/failed_item " + r);
            FoodCategory fc = FOOD.get(r.get(4));
            check(fc != null && Arrays.asList(fc.samples).contains(r.get(5)), "category/sample " + r);
            check(r.get(7).isEmpty() || Arrays.asList(fc.failedItems[Arrays.asList(fc.samples).indexOf(r.get(5))]).contains(r.get(7)), "failed item " + r);
        }

        // vaccinations
        Set<String> vkeys = new HashSet<>();
        for (List<String> r : vaccinationRows) {
            LocalDate birth = birthById.get(r.get(0));
            check(birth != null, "vaccinated person not in register " + r.get(0));
            LocalDate d = parseDate(r.get(3));
            check(d != null && !d.isBefore(birth) && !d.isAfter(AS_OF), "vaccination date " + r);
            check(vkeys.add(r.get(0) + "|" + r.get(1) + "|" + r.get(3)), "vaccination key " + r);
            check(vkeys.add(r.get(0) + "|" + r.get(1) + "|#" + r.get(2) + "|" + (r.get(1).startsWith("四价流感") ? r.get(3).substring(0, 4) : "")), "dose key " + r);
        }
    }
}
