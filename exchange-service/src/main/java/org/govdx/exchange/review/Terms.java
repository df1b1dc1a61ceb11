package org.govdx.exchange.review;

import org.govdx.rules.classification.AccessMode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a consumer asks for and, once agreed, what an agreement grants (DOMAIN rule 5).
 *
 * @param fields          the dataset fields, in order
 * @param masking         per-field masking rule text overriding the field's default ("none" = in clear)
 * @param purpose         a code of the controlled purpose list
 * @param purposeDetail   the usage scenario in the consumer's words
 * @param legalBasis      the consumer's legal basis for the use
 * @param mode            AGGREGATE, VIEW or EXTRACT
 * @param rowFilter       row filter over granted fields (filter language of sharing-rules), or null
 * @param termStart       first day of use
 * @param termEnd         last day of use
 * @param dailyRowQuota   rows per day the consumer may read (VIEW/EXTRACT)
 * @param expectedVolume  rows per day the consumer expects to read
 * @param retentionDays   how long the consumer may keep what it obtained; deleted afterwards
 * @param minGroupSize    AGGREGATE: groups smaller than this are suppressed
 * @param authorisedUsers the named people or department systems of the consumer allowed to use it
 */
public record Terms(List<String> fields, Map<String, String> masking, String purpose, String purposeDetail, String legalBasis,
                    AccessMode mode, String rowFilter, LocalDate termStart, LocalDate termEnd, long dailyRowQuota,
                    long expectedVolume, int retentionDays, int minGroupSize, List<String> authorisedUsers) {

    public Terms {
        fields = List.copyOf(fields);
        masking = masking == null ? Map.of() : Map.copyOf(masking);
        authorisedUsers = List.copyOf(authorisedUsers);
    }
}
