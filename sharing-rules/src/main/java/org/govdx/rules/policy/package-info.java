/**
 * The policy decision point — DOMAIN rules 1 (three classes), 2 (grading inside a dataset), 3 (masking),
 * 4 (access modes) and 5 (agreements: fields, purpose, mode, row filter, term, volume).
 *
 * <p>{@link org.govdx.rules.policy.PolicyDecisionPoint#decide} is a pure function of a
 * {@link org.govdx.rules.policy.Caller}, a {@link org.govdx.rules.policy.DatasetView}, an optional
 * {@link org.govdx.rules.policy.Grant} and a {@link org.govdx.rules.policy.DataRequest}; it returns a
 * {@link org.govdx.rules.policy.Decision}: a {@link org.govdx.rules.policy.Plan} to execute, or a
 * {@link org.govdx.rules.policy.DenyReason}. Above every other rule: a field the caller was not granted
 * never influences a response, not even an error message.
 */
package org.govdx.rules.policy;
