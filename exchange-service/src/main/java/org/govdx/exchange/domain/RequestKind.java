package org.govdx.exchange.domain;

/** A request for a RESTRICTED dataset becomes a signed AGREEMENT; one for an OPEN dataset an OPEN_USE grant. */
public enum RequestKind { AGREEMENT, OPEN_USE }
