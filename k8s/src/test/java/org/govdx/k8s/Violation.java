package org.govdx.k8s;

/** One broken rule: which rule, on which object, and what is wrong. */
record Violation(String rule, String object, String message) {

    @Override
    public String toString() {
        return "[" + rule + "] " + object + ": " + message;
    }
}
