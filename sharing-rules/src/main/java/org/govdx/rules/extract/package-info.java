/**
 * EXTRACT copies (DOMAIN rule 4, "obtainable but not removable"): rows written as NDJSON or CSV, masked as VIEW
 * masks them and marked with a keyed watermark; and the trace that names the agreement behind a leaked copy.
 * Decision 0041 describes the technique and its limits.
 */
package org.govdx.rules.extract;
