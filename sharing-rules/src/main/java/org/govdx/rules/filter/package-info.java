/**
 * The row-filter language of agreements and data calls — DOMAIN rule 5 ("a request names ... row filter,
 * e.g. only the consumer's district"). A hand-written recursive-descent {@link org.govdx.rules.filter.FilterParser}
 * turns text into an immutable {@link org.govdx.rules.filter.Filter} tree, which can be printed back, evaluated
 * on an in-memory row with SQL three-valued logic, and rendered to a parameterised PostgreSQL fragment.
 * The grammar is in the module's README.md and on {@link org.govdx.rules.filter.FilterParser}.
 */
package org.govdx.rules.filter;
