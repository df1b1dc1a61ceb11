package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A field of a dataset version as a row, derived from {@link DatasetVersion#fields}: what the data-element
 * filter, "who publishes element X" and the overlap check query.
 */
@Entity
@Table(name = "dataset_field")
public class DatasetField extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "dataset_id", nullable = false)
    public UUID datasetId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    @Column(name = "title_zh", nullable = false)
    public String titleZh;

    @Column(name = "title_en", nullable = false)
    public String titleEn;

    @Column(nullable = false)
    public String type;

    @Column(name = "data_element")
    public String dataElement;

    @Column(name = "field_class", nullable = false)
    public String fieldClass;
}
