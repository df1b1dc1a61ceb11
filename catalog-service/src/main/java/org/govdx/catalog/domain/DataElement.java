package org.govdx.catalog.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.List;

/** A shared data element (DOMAIN rule 9): the standard a dataset field maps to. */
@Entity
@Table(name = "data_element")
public class DataElement extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    @Column(nullable = false)
    public String definition;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ValueType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ElementValidator validator;

    public String pattern;

    @Convert(converter = Json.StringList.class)
    @Column(name = "enum_values")
    public List<String> enumValues;

    @Enumerated(EnumType.STRING)
    @Column(name = "collection_frequency", nullable = false)
    public Frequency collectionFrequency;

    @Column(name = "source_department")
    public String sourceDepartment;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
