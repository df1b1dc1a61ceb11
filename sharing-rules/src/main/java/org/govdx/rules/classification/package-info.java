/**
 * Sharing classes and access modes — DOMAIN rules 1, 2 and 4.
 */
package org.govdx.rules.classification;
