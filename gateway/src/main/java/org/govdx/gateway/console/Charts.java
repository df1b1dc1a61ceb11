package org.govdx.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.qute.RawString;

/** Chart data embedded in a page as JSON inside a script element (ECharts draws it); "</" is escaped so the data cannot end the element. */
final class Charts {

    private Charts() {
    }

    static RawString json(Object data) {
        try {
            return new RawString(ServiceClient.JSON.writeValueAsString(data).replace("</", "<\\/").replace("<!--", "<\\!--"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
