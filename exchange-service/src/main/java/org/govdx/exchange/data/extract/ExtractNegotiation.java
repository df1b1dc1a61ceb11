package org.govdx.exchange.data.extract;

import org.govdx.common.problem.ProblemException;
import org.govdx.rules.extract.ExtractFormat;

/** The format of an EXTRACT copy: {@code ?format=ndjson|csv} wins, else an Accept naming text/csv, else NDJSON. */
public final class ExtractNegotiation {

    private ExtractNegotiation() {
    }

    public static ExtractFormat format(String formatParam, String accept) {
        if (formatParam != null && !formatParam.isBlank()) {
            return ExtractFormat.parse(formatParam).orElseThrow(() -> ProblemException.badRequest("format is ndjson or csv"));
        }
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv")) {
            return ExtractFormat.CSV;
        }
        return ExtractFormat.NDJSON;
    }
}
