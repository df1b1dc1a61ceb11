package org.govdx.k8s;

/** Kubernetes resource quantities: CPU in millicores, memory in bytes. */
final class Quantities {

    private Quantities() {
    }

    static long millicores(String q) {
        q = q.trim();
        if (q.endsWith("m")) {
            return Long.parseLong(q.substring(0, q.length() - 1));
        }
        return Math.round(Double.parseDouble(q) * 1000);
    }

    static long bytes(String q) {
        q = q.trim();
        String[][] units = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        for (String[] u : units) {
            if (q.endsWith(u[0])) {
                return Math.round(Double.parseDouble(q.substring(0, q.length() - u[0].length())) * Long.parseLong(u[1]));
            }
        }
        return Math.round(Double.parseDouble(q));
    }

    static String mib(long bytes) {
        return (bytes / 1048576) + "Mi";
    }
}
