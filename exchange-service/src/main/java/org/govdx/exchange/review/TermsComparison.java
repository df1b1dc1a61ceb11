package org.govdx.exchange.review;

import org.govdx.rules.filter.Filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The provider may approve only the same or narrower terms than requested (DOMAIN rule 5: "narrows"):
 * fewer fields, a shorter term, a stricter mode, a tighter filter, a smaller quota, fewer users, a shorter
 * retention, a larger minimum group. {@link #widenings} lists every way approved terms are wider; an empty
 * list means the approval only narrows. A filter counts as tighter only when that can be seen from its
 * syntax (the requested filter AND something more); anything else is a widening.
 */
public final class TermsComparison {

    private TermsComparison() {
    }

    /** One difference between requested and approved terms. */
    public record Difference(String term, Object requested, Object approved, boolean widens) {
    }

    public static List<String> widenings(Terms requested, Terms approved) {
        return differences(requested, approved).stream().filter(Difference::widens).map(Difference::term).toList();
    }

    public static List<Difference> differences(Terms requested, Terms approved) {
        List<Difference> out = new ArrayList<>();
        if (!requested.fields().equals(approved.fields())) {
            out.add(new Difference("fields", requested.fields(), approved.fields(), !new HashSet<>(requested.fields()).containsAll(approved.fields())));
        }
        for (String field : approved.fields()) {
            String was = requested.masking().get(field);
            String now = approved.masking().get(field);
            if (!Objects.equals(was, now)) {
                // clearing a requested mask (or asking for clear where a mask was requested) widens
                boolean widens = "none".equals(now) && !"none".equals(was) || now == null && was != null;
                out.add(new Difference("masking." + field, was, now, widens));
            }
        }
        if (!requested.purpose().equals(approved.purpose()) || !Objects.equals(requested.purposeDetail(), approved.purposeDetail())) {
            out.add(new Difference("purpose", requested.purpose(), approved.purpose(), true));
        }
        if (!Objects.equals(requested.legalBasis(), approved.legalBasis())) {
            out.add(new Difference("legalBasis", requested.legalBasis(), approved.legalBasis(), true));
        }
        if (requested.mode() != approved.mode()) {
            out.add(new Difference("mode", requested.mode(), approved.mode(), !approved.mode().isStricterThan(requested.mode())));
        }
        if (!Objects.equals(requested.rowFilter(), approved.rowFilter())) {
            out.add(new Difference("rowFilter", requested.rowFilter(), approved.rowFilter(), !filterNarrows(requested.rowFilter(), approved.rowFilter())));
        }
        if (!requested.termStart().equals(approved.termStart())) {
            out.add(new Difference("termStart", requested.termStart(), approved.termStart(), approved.termStart().isBefore(requested.termStart())));
        }
        if (!requested.termEnd().equals(approved.termEnd())) {
            out.add(new Difference("termEnd", requested.termEnd(), approved.termEnd(), approved.termEnd().isAfter(requested.termEnd())));
        }
        if (requested.dailyRowQuota() != approved.dailyRowQuota()) {
            out.add(new Difference("dailyRowQuota", requested.dailyRowQuota(), approved.dailyRowQuota(), approved.dailyRowQuota() > requested.dailyRowQuota()));
        }
        if (requested.expectedVolume() != approved.expectedVolume()) {
            out.add(new Difference("expectedVolume", requested.expectedVolume(), approved.expectedVolume(), approved.expectedVolume() > requested.expectedVolume()));
        }
        if (requested.retentionDays() != approved.retentionDays()) {
            out.add(new Difference("retentionDays", requested.retentionDays(), approved.retentionDays(), approved.retentionDays() > requested.retentionDays()));
        }
        if (requested.minGroupSize() != approved.minGroupSize()) {
            out.add(new Difference("minGroupSize", requested.minGroupSize(), approved.minGroupSize(), approved.minGroupSize() < requested.minGroupSize()));
        }
        if (!requested.authorisedUsers().equals(approved.authorisedUsers())) {
            out.add(new Difference("authorisedUsers", requested.authorisedUsers(), approved.authorisedUsers(),
                    !new HashSet<>(requested.authorisedUsers()).containsAll(approved.authorisedUsers())));
        }
        return out;
    }

    private static boolean filterNarrows(String requested, String approved) {
        if (approved == null) {
            return requested == null;
        }
        if (requested == null) {
            return true; // any filter restricts "all rows"
        }
        return Filter.impliesSyntactically(Filter.parse(approved), Filter.parse(requested));
    }
}
