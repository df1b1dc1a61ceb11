package org.govdx.catalog.domain;

/** Why consumers are notified: the dataset is retired, or a version drops or re-classes fields. */
public enum NoticeKind {
    RETIREMENT, BREAKING_VERSION
}
