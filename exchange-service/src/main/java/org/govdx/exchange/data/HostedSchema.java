package org.govdx.exchange.data;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an upload is checked against: one catalog dataset version's fields (name, value type, required, key)
 * and, per field mapped to a shared data element, that element's validator (DOMAIN rule 9).
 */
public record HostedSchema(UUID datasetId, int version, String ownerDepartment, String distributionMode, List<Field> fields) {

    /** Value types as the catalog names them. */
    public enum ValueType { STRING, INTEGER, DECIMAL, DATE, DATETIME, BOOLEAN, ENUM }

    /** A data element's check: validator RESIDENT_ID, USCC, MOBILE, DIVISION_CODE, DATE, ENUM, PATTERN or NONE. */
    public record Element(String code, String validator, String pattern, List<String> enumValues) {
    }

    public record Field(String name, ValueType type, boolean required, boolean key, Element element) {
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> keyFields() {
        return fields.stream().filter(Field::key).map(Field::name).toList();
    }

    static HostedSchema of(UUID id, int version, String owner, String mode, List<Field> fields) {
        return new HostedSchema(id, version, owner, mode, List.copyOf(fields));
    }

    static Map<String, Field> byName(HostedSchema schema) {
        Map<String, Field> map = new java.util.LinkedHashMap<>();
        schema.fields().forEach(f -> map.put(f.name(), f));
        return map;
    }
}
