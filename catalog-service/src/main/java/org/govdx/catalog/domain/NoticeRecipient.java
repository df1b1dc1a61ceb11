package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A department a notice is addressed to, with the agreement (and the dataset version it names) that makes it a consumer. */
@Entity
@Table(name = "notice_recipient")
public class NoticeRecipient extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "notice_id", nullable = false)
    public UUID noticeId;

    @Column(nullable = false)
    public String department;

    @Column(name = "agreement_id")
    public String agreementId;

    @Column(name = "dataset_version")
    public Integer datasetVersion;
}
